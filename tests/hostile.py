"""A hostile HTTP server on 127.0.0.1 for the bounds tests: answers that are huge, never end or trickle,
scripted per path, over real sockets (optionally TLS with a certificate made in the test)."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import os
import resource
import ssl
import subprocess
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

Behaviour = Callable[[BaseHTTPRequestHandler, threading.Event], None]

CHUNK = b"\0" * 65536


def huge_with_length(total: int) -> Behaviour:
    """Declares ``total`` bytes and sends them (until the client hangs up)."""

    def serve(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(total))
        handler.end_headers()
        sent = 0
        while sent < total and not stop.is_set():
            handler.wfile.write(CHUNK)
            sent += len(CHUNK)

    return serve


def huge_chunked(total: int) -> Behaviour:
    """Sends ``total`` bytes chunked, no length declared."""

    def serve(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        sent = 0
        while sent < total and not stop.is_set():
            handler.wfile.write(b"%x\r\n%s\r\n" % (len(CHUNK), CHUNK))
            sent += len(CHUNK)
        handler.wfile.write(b"0\r\n\r\n")

    return serve


def trickle(interval: float = 0.02) -> Behaviour:
    """A chunked answer of one byte every ``interval`` seconds, forever."""

    def serve(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        handler.wfile.write(b"1\r\n{\r\n")
        while not stop.wait(interval):
            handler.wfile.write(b"1\r\n \r\n")
            handler.wfile.flush()

    return serve


def stall_after_first_byte() -> Behaviour:
    """Declares a small body, sends one byte of it, then sends nothing until the test ends."""

    def serve(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", "100")
        handler.end_headers()
        handler.wfile.write(b"{")
        handler.wfile.flush()
        stop.wait()

    return serve


def body(data: bytes, content_type: str = "application/json") -> Behaviour:
    def serve(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    return serve


def echo_error(secret: str) -> Behaviour:
    """A gateway that refuses the call and echoes it back: the request's signature (as ``sign=…``, bare and
    upper-case) and the app secret (as a parameter and in a sentence) in every text of its error_response."""

    def serve(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        form = dict(urllib.parse.parse_qsl(getattr(handler, "request_body", b"").decode("utf-8")))
        sign = form.get("sign", "")
        error = {
            "code": 25,
            "msg": f"Invalid signature sign={sign} app_secret={secret}",
            "sub_code": f"isv.invalid-signature:{sign.upper()}",
            "sub_msg": f"the secret {secret} does not sign {form.get('item_id')} as {sign}",
            "request_id": sign,
        }
        data = json.dumps({"error_response": error}).encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    return serve


class HostileServer:
    def __init__(self, routes: dict[str, Behaviour], tls: ssl.SSLContext | None = None) -> None:
        self.routes = routes
        self.stop = threading.Event()
        self.requests: list[str] = []
        self.bodies: list[bytes] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.request_body = self.rfile.read(length) if length else b""
                outer.bodies.append(self.request_body)
                path = self.path.split("?")[0]
                outer.requests.append(path)
                behaviour = outer.routes.get(path)
                try:
                    if behaviour is None:
                        self.send_error(404)
                    else:
                        behaviour(self, outer.stop)
                except (BrokenPipeError, ConnectionResetError, ssl.SSLError, OSError):
                    self.close_connection = True

            do_GET = _serve
            do_POST = _serve

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        if tls is not None:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.scheme = "https" if tls is not None else "http"
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> HostileServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()


def self_signed_context(folder: Path, name: str = "127.0.0.1") -> ssl.SSLContext:
    """A server TLS context with a certificate for ``name`` (an address or a host name) signed by itself,
    in ``folder/cert.pem``: made with ``cryptography`` when installed, else with the ``openssl`` command
    (neither: the test fails, it is not skipped)."""
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    try:
        _write_with_cryptography(cert_path, key_path, name)
    except ImportError:
        san = f"IP:{name}" if _is_address(name) else f"DNS:{name}"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
             "-keyout", str(key_path), "-out", str(cert_path), "-days", "1", "-subj", f"/CN={name}",
             "-addext", f"subjectAltName={san}"],
            check=True, capture_output=True,
        )  # fmt: skip
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    return context


def _is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def _write_with_cryptography(cert_path: Path, key_path: Path, host: str) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    san = x509.IPAddress(ipaddress.ip_address(host)) if _is_address(host) else x509.DNSName(host)
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([san]), False)
        .sign(key, hashes.SHA256())
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )


def current_rss() -> int:
    """This process's resident set size now, in bytes (Linux /proc; else the peak from getrusage)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


@contextmanager
def peak_rss_growth(interval: float = 0.005) -> Iterator[list[int]]:
    """Samples RSS in a thread while the block runs; the yielded list holds [peak growth in bytes]."""
    base = current_rss()
    peak = [base]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(interval):
            peak[0] = max(peak[0], current_rss())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    result = [0]
    try:
        yield result
    finally:
        done.set()
        sampler.join()
        peak[0] = max(peak[0], current_rss())
        result[0] = peak[0] - base


def elapsed(start: float) -> float:
    return time.monotonic() - start
