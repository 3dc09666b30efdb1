"""The GUI fixtures of tests/ui, for the reliability tests that drive the real window."""

from tests.ui.conftest import open_window, use_gateway

__all__ = ["open_window", "use_gateway"]
