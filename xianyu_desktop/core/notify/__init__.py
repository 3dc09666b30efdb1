"""Notifications: alerts delivered to the seller's phone through Apprise channels (WeCom, DingTalk,
Feishu, Bark, ServerChan, PushPlus, ntfy, Telegram, email, json webhooks)."""
