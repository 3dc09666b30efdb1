"""Issue 12 item 8 in the window: a gateway on loopback that echoes the request's signature and the app
secret in its error texts; the lookup's row, its tooltip, the status bar and the detail pane show the
gateway's words with both hidden."""

from __future__ import annotations

import urllib.parse

from PySide6.QtCore import Qt

from tests.hostile import HostileServer, echo_error
from tests.ui.conftest import lookup_and_wait

ID = "698765432109876543"
SECRET = "echo-secret-Window7"


def test_an_echoed_signature_and_secret_never_reach_the_window(qtbot, open_window, monkeypatch):
    with HostileServer({"/router/rest": echo_error(SECRET)}) as echo:
        monkeypatch.setenv("XIANYU_GATEWAY", echo.url("/router/rest"))
        monkeypatch.setenv("XIANYU_APP_KEY", "echo-key")
        monkeypatch.setenv("XIANYU_TIER", "basic")
        monkeypatch.setenv("XIANYU_APP_SECRET", SECRET)
        window = open_window()
        lookup_and_wait(qtbot, window, ID)
        signs = {dict(urllib.parse.parse_qsl(b.decode())).get("sign", "") for b in echo.bodies} - {""}
    assert signs  # the call was signed and echoed
    tab = window.lookup_tab
    assert tab.model.rowCount() == 1
    model = tab.proxy
    shown = [
        str(model.index(0, c).data(role) or "")
        for c in range(model.columnCount())
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
    ]
    tab.table.selectRow(0)
    shown += [window.statusBar().currentMessage(), tab.detail.title.text()]
    everything = "\n".join(shown)
    assert "[已隐藏]" in everything and "签名无效" in everything
    needles = [SECRET, *signs, *(s.upper() for s in signs)]
    assert [n[:12] for n in needles if n in everything] == []
