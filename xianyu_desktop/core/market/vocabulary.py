"""The brands and models titles are read against: ``resources/market/vocabulary.json``, with a user's own
file merged over it.

The file (JSON, UTF-8): ``{"format": 1, "brands": {"Apple": ["苹果", "apple"], …}, "models": [{"brand":
"Apple", "model": "iPhone 14 Pro", "category": "苹果手机", "specs": ["storage"], "aliases": ["iphone 14
pro"], "names": ["14 pro"], "new_price": {"128G": "7999"}, "query": "iPhone 14 Pro"}, …]}``.
  - ``aliases`` name the model on their own; ``names`` only after one of the brand's names (``苹果14pro``,
    ``小米 14``), for names too short to trust alone. The model's own name is always an alias.
  - ``specs``: the price-setting specs of the model, among ``SPEC_KEYS`` (what template.py can read).
  - ``new_price``: one price, or one per value of the model's first spec (yuan, decimal strings).
  - ``query``: the search keywords for the model (its name when absent): the words most titles share.
A user's file has the same shape; its brands' names are added to the built-in ones, and a model it names
(same brand and model) replaces the built-in one. A bad file is refused whole, in plain words.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path

from xianyu_desktop.core.errors import ConfigError
from xianyu_desktop.core.market.normalize import compact, flexible_pattern, squeeze
from xianyu_desktop.resources import resource

FORMAT = 1
MAX_FILE_BYTES = 1_000_000
MAX_MODELS = 5000
MAX_NAME_CHARS = 60
SPEC_KEYS = ("storage", "ram", "size", "chip", "edition", "network", "bag_size", "case_mm", "wheel", "year", "gpu")
SPEC_LABELS = {
    "storage": "存储", "ram": "内存", "size": "屏幕尺寸", "chip": "芯片", "edition": "版本", "network": "网络",
    "bag_size": "尺码", "case_mm": "表壳尺寸", "wheel": "轮径", "year": "年款", "gpu": "显卡",
}  # fmt: skip


_Patterns = Mapping[str, list[tuple[str, re.Pattern[str]]]]


class VocabularyError(ConfigError):
    """A vocabulary file that cannot be used; nothing of it was taken."""


@dataclass(frozen=True, slots=True)
class ModelEntry:
    brand: str
    model: str
    category: str
    specs: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    new_price: Decimal | Mapping[str, Decimal] | None = None
    query: str = ""

    def price_new(self, specs: Mapping[str, str]) -> Decimal | None:
        """The new price, for the variant the specs name when the vocabulary prices variants."""
        if self.new_price is None or isinstance(self.new_price, Decimal):
            return self.new_price
        first = self.specs[0] if self.specs else ""
        return self.new_price.get(specs.get(first, ""))


@dataclass(frozen=True)
class Vocabulary:
    brands: Mapping[str, tuple[str, ...]]
    models: tuple[ModelEntry, ...]

    def brand_in(self, text: str) -> str | None:
        """The brand of the first brand name in a normalised title."""
        hits = [(hit.start(), self.brand_of_name[key]) for key, hit in self._found(text, self._brand_patterns)]
        return min(hits)[1] if hits else None

    def model_in(self, text: str) -> ModelEntry | None:
        """The model of the longest model name in a normalised title (``iphone 14 pro`` over ``iphone 14``)."""
        keys = [key for key, _ in self._found(text, self._model_patterns)]
        return self.model_of_name[max(keys, key=len)] if keys else None

    @staticmethod
    def _found(text: str, patterns: _Patterns) -> list[tuple[str, re.Match[str]]]:
        """The names found, each tried only when its compacted form is in the compacted title (a cheap
        test every real match passes: names are looked up by their first two characters), then by its
        own pattern for the word edges."""
        squeezed = squeeze(text)
        found = []
        for start in {squeezed[i : i + 2] for i in range(len(squeezed) - 1)}:
            for key, pattern in patterns.get(start, ()):
                if key in squeezed and (hit := pattern.search(text)):
                    found.append((key, hit))
        return found

    @cached_property
    def brand_of_name(self) -> dict[str, str]:
        return {compact(name): brand for brand, names in self.brands.items() for name in names}

    @cached_property
    def _brand_patterns(self) -> _Patterns:
        return _patterns(name for names in self.brands.values() for name in names)

    @cached_property
    def _model_patterns(self) -> _Patterns:
        return _patterns(spelling for spelling, _ in self._model_spellings)

    @cached_property
    def model_of_name(self) -> dict[str, ModelEntry]:
        """Every spelling that names a model (compacted) → the model; a later entry wins a shared one."""
        return {compact(spelling): entry for spelling, entry in self._model_spellings}

    @property
    def _model_spellings(self) -> list[tuple[str, ModelEntry]]:
        found: list[tuple[str, ModelEntry]] = []
        for entry in self.models:
            found += [(alias, entry) for alias in (entry.model, *entry.aliases)]
            for name in entry.names:
                found += [(f"{brand_name} {name}", entry) for brand_name in self.brands.get(entry.brand, ())]
        return found


def _patterns(names: Iterable[str]) -> _Patterns:
    """By their first two characters: compacted names and the pattern finding each glued or apart
    (spellings sharing a compacted name share one pattern)."""
    spellings: dict[str, list[str]] = {}
    for name in names:
        if len(compact(name)) >= 2:
            spellings.setdefault(compact(name), []).append(flexible_pattern(name))
    by_start: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for key, found in spellings.items():
        by_start.setdefault(key[:2], []).append((key, re.compile("|".join(dict.fromkeys(found)))))
    return by_start


def load_vocabulary(extra: Path | None = None) -> Vocabulary:
    """The built-in vocabulary, with the user's file at ``extra`` merged over it (when given and present)."""
    builtin = resource("market", "vocabulary.json")
    if builtin is None:
        raise VocabularyError("找不到内置的商品词库（resources/market/vocabulary.json）", "请重新安装程序。")
    brands, models = _read(builtin)
    _check_brands(models, brands, builtin)
    if extra is not None and extra.exists():
        user_brands, user_models = _read(extra)
        for brand, names in user_brands.items():
            brands[brand] = tuple(dict.fromkeys((*brands.get(brand, ()), *names)))
        _check_brands(user_models, brands, extra)
        replaced = {(m.brand, m.model) for m in user_models}
        models = [m for m in models if (m.brand, m.model) not in replaced] + user_models
    return Vocabulary(brands, tuple(models))


