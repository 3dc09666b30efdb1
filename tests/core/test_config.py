import pytest

from xianyu_desktop.core.errors import ConfigError
from xianyu_desktop.core.gateway.config import config_from_sources, validate_gateway_url
from xianyu_desktop.core.gateway.limits import Tier

ENV = {"XIANYU_APP_KEY": "k", "XIANYU_APP_SECRET": "s", "XIANYU_GATEWAY": "http://127.0.0.1:8/router/rest"}


@pytest.mark.parametrize(
    "url",
    [
        "https://gw.api.taobao.com/router/rest",
        "http://127.0.0.1:9/router/rest",
        "http://localhost/x",
        "http://[::1]:8/",
    ],
)
def test_accepted_gateways(url):
    assert validate_gateway_url(f" {url} ") == url


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("ftp://gw.example/router", "https://"),
        ("gw.api.taobao.com/router/rest", "https://"),
        ("http://gw.api.taobao.com/router/rest", "远程网关必须使用 https"),
        ("http://192.168.1.5/router/rest", "远程网关必须使用 https"),
        ("https://", "https://"),
    ],
)
def test_refused_gateways_say_why(url, words):
    with pytest.raises(ConfigError, match=words):
        validate_gateway_url(url)


def test_command_line_wins_over_environment():
    config = config_from_sources(tier="advanced", app_key="cli", environ={**ENV, "XIANYU_TIER": "basic"})
    assert (config.app_key, config.tier) == ("cli", Tier.ADVANCED)


def test_secret_is_never_in_repr():
    config = config_from_sources(environ={**ENV, "XIANYU_APP_SECRET": "hunter2-very-secret"})
    assert "hunter2" not in repr(config)


def test_missing_secret_is_explained():
    with pytest.raises(ConfigError, match="XIANYU_APP_SECRET"):
        config_from_sources(environ={k: v for k, v in ENV.items() if k != "XIANYU_APP_SECRET"})


def test_missing_app_key_is_explained():
    with pytest.raises(ConfigError, match="app_key"):
        config_from_sources(environ={k: v for k, v in ENV.items() if k != "XIANYU_APP_KEY"})


def test_unknown_tier_from_environment():
    with pytest.raises(ConfigError, match="gold"):
        config_from_sources(environ={**ENV, "XIANYU_TIER": "gold"})
