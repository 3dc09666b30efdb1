"""A local stand-in for the item_get gateway, faithful to the protocol; used by demo mode and tests."""
