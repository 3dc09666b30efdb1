"""Link and ID extraction on 10 MB pastes. Target: well under a second. Side by side: the one-line
regex a script would use (``id=(\\d+)`` over the text), which finds far less and refuses nothing.

Run: .venv/bin/python bench/bench_extract.py
"""

from __future__ import annotations

import platform
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xianyu_desktop.core.items.links import extract_item_ids  # noqa: E402

SIZE = 10_000_000
NAIVE = re.compile(r"id=(\d+)")


def build(makers: list[Callable[[random.Random], str]], seed: int) -> str:
    rng = random.Random(seed)
    lines, size = [], 0
    while size < SIZE:
        line = rng.choice(makers)(rng)
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines)


def item_id(rng: random.Random) -> str:
    return str(rng.randrange(10**11, 10**13))


PROSE = "这个手机成色很好，电池健康度百分之九十，没有维修记录，欢迎来问，可小刀，同城可面交，发顺丰到付。"
PASTES: dict[str, list[Callable[[random.Random], str]]] = {
    "chat log (mostly prose, some links and share texts)": [
        lambda r: PROSE,
        lambda r: PROSE + f"价格{r.randrange(100, 9999)}元，电话 138{r.randrange(10**8):08d}",
        lambda r: PROSE,
        lambda r: f"看看这个https://www.goofish.com/item?spm=a2170.1&id={item_id(r)}很便宜",
        lambda r: f"【闲鱼】https://m.tb.cn/h.{r.randrange(10**7):07d}?tk=Ab12 CZ0001 「iPhone 14」 点击链接直接打开",
    ],
    "dense links (every line a link or share text)": [
        lambda r: f"https://www.goofish.com/item?id={item_id(r)}",
        lambda r: f"https://h5.m.goofish.com/item?itemId={item_id(r)}&amp;from=share",
        lambda r: f"2.taobao.com/item.htm?id={item_id(r)}",
        lambda r: f"https://item.taobao.com/item.htm?id={item_id(r)}",
    ],
    "Excel column of ids": [item_id],
}


def timed(function: Callable[[str], object], text: str) -> tuple[float, object]:
    runs = []
    result: object = None
    for _ in range(3):
        started = time.perf_counter()
        result = function(text)
        runs.append(time.perf_counter() - started)
    return statistics.median(runs), result


def main() -> None:
    print("# Extraction: 10 MB pastes (median of 3 runs)")
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print()
    print("| paste | lines | extract_item_ids | ids found | naive `id=(\\d+)` | naive finds |")
    print("|---|---|---|---|---|---|")
    worst = 0.0
    for name, makers in PASTES.items():
        text = build(makers, seed=len(name))
        ours_s, ours = timed(extract_item_ids, text)
        naive_s, naive = timed(lambda t: list(dict.fromkeys(NAIVE.findall(t))), text)
        worst = max(worst, ours_s)
        found = len(ours.ids)  # type: ignore[attr-defined]
        print(
            f"| {name} | {text.count(chr(10)) + 1:,} | {ours_s:.3f} s | {found:,} | {naive_s:.3f} s | {len(naive):,} |"  # type: ignore[arg-type]
        )
    print()
    print(f"target (each 10 MB paste under 1 s): {'PASS' if worst < 1.0 else 'FAIL'}")


if __name__ == "__main__":
    main()
