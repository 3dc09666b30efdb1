import hashlib
import hmac

import pytest

from xianyu_desktop.core.gateway.signing import sign_params, signature_matches, string_to_sign

VECTOR = {
    "app_key": "xianyu_123456",
    "method": "xianyu.item.get",
    "timestamp": "1735689600000",
    "version": "v2",
    "item_id": "698765432109876543",
    "fields": "title,price",
}


def test_protocol_vector_with_fields():
    assert sign_params(VECTOR, "s3cr3t") == "a518e395849ebe26f830ffd6926b72899cf317f07e76663f88fc887cd59baed9"


def test_protocol_vector_with_empty_fields_dropped():
    params = {**VECTOR, "fields": ""}
    assert sign_params(params, "s3cr3t") == "eb5b2f67ea20400c62667f74142e42e22f63f6fe294c84cbec98d81b44211178"
    assert sign_params({k: v for k, v in VECTOR.items() if k != "fields"}, "s3cr3t") == sign_params(params, "s3cr3t")


def test_signature_is_64_lower_case_hex():
    sign = sign_params(VECTOR, "s3cr3t")
    assert len(sign) == 64
    assert sign == sign.lower()
    int(sign, 16)


def test_sign_param_itself_is_excluded():
    assert sign_params({**VECTOR, "sign": "anything"}, "s3cr3t") == sign_params(VECTOR, "s3cr3t")


def test_params_sorted_by_name_and_form_encoded_with_raw_secret_appended():
    message = string_to_sign({"b": "2", "a": "中 文", "c": ""}, "k&y")
    assert message == "a=%E4%B8%AD+%E6%96%87&b=2&app_secret=k&y"
    expected = hmac.new(b"k&y", message.encode(), hashlib.sha256).hexdigest()
    assert sign_params({"b": "2", "a": "中 文", "c": ""}, "k&y") == expected


@pytest.mark.parametrize("change", [{"item_id": "698765432109876544"}, {"timestamp": "1735689600001"}])
def test_any_change_breaks_the_signature(change):
    sign = sign_params(VECTOR, "s3cr3t")
    assert signature_matches(VECTOR, "s3cr3t", sign)
    assert not signature_matches({**VECTOR, **change}, "s3cr3t", sign)
    assert not signature_matches(VECTOR, "other", sign)
