"""The Qt layer: thin views and controllers over the core. No widget opens a database, reads the
keyring or builds an HTTP request; background work goes through ui.tasks."""
