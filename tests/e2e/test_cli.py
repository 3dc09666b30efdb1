"""The command line as a user runs it: a real process, real loopback HTTP, exit codes and messages."""

from __future__ import annotations

import argparse
import http.server
import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from xianyu_desktop.sandbox.server import SANDBOX_SECRET

pytestmark = pytest.mark.e2e
ID = "698765432109876543"


# The console script pip installed: the entry a seller runs.
ENTRY = Path(sys.executable).with_name("xianyu-desktop.exe" if sys.platform == "win32" else "xianyu-desktop")


def run(*args: str, stdin: str = "", env: dict[str, str] | None = None, timeout: float = 60):
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [str(ENTRY), *args],
        input=stdin.encode(),
        capture_output=True,
        env=full_env,
        timeout=timeout,
        check=False,
    )


def text(stream: bytes) -> str:
    return stream.decode("utf-8")


def assert_plain_failure(result, code: int, words: str) -> None:
    err = text(result.stderr)
    assert result.returncode == code, err
    assert words in err
    assert "Traceback" not in err


def sandbox_env(gateway, tier: str = "basic") -> dict[str, str]:
    return {
        "XIANYU_GATEWAY": gateway.url,
        "XIANYU_APP_KEY": f"sandbox-{tier}",
        "XIANYU_TIER": tier,
        "XIANYU_APP_SECRET": SANDBOX_SECRET,
    }


def test_extract_reads_stdin_and_reports_problems_on_stderr():
    paste = f"看看这个https://www.goofish.com/item?id={ID}很便宜\nhttps://item.taobao.com/item.htm?id=123456789012\n"
    result = run("extract", stdin=paste + "123456789012\n")
    assert result.returncode == 0
    assert text(result.stdout).splitlines() == [ID, "123456789012"]
    assert "not_xianyu" in text(result.stderr)


def test_extract_reads_files_including_gb18030(tmp_path: Path):
    path = tmp_path / "列表.txt"
    path.write_bytes(f"闲鱼商品\n{ID}\n".encode("gb18030"))
    result = run("extract", str(path))
    assert result.returncode == 0
    assert text(result.stdout).split() == [ID]


def test_extract_missing_file_is_a_plain_message(tmp_path: Path):
    assert_plain_failure(run("extract", str(tmp_path / "nope.txt")), 2, "找不到文件")


def test_extract_resolve_follows_share_links_through_the_sandbox_stand_in(sandbox):
    paste = (
        "【闲鱼】https://m.tb.cn/h.AbCd12?tk=x 「相机」\n"
        "【闲鱼】https://m.tb.cn/h.js7QxK?tk=y 「镜头」\n"
        "https://m.tb.cn/h.tbQ1\nhttps://m.tb.cn/h.ex9Z\n"
    )
    env = {"XIANYU_SHORT_LINK_SERVER": sandbox.base_url}
    result = run("extract", "--resolve", stdin=paste, env=env)
    assert result.returncode == 0, text(result.stderr)
    ids = text(result.stdout).split()
    assert len(ids) == 2 and set(ids) <= set(sandbox.state.catalogue.demo_ids(40))
    reasons = [line.split("\t")[0] for line in text(result.stderr).splitlines()]
    assert reasons == ["short_link_taobao", "short_link_expired"]
    # Without --resolve the links are listed as still to be resolved, and nothing is asked.
    unresolved = run("extract", stdin=paste, env=env)
    assert text(unresolved.stdout) == "" and text(unresolved.stderr).count("short_link\t") == 4


def test_extract_resolve_refuses_a_plain_http_short_link_server_off_this_machine():
    result = run(
        "extract", "--resolve", stdin="https://m.tb.cn/h.abc\n", env={"XIANYU_SHORT_LINK_SERVER": "http://example.com"}
    )
    assert_plain_failure(result, 2, "https://")


