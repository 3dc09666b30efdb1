"""The ICU data library the frozen app bundles (tools/slim_icu.py, used by build.spec on Linux): what it
keeps, and that Qt reads Chinese collation and time-zone names from the rebuilt library as from the whole
one (the rebuilt library is loaded in place of PySide6's in a fresh process)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import PySide6

from tools.slim_icu import kept, slim

LIBRARY = next((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))

USE_ICU = """
from PySide6.QtCore import QCollator, QLocale, QTimeZone
zh = QCollator(QLocale("zh_CN"))
words = sorted(["香蕉", "苹果", "橙子", "梨"], key=zh.sortKey)
zone = QTimeZone(b"Asia/Shanghai")
names = [zone.displayName(QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, QLocale(name))
         for name in ("zh_CN", "en_US")]
print(" ".join(words + names))
"""


def test_it_keeps_the_data_qt_reads_for_chinese_and_english():
    for item in ("root.res", "zh.res", "zh_Hans_CN.res", "en_GB.res", "coll/zh.res", "coll/ucadata.icu",
                 "zone/en.res", "zoneinfo64.res", "cnvalias.icu", "gb18030.cnv", "nfkc.nrm", "res_index.res",
                 "pool.res", "coll/res_index.res", "supplementalData.res"):  # fmt: skip
        assert kept(item), item
    for item in ("de.res", "coll/fr.res", "zone/ja.res", "coll/de_.res", "translit/root.res", "brkitr/cjdict.dict",
                 "lang/zh.res", "curr/en.res", "unit/zh.res", "ibm-37_P100-1995.cnv"):  # fmt: skip
        assert not kept(item), item


def test_qt_reads_chinese_collation_and_zone_names_from_the_rebuilt_library(tmp_path):
    rebuilt = slim(LIBRARY, tmp_path)
    assert rebuilt is not None, "icupkg (icu-devtools), objcopy and cc are needed to rebuild ICU's data"
    assert rebuilt.stat().st_size < LIBRARY.stat().st_size / 5

    def shown(preload: Path | None) -> str:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        if preload is not None:
            env["LD_PRELOAD"] = str(preload)
        result = subprocess.run([sys.executable, "-c", USE_ICU], capture_output=True, text=True, env=env, timeout=60)
        assert result.returncode == 0 and "Could not create collator" not in result.stderr, result.stderr
        return result.stdout.strip()

    whole = shown(None)
    assert whole.startswith("橙子 梨 苹果 香蕉") and "中国标准时间" in whole
    assert shown(rebuilt) == whole
