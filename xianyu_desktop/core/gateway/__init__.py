"""The signed item_get gateway: configuration, signing, the protocol's answers, the paced client with its rate
limiter and quota, and batch planning. Never imports storage."""
