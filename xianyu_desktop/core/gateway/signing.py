"""Request signing for the item_get gateway.

The seed's reference code is authoritative (its prose says "32 位", which is wrong for
SHA-256): drop ``sign`` and empty values, sort by name, form-encode, append the raw secret,
HMAC-SHA256 keyed with the secret, lower-case hex.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from urllib.parse import urlencode

SIGN_PARAM = "sign"


def string_to_sign(params: Mapping[str, str], app_secret: str) -> str:
    """The exact message that is HMAC'd; exposed so the sandbox verifies the same bytes."""
    kept = sorted((k, v) for k, v in params.items() if v and k != SIGN_PARAM)
    return urlencode(kept, encoding="utf-8") + f"&app_secret={app_secret}"


def sign_params(params: Mapping[str, str], app_secret: str) -> str:
    """64 lower-case hex characters."""
    message = string_to_sign(params, app_secret)
    return hmac.new(app_secret.encode("utf-8"), message.encode("utf-8"), hashlib.sha256).hexdigest()


def signature_matches(params: Mapping[str, str], app_secret: str, signature: str) -> bool:
    return hmac.compare_digest(sign_params(params, app_secret), signature)
