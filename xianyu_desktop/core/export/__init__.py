"""Exports to .xlsx and CSV: columns, writers, the atomic file write and the sources (watchlist, cache, lookup
results)."""
