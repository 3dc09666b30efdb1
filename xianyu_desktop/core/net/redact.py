"""Scrubbing secrets and signatures out of text: the one redaction the log, the crash reports and every
error text the gateway sends back go through.

Shapes are caught whatever their value (``sign=<hex>``, any 64-hex run, which is what our HMAC-SHA256
signatures look like, ``app_secret=…``), and known values wherever they stand (the app secret, this
request's signature), so a gateway that echoes the secret in a sentence is scrubbed too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

HIDDEN = "[已隐藏]"
MIN_SECRET_LENGTH = 4  # shorter "secrets" would blank out ordinary words

_SIGNATURE = re.compile(r"(?i)(sign[\"']?\s*[=:]\s*[\"']?)[0-9a-f]{16,}|\b[0-9a-f]{64}\b")
_SECRET_PARAM = re.compile(r"(?i)(app_secret[\"']?\s*[=:]\s*[\"']?)[^&\s\"',}]+")


def known_secrets(values: Iterable[str | None]) -> tuple[str, ...]:
    """The values worth replacing wherever they appear: long enough, longest first (one may hold another)."""
    kept = {v for v in values if v and len(v) >= MIN_SECRET_LENGTH}
    return tuple(sorted(kept, key=len, reverse=True))


def scrub(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with every signature, ``app_secret`` parameter and known secret value replaced by HIDDEN."""
    for secret in known_secrets(secrets):
        text = text.replace(secret, HIDDEN)
    text = _SIGNATURE.sub(lambda m: (m.group(1) or "") + HIDDEN, text)
    return _SECRET_PARAM.sub(lambda m: m.group(1) + HIDDEN, text)
