import json
from email.utils import formatdate

import pytest

from xianyu_desktop.core.errors import ErrorKind, GatewayError, GatewayFailure
from xianyu_desktop.core.gateway.protocol import parse_item_response

ID = "698765432109876543"
NOW = 1_800_000_000.0


def parse(status, document, headers=None, *, raw_body=None):
    body = raw_body if raw_body is not None else json.dumps(document, ensure_ascii=False).encode()
    return parse_item_response(status, headers or {}, body, ID, local_now=NOW)


def failure(status, document, headers=None, *, raw_body=None):
    with pytest.raises(GatewayError) as info:
        parse(status, document, headers, raw_body=raw_body)
    return info.value.failure


def error(code, msg="m", sub_code=None, sub_msg=None):
    body = {"code": code, "msg": msg}
    if sub_code:
        body["sub_code"] = sub_code
    if sub_msg:
        body["sub_msg"] = sub_msg
    return {"error_response": body}


def test_success_envelope():
    item, raw = parse(200, {"item_get_response": {"item": {"item_id": ID, "title": "相机", "price": "12.5"}}})
    assert item.title == "相机"
    assert str(item.price) == "12.50"
    assert raw["title"] == "相机"


def test_price_in_json_as_a_number_never_passes_through_float():
    item, _ = parse(200, None, raw_body=b'{"item_get_response":{"item":{"item_id":"%s","price":0.1}}}' % ID.encode())
    assert str(item.price) == "0.10"


@pytest.mark.parametrize(
    "document",
    [
        {"item_get_response": {}},
        {"item_get_response": {"item": {}}},
        {"item_get_response": {"item": None}},
        {"item_get_response": None},
    ],
)
def test_no_data_is_not_found(document):
    assert failure(200, document).kind is ErrorKind.NOT_FOUND


@pytest.mark.parametrize(
    ("status", "code", "sub_code", "kind"),
    [
        (401, 25, "isv.invalid-signature", ErrorKind.AUTH),
        (401, 29, "isv.appkey-not-exists", ErrorKind.AUTH),
        (401, 28, None, ErrorKind.AUTH),
        (403, 11, "isv.permission-denied", ErrorKind.PERMISSION),
        (400, 40, "isv.missing-parameter:item_id", ErrorKind.BAD_REQUEST),
        (400, 41, "isv.invalid-parameter:item_id", ErrorKind.BAD_REQUEST),
        (500, 15, "isp.remote-service-error", ErrorKind.SERVER),
        (504, 15, "isp.remote-service-timeout", ErrorKind.TIMEOUT),
        (200, 25, None, ErrorKind.AUTH),  # a 200 carrying error_response is an error too
        (200, 999, "isp.unknown", ErrorKind.SERVER),
        (403, 999, "isv.something", ErrorKind.PERMISSION),
    ],
)
def test_error_codes_map_to_kinds(status, code, sub_code, kind):
    result = failure(status, error(code, sub_code=sub_code))
    assert result.kind is kind
    assert result.code == code
    assert result.http_status == status
    assert result.remedy


def test_frequency_ban_is_rate_limited_with_its_duration():
    result = failure(
        403,
        error(
            7,
            "App Call Limited",
            "accesscontrol.limited-by-app-access-count",
            "This ban will last for 2 more seconds",
        ),
    )
    assert result.kind is ErrorKind.RATE_LIMITED
    assert result.kind.retryable
    assert result.retry_after == 2


def test_retry_after_header_is_honoured():
    result = failure(403, error(7), {"retry-after": "3"})
    assert (result.kind, result.retry_after) == (ErrorKind.RATE_LIMITED, 3)


def test_a_ban_of_hours_is_the_daily_quota():
    result = failure(403, error(7, sub_msg="This ban will last for 43200 more seconds"))
    assert result.kind is ErrorKind.QUOTA_EXHAUSTED
    assert not result.kind.retryable


def test_invalid_timestamp_reports_the_clock_offset_from_the_date_header():
    headers = {"date": formatdate(NOW + 420, usegmt=True)}
    result = failure(401, error(31, "Invalid timestamp"), headers)
    assert result.kind is ErrorKind.CLOCK
    assert result.clock_offset == pytest.approx(420, abs=1)
    assert "慢约 420 秒" in result.message
    assert "时间" in result.remedy


