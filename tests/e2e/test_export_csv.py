"""`export` to CSV as a seller runs it: ids that Excel keeps whole, and a message that claims only what the
file holds."""

from __future__ import annotations

import csv
import os
import stat
import subprocess
import sys

import pytest

from tests.e2e.test_cli import run, sandbox_env, text
from xianyu_desktop.core.items.importer import read_list_file

pytestmark = pytest.mark.e2e


def test_export_csv_ids_read_back_and_the_message_claims_no_history(start_sandbox, tmp_path):
    gateway = start_sandbox(no_limits=True)
    env = sandbox_env(gateway, "advanced")
    ids = gateway.state.catalogue.demo_ids(6)
    assert run("watch", "add", *ids, env=env).returncode == 0
    assert run("watch", "poll", "--all", env=env).returncode == 0
    out = tmp_path / "关注.csv"
    result = run("export", "--out", str(out), env=env)
    assert result.returncode == 0, text(result.stderr)
    assert text(result.stdout).strip() == f"已导出 6 个商品到 {out}（CSV 只有商品表；6 条价格记录要导出为 .xlsx 才有）"
    with out.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    assert table[0][0] == "商品ID"
    cells = [row[0] for row in table[1:]]
    print("ID column, raw cell text:", [repr(c) for c in cells])  # shown with pytest -s
    assert sorted(cells) == sorted("\t" + i for i in ids)
    assert sorted(read_list_file(out).ids) == sorted(ids)  # watch import takes them back


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o077, 0o600)])
def test_export_file_mode_follows_the_umask(start_sandbox, tmp_path, mask, expected):
    gateway = start_sandbox(no_limits=True)
    env = {**os.environ, **sandbox_env(gateway, "advanced")}
    assert run("watch", "add", *gateway.state.catalogue.demo_ids(2), env=env).returncode == 0
    out = tmp_path / "关注.xlsx"
    done = subprocess.run(
        [sys.executable, "-m", "xianyu_desktop", "export", "--out", str(out)],
        env=env,
        capture_output=True,
        timeout=60,
        preexec_fn=lambda: os.umask(mask),  # the child process's umask, set before exec
    )
    assert done.returncode == 0, done.stderr.decode()
    assert stat.S_IMODE(out.stat().st_mode) == expected