_REMEDY = "请按说明修改词库文件，或删除它改用内置词库。"


def _check_brands(models: list[ModelEntry], brands: Mapping[str, tuple[str, ...]], path: Path) -> None:
    unknown = sorted({m.brand for m in models} - set(brands))
    if unknown:
        raise VocabularyError(f"商品词库 {path.name} 里的型号用了没有列出的品牌：{'、'.join(unknown[:5])}", _REMEDY)


def _read(path: Path) -> tuple[dict[str, tuple[str, ...]], list[ModelEntry]]:
    where = f"商品词库 {path.name}"
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise VocabularyError(f"{where} 太大（{size // 1024} KB，最多 {MAX_FILE_BYTES // 1000} KB）", _REMEDY)
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise VocabularyError(f"读不了{where}：{e.strerror or e}", _REMEDY) from None
    except UnicodeDecodeError:
        raise VocabularyError(f"{where} 不是 UTF-8 文本", _REMEDY) from None
    except json.JSONDecodeError as e:
        raise VocabularyError(f"{where} 不是有效的 JSON（第 {e.lineno} 行第 {e.colno} 列）", _REMEDY) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise VocabularyError(f'{where} 的格式不对：应为一个带 "format": {FORMAT} 的 JSON 对象', _REMEDY)
    raw_brands, raw_models = data.get("brands", {}), data.get("models", [])
    if not isinstance(raw_brands, dict) or not isinstance(raw_models, list):
        raise VocabularyError(f'{where}："brands" 应为对象，"models" 应为列表', _REMEDY)
    if len(raw_models) > MAX_MODELS:
        raise VocabularyError(f"{where} 的型号太多（{len(raw_models)} 个，最多 {MAX_MODELS} 个）", _REMEDY)
    brands = {_text(b, f"{where} 的品牌名"): _texts(v, f"{where} 品牌 {b} 的别名") for b, v in raw_brands.items()}
    models = [_model(raw, f"{where} 第 {n} 个型号") for n, raw in enumerate(raw_models, 1)]
    return brands, models


def _model(raw: object, where: str) -> ModelEntry:
    if not isinstance(raw, dict):
        raise VocabularyError(f"{where} 应为对象", _REMEDY)
    unknown_keys = set(raw) - {"brand", "model", "category", "specs", "aliases", "names", "new_price", "query"}
    if unknown_keys:
        raise VocabularyError(f"{where} 有不认识的字段：{'、'.join(sorted(unknown_keys))}", _REMEDY)
    model = _text(raw.get("model"), f"{where} 的 model")
    where = f"{where}（{model}）"
    specs = _texts(raw.get("specs", []), f"{where} 的 specs")
    bad = [s for s in specs if s not in SPEC_KEYS]
    if bad:
        known = "、".join(SPEC_KEYS)
        raise VocabularyError(f"{where} 的 specs 有不认识的规格：{'、'.join(bad)}（可用：{known}）", _REMEDY)
    return ModelEntry(
        brand=_text(raw.get("brand"), f"{where} 的 brand"),
        model=model,
        category=_text(raw.get("category"), f"{where} 的 category"),
        specs=specs,
        aliases=_texts(raw.get("aliases", []), f"{where} 的 aliases"),
        names=_texts(raw.get("names", []), f"{where} 的 names"),
        new_price=_price(raw.get("new_price"), where),
        query=_text(raw.get("query", model), f"{where} 的 query"),
    )


def _text(value: object, what: str) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_NAME_CHARS:
        raise VocabularyError(f"{what} 应为 1–{MAX_NAME_CHARS} 个字的文字", _REMEDY)
    return value.strip()


def _texts(value: object, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or len(value) > 50:
        raise VocabularyError(f"{what} 应为文字的列表（最多 50 个）", _REMEDY)
    return tuple(_text(v, what) for v in value)


def _price(value: object, where: str) -> Decimal | dict[str, Decimal] | None:
    if value is None:
        return None
    if isinstance(value, dict):
        return {_text(k, f"{where} 的 new_price"): _one_price(v, where) for k, v in value.items()}
    return _one_price(value, where)


def _one_price(value: object, where: str) -> Decimal:
    try:
        price = Decimal(value) if isinstance(value, str) else None
    except InvalidOperation:
        price = None
    if price is None or not price.is_finite() or not 0 < price < 10_000_000:
        raise VocabularyError(f'{where} 的 new_price 应为金额文字（如 "7999"），收到 {str(value)[:20]!r}', _REMEDY)
    return price
