"""Xianyu Desk: a desktop tool for Xianyu sellers over the official signed item_get API."""

from importlib.metadata import PackageNotFoundError, version

APP_NAME = "xianyu-desktop"

try:
    __version__ = version("xianyu-desktop")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
