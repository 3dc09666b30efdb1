"""The key-rotation reminder ("定期轮换密钥(每 3 个月一次)"): the store remembers when the app secret was
last saved (core/storage/credentials.py); once it is ROTATE_AFTER_DAYS old, ONE ``key_rotation`` alert
is raised, and after a snooze (snooze()) one more when the snooze ends. Saving a new secret starts over.
An install whose secret was saved before this was kept starts counting at its first check."""

from __future__ import annotations

import time
from collections.abc import Callable
from decimal import Decimal

from xianyu_desktop.core.storage.credentials import SETTING_APP_KEY, SETTING_SECRET_SET_AT
from xianyu_desktop.core.storage.store import Store
from xianyu_desktop.core.watch.alerts import AlertKind, alert_sentence

ROTATE_AFTER_DAYS = 90
SNOOZE_DAYS = 7
DAY = 86400.0
SETTING_REMINDED_AT = "notify.key_rotation_reminded_at"
SETTING_SNOOZED_UNTIL = "notify.key_rotation_snoozed_until"


def _number(text: str | None) -> float | None:
    try:
        return None if text is None else float(text)
    except ValueError:
        return None


class KeyRotation:
    def __init__(self, store: Store, clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self.clock = clock

    def secret_set_at(self) -> float | None:
        """When the secret was last saved; None when no app key is saved."""
        if not self.store.get_setting(SETTING_APP_KEY):
            return None
        return _number(self.store.get_setting(SETTING_SECRET_SET_AT))

    def age_days(self, now: float | None = None) -> int | None:
        set_at = self.secret_set_at()
        if set_at is None:
            return None
        return int(((self.clock() if now is None else now) - set_at) // DAY)

    def check(self, now: float | None = None) -> int | None:
        """Raise the reminder when it is due; returns the new alert's id, or None."""
        now = self.clock() if now is None else now
        if not self.store.get_setting(SETTING_APP_KEY):
            return None
        set_at = self.secret_set_at()
        if set_at is None:  # saved before the time was kept: count from now
            self.store.set_settings({SETTING_SECRET_SET_AT: repr(now)})
            return None
        age = now - set_at
        if age < ROTATE_AFTER_DAYS * DAY:
            return None
        snoozed = _number(self.store.get_setting(SETTING_SNOOZED_UNTIL)) or 0.0
        reminded = _number(self.store.get_setting(SETTING_REMINDED_AT))
        if now < snoozed:
            return None
        if reminded is not None and reminded >= set_at and reminded >= snoozed:
            return None
        days = int(age // DAY)
        message = alert_sentence(AlertKind.KEY_ROTATION, "", old=Decimal(days))
        with self.store.db.write() as conn:
            alert_id = conn.execute(
                "INSERT INTO alerts (item_id, at, kind, old, message) VALUES ('', ?, ?, ?, ?)",
                (now, AlertKind.KEY_ROTATION.value, str(days), message),
            ).lastrowid
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (SETTING_REMINDED_AT, repr(now)),
            )
        return int(alert_id or 0)

    def snooze(self, days: float = SNOOZE_DAYS, now: float | None = None) -> float:
        """Put the reminder off; returns when it comes back (if the secret is still old then)."""
        until = (self.clock() if now is None else now) + days * DAY
        self.store.set_settings({SETTING_SNOOZED_UNTIL: repr(until)})
        return until
