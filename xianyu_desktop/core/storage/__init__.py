"""What the app keeps on disk: the SQLite store (watchlist, history, alerts, settings) and its backups, the
disposable cache, the quota ledger, the audit log, credentials in the OS keyring, private file modes."""
