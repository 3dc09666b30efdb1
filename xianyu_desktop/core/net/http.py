"""The one HTTP client of the process: keep-alive, a bounded pool, explicit timeouts, our User-Agent."""

from __future__ import annotations

import httpx

from xianyu_desktop import APP_NAME, __version__

DEFAULT_TIMEOUT = 15.0
CONNECT_TIMEOUT = 5.0


def user_agent() -> str:
    return f"{APP_NAME}/{__version__} httpx/{httpx.__version__}"


def make_http_client(*, timeout: float = DEFAULT_TIMEOUT, max_connections: int = 32) -> httpx.Client:
    """httpx.Client is thread-safe: make one per process and pass it to whatever needs it."""
    return httpx.Client(
        timeout=httpx.Timeout(timeout, connect=min(CONNECT_TIMEOUT, timeout)),
        limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections),
        headers={"User-Agent": user_agent()},
        follow_redirects=False,
    )