def test_html_502_from_a_proxy_is_a_typed_error_not_a_crash():
    result = failure(502, None, raw_body=b"<html><body><h1>502 Bad Gateway</h1></body></html>")
    assert result.kind is ErrorKind.SERVER
    assert result.kind.retryable
    assert "非 JSON" in result.message


def test_html_at_200_is_a_protocol_error():
    assert failure(200, None, raw_body=b"<html>login</html>").kind is ErrorKind.PROTOCOL


@pytest.mark.parametrize(
    "body",
    [
        b'{"item_get_response": {"item": {"item_id"',
        b"[]",
        b'"text"',
        b"\xff\xfe",
        b"{}",
        b'{"other": 1}',
        b'{"item_get_response": {"item": [1, 2]}}',
        b'{"item_get_response": {"item": {"price": "free"}}}',
    ],
)
def test_unreadable_bodies_are_protocol_errors(body):
    assert failure(200, None, raw_body=body).kind is ErrorKind.PROTOCOL


@pytest.mark.parametrize(
    ("status", "kind"),
    [(504, ErrorKind.TIMEOUT), (503, ErrorKind.SERVER), (401, ErrorKind.AUTH), (429, ErrorKind.RATE_LIMITED)],
)
def test_bare_http_errors_without_envelope(status, kind):
    assert failure(status, {"message": "nope"}).kind is kind


def test_error_response_that_is_not_an_object():
    result = failure(200, {"error_response": "boom"})
    assert result.kind is ErrorKind.BAD_REQUEST
    assert "boom" in result.message


@pytest.mark.parametrize(
    ("kind", "code", "sub_code", "every_item"),
    [
        (ErrorKind.BAD_REQUEST, 41, "isv.invalid-parameter:fields", True),
        (ErrorKind.BAD_REQUEST, 40, "isv.missing-parameter:method", True),
        (ErrorKind.BAD_REQUEST, 41, "isv.invalid-parameter:item_id", False),
        (ErrorKind.BAD_REQUEST, None, None, False),  # the client's own check of one id
        (ErrorKind.AUTH, 25, "isv.invalid-signature", True),
        (ErrorKind.PERMISSION, 11, "isv.permission-denied", True),
        (ErrorKind.CLOCK, 31, None, True),
        (ErrorKind.NOT_FOUND, None, None, False),
        (ErrorKind.TIMEOUT, None, None, False),
        (ErrorKind.QUOTA_EXHAUSTED, 7, "accesscontrol.limited-by-app-access-count", True),
        (ErrorKind.QUOTA_EXHAUSTED, None, None, False),  # our own ledger: no call was made
    ],
)
def test_which_answers_every_item_of_a_batch_would_get(kind, code, sub_code, every_item):
    assert GatewayFailure(kind, "x", code=code, sub_code=sub_code).same_for_every_item is every_item


SIGN = "0123456789abcdef" * 4
SECRET = "s3cret-value"


@pytest.mark.parametrize(
    "document",
    [
        {"error_response": {"code": 25, "msg": f"bad sign={SIGN}", "sub_msg": f"secret {SECRET} vs {SIGN.upper()}"}},
        {"error_response": {"code": 41, "msg": "x", "sub_code": f"isv.{SIGN}", "request_id": SIGN}},
        {"error_response": f"app_secret={SECRET}&sign={SIGN}"},
        {"item_get_response": {"item": {"item_id": ID, "title": "t", "price": f"sign={SIGN}"}}},
        {"item_get_response": {"item": {"item_id": ID, "title": "t", "price": f"密钥 {SECRET}"}}},
    ],
    ids=["msg-and-sub-msg", "sub-code-and-request-id", "bare-error-text", "item-value-sign", "item-value-secret"],
)
def test_every_text_the_gateway_echoes_is_scrubbed_before_it_leaves_the_parser(document):
    """Issue 12 item 8: the failure carries the gateway's words with the signature and the secret hidden."""
    body = json.dumps(document, ensure_ascii=False).encode()
    with pytest.raises(GatewayError) as info:
        parse_item_response(200, {}, body, ID, local_now=NOW, secrets=(SECRET, SIGN))
    found = info.value.failure
    texts = " ".join(str(t) for t in (found.message, found.sub_code, found.request_id, found.describe(), info.value))
    assert SIGN not in texts.lower() and SECRET not in texts
    assert "[已隐藏]" in texts
