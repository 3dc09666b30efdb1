"""The watchlist: pure rules over observations, the poll plan within the quota, the stored watchlist and the poller."""
