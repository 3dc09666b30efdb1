"""Network safety shared by every outbound request: the one shared httpx client, bounded reads with an overall
deadline, the address guard (no loopback/private/metadata targets), and secret redaction."""
