"""Xianyu Desk: a desktop tool for Xianyu sellers over the official signed item_get API."""

APP_NAME = "xianyu-desktop"

# The one place the version is written: pyproject.toml reads it from here (so the package metadata and
# build.spec agree with it), and reading it costs nothing at start-up (importlib.metadata costs ~25 ms).
__version__ = "0.1.0"
