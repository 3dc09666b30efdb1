"""The seed document's own client, unchanged but for its CONFIG, works against the sandbox."""

from __future__ import annotations

import importlib
import logging
import os
import sys

import pytest

from xianyu_desktop.sandbox.server import SANDBOX_SECRET

pytestmark = pytest.mark.e2e
ID = "698765432109876543"


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    """Imported once, from a folder of its own: at import it opens xianyu_item_get.log in the working
    folder (the FileHandler is built even when basicConfig then ignores it), so the handlers it opens
    are recorded and closed afterwards."""
    opened: list[logging.FileHandler] = []

    class RecordingFileHandler(logging.FileHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            opened.append(self)

    cwd = os.getcwd()
    real = logging.FileHandler
    os.chdir(tmp_path_factory.mktemp("seed"))
    logging.FileHandler = RecordingFileHandler
    try:
        sys.modules.pop("tests.seed.seed_reference", None)
        module = importlib.import_module("tests.seed.seed_reference")
    finally:
        logging.FileHandler = real
        os.chdir(cwd)
    saved = dict(module.CONFIG)
    yield module
    module.CONFIG.clear()
    module.CONFIG.update(saved)
    root = logging.getLogger()
    for handler in opened:
        root.removeHandler(handler)
        handler.close()


def configure(seed, gateway, secret=SANDBOX_SECRET, app_key="sandbox-personal"):
    seed.CONFIG.update(app_key=app_key, app_secret=secret, api_url=gateway.url)


def test_seed_client_fetches_and_standardises(seed, sandbox):
    configure(seed, sandbox)
    result = seed.xianyu_item_get(ID, "title,price,condition,status,seller_nick,seller_score")
    assert result["success"], result["error_msg"]
    data = result["data"]
    assert data["商品ID"] == ID
    assert data["商品标题"]
    assert data["商品标价(元)"] > 0
    assert data["商品状态"] in {"在售", "已售", "下架"}
    assert data["卖家好评率"].endswith("%")


def test_seed_signature_equals_ours(seed):
    from xianyu_desktop.core.gateway.signing import sign_params

    params = {"app_key": "a", "method": "xianyu.item.get", "timestamp": "1", "version": "v2", "item_id": ID}
    assert seed.generate_sign(params, "s") == sign_params(params, "s")


def test_seed_client_is_refused_with_a_wrong_secret(seed, sandbox):
    configure(seed, sandbox, secret="not-the-secret")
    result = seed.xianyu_item_get(ID, "title,price")
    assert not result["success"]
    assert "401" in result["error_msg"]
    assert sandbox.state.snapshot()["counts"]["refused_code_25"] == 1


def test_seed_client_is_refused_when_its_timestamp_is_off(seed, start_sandbox):
    gateway = start_sandbox(clock_offset=600)  # the gateway's clock is ten minutes ahead of ours
    configure(seed, gateway)
    result = seed.xianyu_item_get(ID, "title,price")
    assert not result["success"]
    assert "401" in result["error_msg"]
    assert gateway.state.snapshot()["counts"]["refused_code_31"] == 1
