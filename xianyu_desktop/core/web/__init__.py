"""What the app fetches from the web besides the gateway: item pictures (disk-cached) and short-link resolution."""
