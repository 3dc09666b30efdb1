"""The frozen program's poll worker (issue 17): a round of a 10-item watchlist through ``<app> poll-worker``
(the window's way of checking its list) against a sandbox gateway over loopback, each row reported back and
stored. Run by .ci/check-package with the development venv:
    python tools/check_poll_worker.py dist/xianyu-desktop/xianyu-desktop
(or any program and its arguments, e.g. .venv/bin/python -m xianyu_desktop)."""

from __future__ import annotations

import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xianyu_desktop.core.gateway.config import GatewayConfig  # noqa: E402
from xianyu_desktop.core.gateway.limits import Tier  # noqa: E402
from xianyu_desktop.core.poll_child import COMMAND, PollJob, poll_in_child  # noqa: E402
from xianyu_desktop.core.profile import Profile  # noqa: E402
from xianyu_desktop.core.watch.watchlist import Watchlist  # noqa: E402
from xianyu_desktop.paths import AppPaths  # noqa: E402
from xianyu_desktop.sandbox.server import SANDBOX_SECRET, SandboxGateway, SandboxOptions  # noqa: E402

ITEMS = 10


def main(program: list[str]) -> int:
    folder = Path(tempfile.mkdtemp(prefix="poll-worker-"))
    gateway = SandboxGateway(SandboxOptions(latency_ms=0)).start()
    try:
        profile = Profile.open(AppPaths(folder / "config", folder / "data", folder / "cache", folder / "log"))
        ids = gateway.state.catalogue.demo_ids(ITEMS)
        Watchlist(profile.store).add(ids)
        config = GatewayConfig(gateway.url, "sandbox-advanced", SANDBOX_SECRET, Tier.ADVANCED, timeout=10.0)
        rows: list[str] = []
        counts = poll_in_child(
            PollJob(profile.paths, config, ids, True, None, None),
            on_item=lambda state, alerts: rows.append(state.item_id),
            on_search=lambda event: None,
            on_compare=lambda event: None,
            cancel=threading.Event(),
            command=[*program, COMMAND],
        )
        checked = [s.item_id for s in Watchlist(profile.store).items() if s.last_checked is not None]
        profile.close(backup=False)
    finally:
        gateway.stop()
    if counts.checked != ITEMS or sorted(rows) != sorted(ids) or sorted(checked) != sorted(ids):
        print(f"poll-worker: expected {ITEMS} items checked, got {counts.checked} ({len(rows)} reported, "
              f"{len(checked)} stored)")  # fmt: skip
        return 1
    print(f"poll-worker: {counts.checked} items checked by the frozen program, reported back and stored")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
