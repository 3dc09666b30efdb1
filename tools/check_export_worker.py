"""The frozen program's export worker (issue 17): a watchlist of 20 items exported through
``<app> export-worker`` (the window's way of exporting a watchlist) and read back with openpyxl.
Run by .ci/check-package with the development venv:
    python tools/check_export_worker.py dist/xianyu-desktop/xianyu-desktop
(or any program and its arguments, e.g. .venv/bin/python -m xianyu_desktop)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xianyu_desktop.core.export.process import COMMAND, ExportJob, export_in_child  # noqa: E402
from xianyu_desktop.core.export.writer import ExportMeta, columns_for  # noqa: E402
from xianyu_desktop.core.storage.cache import ItemCache  # noqa: E402
from xianyu_desktop.core.storage.store import Store  # noqa: E402
from xianyu_desktop.core.watch.watchlist import Watchlist  # noqa: E402
from xianyu_desktop.sandbox.catalogue import Catalogue  # noqa: E402

ITEMS = 20


def main(program: list[str]) -> int:
    folder = Path(tempfile.mkdtemp(prefix="export-worker-"))
    data, cache_dir, target = folder / "data", folder / "cache", folder / "关注.xlsx"
    store, cache = Store(data).open(), ItemCache(cache_dir).open()
    catalogue = Catalogue(0, start=1_795_000_000.0, clock=lambda: 1_795_000_000.0)
    ids = catalogue.demo_ids(ITEMS)
    for item_id in ids:
        cache.put(item_id, catalogue.item(item_id, "http://127.0.0.1:1"), None)
    Watchlist(store).add(ids, now=1_795_000_000.0)
    store.close(backup=False)
    cache.close()
    meta = ExportMeta("关注列表", "http://127.0.0.1:1/router/rest", "企业基础", "check")
    job = ExportJob(data, cache_dir, target, tuple(c.key for c in columns_for(None)), meta)
    outcome = export_in_child(job, command=[*program, COMMAND])
    rows = list(load_workbook(target)["商品"].iter_rows(values_only=True))
    if outcome.rows != ITEMS or len(rows) != ITEMS + 1 or {str(r[0]) for r in rows[1:]} != set(ids):
        print(
            f"export-worker: expected {ITEMS} rows of the watched ids, got {outcome.rows} ({len(rows) - 1} read back)"
        )
        return 1
    print(f"export-worker: {outcome.rows} items written by the frozen program and read back with openpyxl")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
