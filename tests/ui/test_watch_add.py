"""加入关注's message, shared by the 查询 and 搜索 tabs (both tabs' tests add through the window)."""

from __future__ import annotations

from xianyu_desktop.ui.watch_add import added_message


def test_the_message_says_how_many_were_added_and_how_many_were_watched_already(qapp):
    assert added_message(3, 3) == "已加入关注 3 个"
    assert added_message(1, 4) == "已加入关注 1 个（3 个已在关注中）"
    assert added_message(0, 2) == "已加入关注 0 个（2 个已在关注中）"
