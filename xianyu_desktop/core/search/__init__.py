"""Keyword search: pages of ``xianyu.item.search`` through the shared client, cached briefly, streamed."""
