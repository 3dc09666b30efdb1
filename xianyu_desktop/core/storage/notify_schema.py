"""Schema rung 7: notification channels, their outbox, and the store's named locks.

A channel row keeps its name, scheme, masked form and kinds, never its URL (the token lives in the OS
keyring under ``keyring_key``). The outbox holds one row per alert and channel with its delivery state;
``notify_cursor`` is the last alert id already queued, so every alert is queued exactly once (alerts
raised before this rung are history, not news). ``store_locks`` holds the poll lock and the delivery
lock: one row per name, taken in a write transaction, stale once its ``expires`` has passed."""

from __future__ import annotations

NOTIFY_MIGRATION = (
    "CREATE TABLE notify_channels (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, scheme TEXT NOT NULL,"
    " masked TEXT NOT NULL, kinds TEXT NOT NULL, created_at REAL NOT NULL, keyring_key TEXT NOT NULL UNIQUE,"
    " loopback TEXT) STRICT",
    # state: pending | failed | held | delivered; a failed row is retried like a pending one, never dropped.
    "CREATE TABLE notify_outbox (alert_id INTEGER NOT NULL, channel_id INTEGER NOT NULL REFERENCES"
    " notify_channels ON DELETE CASCADE, item_id TEXT NOT NULL, queued_at REAL NOT NULL,"
    " state TEXT NOT NULL DEFAULT 'pending', held_reason TEXT, held_until REAL, attempts INTEGER NOT NULL"
    " DEFAULT 0, last_error TEXT, last_try REAL, delivered_at REAL, message_no INTEGER,"
    " PRIMARY KEY (alert_id, channel_id)) STRICT",
    "CREATE INDEX notify_outbox_open ON notify_outbox (channel_id, state)",
    "CREATE INDEX notify_outbox_sent ON notify_outbox (channel_id, delivered_at)",
    "CREATE TABLE notify_cursor (id INTEGER PRIMARY KEY CHECK (id = 1), alert_id INTEGER NOT NULL) STRICT",
    "INSERT INTO notify_cursor (id, alert_id) SELECT 1, coalesce(max(id), 0) FROM alerts",
    "CREATE TABLE store_locks (name TEXT PRIMARY KEY, owner TEXT NOT NULL, pid INTEGER NOT NULL,"
    " host TEXT NOT NULL, taken_at REAL NOT NULL, heartbeat REAL NOT NULL, expires REAL NOT NULL) STRICT",
)
