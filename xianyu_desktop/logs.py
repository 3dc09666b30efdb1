"""Application logging: one rotating file in the log folder, with signatures and secrets scrubbed
from every record, and the HTTP libraries held at WARNING so no level the app sets makes them print
requests."""

from __future__ import annotations

import io
import logging
import os
from pathlib import Path

from xianyu_desktop.core.net.redact import known_secrets, scrub
from xianyu_desktop.core.storage.private_files import open_private_append, private_folder

ENV_LOG_LEVEL = "XIANYU_DESKTOP_LOG_LEVEL"
APP_LOG = "xianyu-desktop.log"
# apprise: its debug lines name a channel's URL, token included (core/notify/apprise_link.py)
_QUIET = ("httpx", "httpcore", "hpack", "urllib3", "keyring", "secretstorage", "jeepney", "apprise")


class RedactingFilter(logging.Filter):
    """Scrubs anything shaped like a signature or an app_secret parameter, and known secret values."""

    def __init__(self, secrets: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.secrets = known_secrets(secrets)

    def scrub(self, text: str) -> str:
        return scrub(text, self.secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = self.scrub(message)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.scrub(record.exc_text)
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, None
        return True


def _private_log_handler(path: Path) -> logging.FileHandler:
    """A daily rotating log whose files (today's and each new day's) are 0600 from their creation."""
    from logging.handlers import TimedRotatingFileHandler  # ~8 ms of imports, kept off the first paint

    class PrivateRotatingFileHandler(TimedRotatingFileHandler):
        def _open(self) -> io.TextIOWrapper:
            return open_private_append(Path(self.baseFilename), encoding=self.encoding, errors=self.errors)

    return PrivateRotatingFileHandler(path, when="midnight", backupCount=14, encoding="utf-8")


def configure_logging(log_dir: Path, *, level: str | None = None, secrets: tuple[str, ...] = ()) -> Path:
    """Send the app's log to ``log_dir``; returns the log file's path."""
    chosen = (level or os.environ.get(ENV_LOG_LEVEL) or "INFO").upper()
    numeric = logging.getLevelName(chosen)
    if not isinstance(numeric, int):
        numeric = logging.INFO
    private_folder(log_dir)
    path = log_dir / APP_LOG
    handler = _private_log_handler(path)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter(secrets))
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_xianyu_app_log", False)]:
        root.removeHandler(old)
        old.close()
    handler._xianyu_app_log = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(numeric)
    for name in _QUIET:
        logging.getLogger(name).setLevel(max(numeric, logging.WARNING))
    return path
