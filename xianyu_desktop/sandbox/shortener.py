"""The sandbox's stand-in for m.tb.cn, Taobao's link shortener, served at ``/h.CODE``.

m.tb.cn shortens Taobao and Xianyu links alike, and answers a share code in one of a few ways. The
stand-in serves each of them, chosen by the code's prefix (case-insensitive) so tests and demo
share texts are deterministic:

- ``js…``: 200 with the shortener's JavaScript page and no redirect: the page holds the Xianyu item
  URL, JavaScript-escaped (``https:\\/\\/h5.m.goofish.com\\/item?id=…``), in a variable that
  ``location.replace`` opens, as the real page does for app clients it cannot redirect.
- ``tb…``: 302 to a Taobao item (``item.taobao.com``): the code is Taobao's, not Xianyu's.
- ``ex…``: an expired or unknown code. The real shortener does not answer 404: it answers 200 with its
  own small page saying the link is invalid (失效), whose only link goes to Taobao's home page. The
  stand-in serves that page.
- ``sh…``: 200 with the JavaScript page leading to a seller's Xianyu shop, a page with no item.
- any other code: 302 to a Xianyu item (``www.goofish.com/item?id=…``), the common case.

The item is one of the catalogue's demo items, picked from the code, so the same code always names
the same item.
"""

from __future__ import annotations

from collections.abc import Mapping

from xianyu_desktop.sandbox.catalogue import Catalogue

TAOBAO_ITEM_URL = "https://item.taobao.com/item.htm?id=680000000001"

_JS_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>闲鱼</title>
<script src="https://g.alicdn.com/mtb/lib-mtop/2.6.1/mtop.js"></script></head>
<body><script>
var url = '{target}';
var ua = navigator.userAgent;
if (/AliApp|TB|Fleamarket/i.test(ua)) {{ location.replace(url); }}
else {{ setTimeout(function () {{ location.replace(url); }}, 30); }}
</script><noscript>请在浏览器中打开</noscript></body></html>
"""

_EXPIRED_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>链接已失效</title></head>
<body><div class="error"><p>很抱歉，您访问的链接已失效或不存在。</p>
<a href="https://m.taobao.com/">去淘宝首页看看</a></div></body></html>
"""

Answer = tuple[int, bytes, str, Mapping[str, str]]  # status, body, content type, extra headers
_HTML = "text/html; charset=utf-8"


def short_link_answer(code: str, catalogue: Catalogue) -> Answer:
    prefix = code[:2].lower()
    if prefix == "tb":
        return 302, b"", _HTML, {"Location": TAOBAO_ITEM_URL}
    if prefix == "ex":
        return 200, _EXPIRED_PAGE.encode("utf-8"), _HTML, {}
    item_id = catalogue.demo_ids(40)[sum(map(ord, code)) % 40]
    if prefix == "js":
        target = f"https://h5.m.goofish.com/item?id={item_id}&ut_sk=sandbox".replace("/", "\\/")
        return 200, _JS_PAGE.format(target=target).encode("utf-8"), _HTML, {}
    if prefix == "sh":
        target = f"https://www.goofish.com/personal?userId=2{item_id[-9:]}".replace("/", "\\/")
        return 200, _JS_PAGE.format(target=target).encode("utf-8"), _HTML, {}
    return 302, b"", _HTML, {"Location": f"https://www.goofish.com/item?id={item_id}&ut_sk=sandbox"}