def test_extract_does_not_import_qt():
    code = (
        "import sys, io; from xianyu_desktop.cli import main;"
        "sys.stdin = io.TextIOWrapper(io.BytesIO(b'1234567890'));"
        "main(['extract']); assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60, check=False)
    assert result.returncode == 0, text(result.stderr)


def test_fetch_prints_one_json_object_per_item_in_first_seen_order(sandbox):
    ids = sandbox.state.catalogue.demo_ids(6)
    args = [ids[3], f"https://www.goofish.com/item?id={ids[0]}", ids[5], ids[3], ids[1]]
    result = run("fetch", *args, env=sandbox_env(sandbox))
    lines = [json.loads(line) for line in text(result.stdout).splitlines()]
    assert [obj["item_id"] for obj in lines] == [ids[3], ids[0], ids[5], ids[1]]
    for obj in lines:
        if "error" not in obj:
            assert set(obj) >= {"title", "price", "original_price", "condition_label", "status_label"}
            assert obj["price"].count(".") == 1 and len(obj["price"].split(".")[1]) == 2
    assert result.returncode == (0 if all("error" not in o for o in lines) else 3)


def test_fetch_reads_stdin_and_honours_fields(sandbox):
    result = run("fetch", "--fields", "title,price", stdin=f"{ID}\n", env=sandbox_env(sandbox))
    assert result.returncode == 0, text(result.stderr)
    (obj,) = [json.loads(line) for line in text(result.stdout).splitlines()]
    assert obj["title"] and obj["price"] and obj["status"] is None


def test_fetch_no_data_is_an_error_object_and_exit_3(sandbox):
    missing = next(
        str(n) for n in range(100_000_000_000, 100_000_002_000) if sandbox.state.catalogue.item(str(n), "x") is None
    )
    result = run("fetch", ID, missing, env=sandbox_env(sandbox))
    assert result.returncode == 3
    objs = [json.loads(line) for line in text(result.stdout).splitlines()]
    assert objs[1]["item_id"] == missing
    assert objs[1]["error"]["kind"] == "not_found"
    assert objs[1]["error"]["code"] is None
    assert objs[1]["error"]["message"] and objs[1]["error"]["remedy"]
    assert objs[1]["from_cache"] is False
    assert "失败 1" in text(result.stderr)


def test_fetch_wrong_secret_says_check_the_key(sandbox):
    env = {**sandbox_env(sandbox), "XIANYU_APP_SECRET": "wrong-secret-value"}
    result = run("fetch", ID, env=env)
    assert_plain_failure(result, 3, "app_secret")
    out = text(result.stdout) + text(result.stderr)
    assert "wrong-secret-value" not in out


@pytest.mark.parametrize(
    ("args", "env", "words"),
    [
        (["--tier", "gold"], {}, "未知的权限等级"),
        ([], {"XIANYU_APP_SECRET": ""}, "XIANYU_APP_SECRET"),
        (["--gateway", "ftp://127.0.0.1/router/rest"], {}, "https://"),
        (["--gateway", "http://gw.example.com/router/rest"], {}, "https://"),
        (["--fields", "title;price"], {}, "字段名无效"),
        (["--timeout", "abc"], {}, "参数错误"),
    ],
)
def test_fetch_bad_configuration_is_exit_2_with_a_reason(sandbox, args, env, words):
    result = run("fetch", *args, ID, env={**sandbox_env(sandbox), **env})
    assert_plain_failure(result, 2, words)


@pytest.mark.parametrize("command", [("fetch", ID), ("search", "iPhone 14 Pro"), ("compare", ID)])
@pytest.mark.parametrize(
    ("args", "env", "words"),
    [(["--tier", "gold"], {}, "未知的权限等级"), ([], {"XIANYU_APP_SECRET": ""}, "XIANYU_APP_SECRET")],
)
def test_no_usable_gateway_settings_is_one_line_exit_2_and_no_call(sandbox, command, args, env, words):
    """The gateway's settings are read the same way by every command that calls it (cli/common.py)."""
    name, *rest = command
    result = run(name, *args, *rest, env={**sandbox_env(sandbox), **env})
    assert_plain_failure(result, 2, words)
    (line,) = text(result.stderr).splitlines()
    assert line.startswith(f"xianyu-desktop {name}: ") and text(result.stdout) == ""
    assert sandbox.state.snapshot()["counts"].get("admitted", 0) == 0


def test_fetch_with_nothing_recognised_is_exit_2(sandbox):
    assert_plain_failure(run("fetch", "hello 4299 元", env=sandbox_env(sandbox)), 2, "没有识别到")


def test_fetch_unreachable_gateway(sandbox):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**sandbox_env(sandbox), "XIANYU_GATEWAY": f"http://127.0.0.1:{port}/router/rest"}
    result = run("fetch", ID, env=env)
    assert_plain_failure(result, 3, "无法连接到网关")
    assert json.loads(text(result.stdout))["error"]["kind"] == "network"


