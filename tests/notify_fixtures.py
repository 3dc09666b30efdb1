"""For notification tests: a loopback webhook (a real http.server in a thread that records every POST,
Apprise's json:// posting a JSON body with title and message, and answers with scripted status codes)
and the tests' in-memory keyring (the window's session-swap test uses it too)."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from keyring.backend import KeyringBackend


class Receiver:
    def __init__(self) -> None:
        self.posts: list[dict[str, Any]] = []
        self.answers: list[int] = []  # status codes to answer in turn; 200 once they run out
        self.connections = 0
        self._lock = threading.Lock()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                with receiver._lock:
                    status = receiver.answers.pop(0) if receiver.answers else 200
                    if status == 200:
                        receiver.posts.append({"path": self.path, **json.loads(raw.decode("utf-8"))})
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        class Server(http.server.ThreadingHTTPServer):
            def verify_request(self, request: Any, client_address: Any) -> bool:
                with receiver._lock:
                    receiver.connections += 1
                return True

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, token: str = "tokABCDEFGH12345678") -> str:
        return f"json://127.0.0.1:{self.port}/hook/{token}"

    @property
    def messages(self) -> list[str]:
        return [f"{p.get('title', '')}\n{p.get('message', '')}" for p in self.posts]


@contextmanager
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    r.thread.start()
    try:
        yield r
    finally:
        r.server.shutdown()
        r.server.server_close()


class MemoryKeyring(KeyringBackend):
    """Secrets in memory (no Secret Service on the test machine), passed to the code under test explicitly
    or set with ``keyring.set_keyring`` for one test; the one in-memory keyring of the tests."""

    # Every KeyringBackend subclass registers itself with keyring when its module is imported (at
    # collection). Above 0 it would be a viable backend and make keyring's own choice, for every later
    # test, a ChainerBackend instead of the Secret Service; below fail.Keyring (0) it is never chosen by itself.
    priority = -1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)