class HtmlHandler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):  # a captive portal or a web page where the gateway should be
        body = b"<!DOCTYPE html><html><body>Welcome! Please log in.</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_fetch_gateway_answering_html(sandbox):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), HtmlHandler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        env = {
            **sandbox_env(sandbox),
            "XIANYU_GATEWAY": f"http://127.0.0.1:{server.server_address[1]}/router/rest",
        }
        result = run("fetch", ID, env=env)
    finally:
        server.shutdown()
        server.server_close()
    assert_plain_failure(result, 3, "非 JSON")
    assert json.loads(text(result.stdout))["error"]["kind"] == "protocol"


def test_sandbox_command_prints_its_url_first_and_serves():
    command = [sys.executable, "-m", "xianyu_desktop", "sandbox", "--port", "0", "--seed", "5"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        try:
            url = proc.stdout.readline().decode().strip()
            assert url.startswith("http://127.0.0.1:") and url.endswith("/router/rest")
            env = {
                "XIANYU_GATEWAY": url,
                "XIANYU_APP_KEY": "sandbox-basic",
                "XIANYU_TIER": "basic",
                "XIANYU_APP_SECRET": SANDBOX_SECRET,
            }
            result = run("fetch", ID, env=env)
            assert result.returncode == 0, text(result.stderr)
        finally:
            proc.terminate()
            _, err = proc.communicate(timeout=10)
    assert proc.returncode == 0
    assert "Traceback" not in err.decode()


@pytest.mark.parametrize(
    ("args", "words"),
    [(["--fault-rate", "2"], "--fault-rate"), (["--port", "70000"], "端口"), (["--speed", "0"], "--speed")],
)
def test_sandbox_bad_options(args, words):
    assert_plain_failure(run("sandbox", *args), 2, words)


def test_help_lists_the_commands():
    result = run("--help")
    assert result.returncode == 0
    out = text(result.stdout)
    for command in ("extract", "fetch", "sandbox", "credentials", "quota", "store", "--demo"):
        assert command in out


def test_unknown_command_is_a_usage_error():
    assert_plain_failure(run("frobnicate"), 2, "参数错误")


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert text(result.stdout).startswith("xianyu-desktop ")


def test_window_without_a_display_says_so_instead_of_crashing():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run(
        [sys.executable, "-m", "xianyu_desktop", "--demo"], capture_output=True, env=env, timeout=60, check=False
    )
    assert result.returncode == 2
    assert "没有图形界面" in text(result.stderr) and "Traceback" not in text(result.stderr)


def test_missing_qt_libraries_are_named_with_the_apt_line(monkeypatch):
    import ctypes
    import ctypes.util

    from xianyu_desktop import qtcheck

    def not_loadable(name: str) -> None:
        raise OSError(f"{name}: cannot open shared object file")

    monkeypatch.setattr(ctypes, "CDLL", not_loadable)
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None if name == "xcb-cursor" else f"lib{name}.so")
    problem = qtcheck.gui_problem({"DISPLAY": ":0"})
    assert problem is not None and "libxcb-cursor0" in problem and "sudo apt install" in problem
    assert qtcheck.gui_problem({"QT_QPA_PLATFORM": "offscreen"}) is None


def test_the_window_parser_knows_every_command():
    """main() builds the command parsers only when a command is named: COMMANDS must list them all."""
    from xianyu_desktop import cli

    parser = cli.build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(subparsers.choices) == set(cli.COMMANDS)


def test_an_unknown_word_is_refused_with_the_list_of_commands(capsys):
    from xianyu_desktop import cli

    with pytest.raises(SystemExit) as info:
        cli.main(["fecth"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "参数错误" in err and "fetch" in err
