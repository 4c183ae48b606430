"""The host-token rule: every refusal proven with a real, hand-crafted token.

Plain pytest: no database, no Django settings needed. Messages are lazy and
never forced here; assertions are on ``TokenError.code``.
"""

import base64
import dataclasses
import hashlib
import hmac
import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from django.utils.functional import Promise
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wagtail_feedback.rules.tokens import (
    MAX_TOKEN_LENGTH,
    HostClaims,
    TokenError,
    sign_host_token,
    verify_host_token,
)

AUDIENCE = "wagtail-feedback"
SECRET = "k1-secret-0123456789abcdef0123456789abcdef"  # >= 32 bytes: no PyJWT key warning
OTHER_SECRET = "attacker-secret-0123456789abcdef0123456789"
KEYS = {"k1": SECRET}
NOW = datetime(2030, 1, 1, 12, 0, 0, tzinfo=UTC)
NOW_TS = int(NOW.timestamp())
DOCS = Path(__file__).resolve().parents[2] / "docs"
DELETE = object()


# --------------------------------------------------------------------------
# Helpers: tokens crafted by hand (no PyJWT), so the tests do not share the
# implementation's assumptions.
# --------------------------------------------------------------------------


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def segment(value) -> str:
    if isinstance(value, dict | list):
        value = json.dumps(value, separators=(",", ":"))
    if isinstance(value, str):
        value = value.encode("utf-8")
    return b64url(value)


def craft(header=None, payload=None, *, secret=SECRET, digest=hashlib.sha256, signature=None):
    """Build a compact JWS from raw parts; ``signature`` overrides the HMAC."""
    if header is None:
        header = {"alg": "HS256", "typ": "JWT", "kid": "k1"}
    if payload is None:
        payload = claims()
    signing_input = f"{segment(header)}.{segment(payload)}"
    if signature is None:
        key = secret.encode() if isinstance(secret, str) else secret
        signature = b64url(hmac.new(key, signing_input.encode("ascii"), digest).digest())
    return f"{signing_input}.{signature}"


def claims(**overrides):
    base = {
        "aud": AUDIENCE,
        "sub": "user-42",
        "iat": NOW_TS - 5,
        "exp": NOW_TS + 295,
        "jti": "0f9c2a6e4b1d4e0e9a1f3c5d7b9e1a2c",
        "name": "Hanako Yamada",
        "email": "hanako@example.co.jp",
        "language": "ja-JP",
        "account": {
            "id": "acme-1",
            "name": "Acme K.K.",
            "status": "paying",
            "monthly_value": "1200.50",
        },
    }
    for key, value in overrides.items():
        if value is DELETE:
            base.pop(key, None)
        else:
            base[key] = value
    return base


def account(**overrides):
    return claims(account={**claims()["account"], **overrides})


def verify(token, **kwargs):
    kwargs.setdefault("key_for_kid", KEYS.get)
    kwargs.setdefault("audience", AUDIENCE)
    kwargs.setdefault("now", NOW)
    return verify_host_token(token, **kwargs)


def refused(token, code, **kwargs):
    with pytest.raises(TokenError) as info:
        verify(token, **kwargs)
    assert info.value.code == code, info.value
    return info.value


class RecordingKeys:
    """A key_for_kid that remembers whether it was asked."""

    def __init__(self, keys=None):
        self.keys = KEYS if keys is None else keys
        self.asked = []

    def __call__(self, kid):
        self.asked.append(kid)
        return self.keys.get(kid)


# --------------------------------------------------------------------------
# Happy path
# --------------------------------------------------------------------------


def test_valid_token_gives_normalised_claims():
    result = verify(craft())
    assert result == HostClaims(
        jti="0f9c2a6e4b1d4e0e9a1f3c5d7b9e1a2c",
        expires_at=datetime(2030, 1, 1, 12, 4, 55, tzinfo=UTC),
        issued_at=datetime(2030, 1, 1, 11, 59, 55, tzinfo=UTC),
        visitor_id="user-42",
        name="Hanako Yamada",
        email="hanako@example.co.jp",
        language="ja",
        account_id="acme-1",
        account_name="Acme K.K.",
        account_status="paying",
        account_monthly_value=Decimal("1200.50"),
    )
    assert result.expires_at.utcoffset() == timedelta(0)
    assert result.issued_at.utcoffset() == timedelta(0)


def test_minimal_token_with_only_required_claims():
    payload = {k: v for k, v in claims().items() if k in {"aud", "sub", "iat", "exp", "jti"}}
    result = verify(craft(payload=payload))
    assert result.visitor_id == "user-42"
    assert (result.name, result.email, result.language) == ("", "", "")
    assert (result.account_id, result.account_name, result.account_status) == ("", "", "")
    assert result.account_monthly_value is None


def test_token_may_be_given_as_bytes_and_with_surrounding_whitespace():
    token = craft()
    assert verify(token.encode("ascii")).visitor_id == "user-42"
    assert verify(f"  {token}\n").visitor_id == "user-42"


def test_default_now_is_the_real_clock():
    token = sign_host_token({"aud": AUDIENCE, "sub": "u1"}, kid="k1", secret=SECRET)
    assert verify_host_token(token, key_for_kid=KEYS.get, audience=AUDIENCE).visitor_id == "u1"


def test_naive_now_is_taken_as_utc():
    assert verify(craft(), now=NOW.replace(tzinfo=None)).visitor_id == "user-42"


def test_audience_may_be_a_list_containing_ours():
    assert verify(craft(payload=claims(aud=["other", AUDIENCE]))).visitor_id == "user-42"


def test_custom_audience():
    token = craft(payload=claims(aud="acme-feedback"))
    assert verify(token, audience="acme-feedback").visitor_id == "user-42"
    refused(token, "wrong_audience")


# --------------------------------------------------------------------------
# sign_host_token
# --------------------------------------------------------------------------


def test_sign_host_token_adds_iat_exp_jti_and_kid():
    token = sign_host_token({"aud": AUDIENCE, "sub": "u1"}, kid="k1", secret=SECRET, now=NOW)
    header = jwt.get_unverified_header(token)
    assert header["alg"] == "HS256"
    assert header["kid"] == "k1"
    payload = jwt.decode(token, options={"verify_signature": False})
    assert payload["iat"] == NOW_TS
    assert payload["exp"] == NOW_TS + 600
    assert len(payload["jti"]) == 32 and int(payload["jti"], 16) >= 0
    result = verify(token)
    assert result.visitor_id == "u1"
    assert result.jti == payload["jti"]
    assert result.expires_at - result.issued_at == timedelta(seconds=600)


def test_sign_host_token_keeps_given_values_and_writes_decimals():
    token = sign_host_token(
        {
            "aud": AUDIENCE,
            "sub": "u1",
            "iat": NOW_TS - 10,
            "jti": "given",
            "account": {"id": "a", "monthly_value": Decimal("99.90")},
        },
        kid="k1",
        secret=SECRET,
        lifetime_seconds=120,
        now=NOW,
    )
    result = verify(token)
    assert result.jti == "given"
    assert result.issued_at == NOW - timedelta(seconds=10)
    assert result.expires_at == NOW + timedelta(seconds=110)
    assert result.account_monthly_value == Decimal("99.90")


def test_two_signed_tokens_have_different_jti():
    first = verify(sign_host_token({"aud": AUDIENCE, "sub": "u"}, kid="k1", secret=SECRET, now=NOW))
    second = verify(sign_host_token({"aud": AUDIENCE, "sub": "u"}, kid="k1", secret=SECRET, now=NOW))
    assert first.jti != second.jti


# --------------------------------------------------------------------------
# Keys: signature, kid, rotation
# --------------------------------------------------------------------------


def test_signature_forged_with_another_secret_is_refused():
    refused(craft(secret=OTHER_SECRET), "bad_signature")


def test_tampered_claims_keep_old_signature_and_are_refused():
    good = craft()
    header, _payload, signature = good.split(".")
    evil = f"{header}.{segment(claims(sub='admin'))}.{signature}"
    refused(evil, "bad_signature")


def test_signature_stripped_is_refused():
    header, payload, _signature = craft().split(".")
    refused(f"{header}.{payload}.", "bad_signature")


def test_unknown_kid_is_refused():
    keys = RecordingKeys()
    refused(craft(header={"alg": "HS256", "kid": "nope"}), "unknown_key", key_for_kid=keys)
    assert keys.asked == ["nope"]


@pytest.mark.parametrize("kid", [DELETE, None, "", "   ", 123, ["k1"], "k" * 256, "k1\x00"])
def test_missing_or_unusable_kid_is_refused(kid):
    header = {"alg": "HS256", "typ": "JWT"}
    if kid is not DELETE:
        header["kid"] = kid
    keys = RecordingKeys()
    refused(craft(header=header), "unknown_key", key_for_kid=keys)
    assert keys.asked == []


def test_empty_stored_secret_is_refused():
    refused(craft(secret=""), "unknown_key", key_for_kid=lambda kid: "")


def test_key_rotation_with_two_kids():
    old_secret = "old-secret-0123456789abcdef0123456789abcdef"
    new_secret = "new-secret-0123456789abcdef0123456789abcdef"
    both = {"2024-old": old_secret, "2025-new": new_secret}
    old_token = craft(header={"alg": "HS256", "kid": "2024-old"}, secret=old_secret)
    new_token = craft(header={"alg": "HS256", "kid": "2025-new"}, secret=new_secret)

    # During the overlap both keys work.
    assert verify(old_token, key_for_kid=both.get).visitor_id == "user-42"
    assert verify(new_token, key_for_kid=both.get).visitor_id == "user-42"

    # A token must be signed with the secret of the kid it names.
    mixed = craft(header={"alg": "HS256", "kid": "2025-new"}, secret=old_secret)
    refused(mixed, "bad_signature", key_for_kid=both.get)

    # Once the old key is retired, its tokens are refused.
    only_new = {"2025-new": new_secret}
    refused(old_token, "unknown_key", key_for_kid=only_new.get)
    assert verify(new_token, key_for_kid=only_new.get).visitor_id == "user-42"


def test_bytes_secret_works():
    secret = os.urandom(32)
    token = sign_host_token({"aud": AUDIENCE, "sub": "u1"}, kid="b", secret=secret, now=NOW)
    assert verify(token, key_for_kid={"b": secret}.get).visitor_id == "u1"


# --------------------------------------------------------------------------
# Algorithms
# --------------------------------------------------------------------------


def test_alg_none_crafted_by_hand_is_refused_before_key_lookup():
    header = base64.urlsafe_b64encode(b'{"alg":"none","typ":"JWT","kid":"k1"}').rstrip(b"=")
    payload = base64.urlsafe_b64encode(json.dumps(claims()).encode()).rstrip(b"=")
    token = f"{header.decode()}.{payload.decode()}."
    keys = RecordingKeys()
    refused(token, "bad_algorithm", key_for_kid=keys)
    assert keys.asked == []


@pytest.mark.parametrize(
    ("alg", "digest"),
    [("HS512", hashlib.sha512), ("HS384", hashlib.sha384), ("hs256", hashlib.sha256)],
)
def test_other_hmac_algorithms_are_refused_even_with_a_valid_signature(alg, digest):
    keys = RecordingKeys()
    token = craft(header={"alg": alg, "kid": "k1"}, digest=digest)
    refused(token, "bad_algorithm", key_for_kid=keys)
    assert keys.asked == []


def test_hs512_signed_by_pyjwt_is_refused():
    token = jwt.encode(
        claims(), SECRET + SECRET, algorithm="HS512", headers={"kid": "k1"}
    )
    refused(token, "bad_algorithm", key_for_kid={"k1": SECRET + SECRET}.get)


@pytest.mark.parametrize(
    "alg", ["none", "None", "NONE", "", None, DELETE, "RS256", "ES256", "PS256", "EdDSA", ["HS256"]]
)
def test_non_hs256_algorithms_are_refused_before_key_lookup(alg):
    header = {"typ": "JWT", "kid": "k1"}
    if alg is not DELETE:
        header["alg"] = alg
    keys = RecordingKeys()
    refused(craft(header=header, signature=b64url(b"\x01" * 64)), "bad_algorithm", key_for_kid=keys)
    assert keys.asked == []


def test_critical_header_extensions_are_refused():
    refused(craft(header={"alg": "HS256", "kid": "k1", "crit": ["exp"]}), "malformed")
    refused(craft(header={"alg": "HS256", "kid": "k1", "b64": False, "crit": ["b64"]}), "malformed")


# --------------------------------------------------------------------------
# Audience and time
# --------------------------------------------------------------------------


@pytest.mark.parametrize("aud", ["other-site", "WAGTAIL-FEEDBACK", "", ["other"], [], 42, {"a": 1}])
def test_wrong_audience_is_refused(aud):
    refused(craft(payload=claims(aud=aud)), "wrong_audience")


def test_expired_token_is_refused():
    refused(craft(payload=claims(iat=NOW_TS - 400, exp=NOW_TS - 31)), "expired")
    # exactly at the edge of the leeway
    refused(craft(payload=claims(iat=NOW_TS - 400, exp=NOW_TS - 30)), "expired")


def test_expiry_within_leeway_is_accepted():
    assert verify(craft(payload=claims(iat=NOW_TS - 400, exp=NOW_TS - 29))).visitor_id
    token = craft(payload=claims(iat=NOW_TS - 400, exp=NOW_TS - 5))
    refused(token, "expired", leeway_seconds=0)


def test_token_issued_in_the_future_is_refused():
    refused(craft(payload=claims(iat=NOW_TS + 31, exp=NOW_TS + 300)), "not_yet_valid")


def test_small_clock_skew_is_accepted():
    assert verify(craft(payload=claims(iat=NOW_TS + 25, exp=NOW_TS + 300))).visitor_id


def test_nbf_in_the_future_is_refused():
    refused(craft(payload=claims(nbf=NOW_TS + 120)), "not_yet_valid")
    assert verify(craft(payload=claims(nbf=NOW_TS - 1))).visitor_id


def test_too_long_lived_token_is_refused():
    refused(craft(payload=claims(iat=NOW_TS, exp=NOW_TS + 3601)), "too_long_lived")
    refused(craft(payload=claims(iat=NOW_TS, exp=NOW_TS + 86400 * 365)), "too_long_lived")
    assert verify(craft(payload=claims(iat=NOW_TS, exp=NOW_TS + 3600))).visitor_id


def test_max_lifetime_is_configurable():
    token = craft(payload=claims(iat=NOW_TS, exp=NOW_TS + 900))
    refused(token, "too_long_lived", max_lifetime_seconds=600)
    assert verify(token, max_lifetime_seconds=900).visitor_id


def test_exp_not_after_iat_is_refused():
    refused(craft(payload=claims(iat=NOW_TS + 20, exp=NOW_TS + 10)), "invalid_claim")
    refused(craft(payload=claims(iat=NOW_TS, exp=NOW_TS)), "invalid_claim")


def test_fractional_times_are_accepted():
    result = verify(craft(payload=claims(iat=NOW_TS - 0.5, exp=NOW_TS + 299.25)))
    assert result.expires_at == NOW + timedelta(seconds=299.25)


@pytest.mark.parametrize("claim", ["exp", "iat", "nbf"])
@pytest.mark.parametrize("value", ["2030-01-01", True, -1, 10**20, 1e300, [1], {"t": 1}])
def test_time_claims_of_the_wrong_kind_are_refused(claim, value):
    refused(craft(payload=claims(**{claim: value})), "invalid_claim")


# --------------------------------------------------------------------------
# Required claims
# --------------------------------------------------------------------------


@pytest.mark.parametrize("claim", ["exp", "iat", "sub", "jti", "aud"])
def test_each_required_claim_missing_is_refused(claim):
    refused(craft(payload=claims(**{claim: DELETE})), "missing_claim")


@pytest.mark.parametrize("claim", ["exp", "iat", "sub", "jti", "aud"])
def test_each_required_claim_null_is_refused(claim):
    refused(craft(payload=claims(**{claim: None})), "missing_claim")


@pytest.mark.parametrize("claim", ["sub", "jti"])
@pytest.mark.parametrize("value", [42, "", "   ", "x" * 256, "a\x00b", "a\nb", "\ud800", "a\u202eb", ["u"]])
def test_invalid_ids_are_refused(claim, value):
    refused(craft(payload=claims(**{claim: value})), "invalid_claim")


def test_ids_are_trimmed_and_may_be_255_characters():
    long_id = "x" * 255
    result = verify(craft(payload=claims(sub=f"  {long_id}  ", jti=" j-1 ")))
    assert result.visitor_id == long_id
    assert result.jti == "j-1"


# --------------------------------------------------------------------------
# Privilege claims and profile values
# --------------------------------------------------------------------------


def test_privilege_like_claims_are_ignored():
    payload = claims(
        is_staff=True,
        is_superuser=True,
        role="admin",
        roles=["admin"],
        permissions=["*"],
        groups=["Moderators", "Editors"],
        user_id=1,
        scope="admin",
        account={**claims()["account"], "role": "owner", "is_admin": True},
    )
    result = verify(craft(payload=payload))
    assert result == verify(craft())
    field_names = {f.name for f in dataclasses.fields(HostClaims)}
    assert field_names == {
        "jti",
        "expires_at",
        "issued_at",
        "visitor_id",
        "name",
        "email",
        "language",
        "account_id",
        "account_name",
        "account_status",
        "account_monthly_value",
    }


def test_host_claims_are_frozen():
    result = verify(craft())
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.visitor_id = "admin"  # type: ignore[misc]


def test_name_is_trimmed_cleaned_and_capped():
    result = verify(craft(payload=claims(name="  Taro\x00 \t Yamada\u202e\n ")))
    assert result.name == "Taro Yamada"
    assert len(verify(craft(payload=claims(name="あ" * 500))).name) == 200
    assert verify(craft(payload=claims(name="   "))).name == ""


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("  hanako@example.co.jp ", "hanako@example.co.jp"),
        ("first.last+tag@mail.example.com", "first.last+tag@mail.example.com"),
        ("user@bücher.example", "user@bücher.example"),
        ("not-an-email", ""),
        ("a@b", ""),
        ("two@@example.com", ""),
        ("space in@example.com", ""),
        ("x@example.com\nBcc: y@example.com", ""),
        (".dot@example.com", ""),
        ("a@" + "b" * 250 + ".com", ""),
        ("x" * 65 + "@example.com", ""),
        ("", ""),
    ],
)
def test_email_must_look_like_an_email(given, kept):
    assert verify(craft(payload=claims(email=given))).email == kept


@pytest.mark.parametrize(
    ("given", "kept"),
    [("ja", "ja"), ("ja-JP", "ja"), (" JA_jp ", "ja"), ("en", "en"), ("en-GB", "en"),
     ("fr", "en"), ("zh-Hans", "en"), ("", ""), ("  ", ""), (None, "")],
)
def test_language_is_normalised(given, kept):
    assert verify(craft(payload=claims(language=given))).language == kept


def test_missing_language_is_empty():
    assert verify(craft(payload=claims(language=DELETE))).language == ""


@pytest.mark.parametrize(
    ("given", "kept"),
    [("paying", "paying"), (" Not_Paying ", "not_paying"), ("PROSPECT", "prospect"),
     ("churned", ""), ("", ""), (1, ""), (None, "")],
)
def test_account_status_is_normalised(given, kept):
    assert verify(craft(payload=account(status=given))).account_status == kept


def test_account_name_is_capped_and_account_is_optional():
    assert len(verify(craft(payload=account(name="N" * 300))).account_name) == 200
    assert verify(craft(payload=claims(account=None))).account_id == ""
    result = verify(craft(payload=claims(account={"name": "No id"})))
    assert (result.account_id, result.account_name) == ("", "No id")


@pytest.mark.parametrize(
    "payload",
    [
        claims(account="acme"),
        claims(account=["acme"]),
        account(id=7),
        account(id="i" * 256),
        account(id="a\x00"),
        claims(name=["Taro"]),
        claims(email=42),
        claims(language=1),
        account(name={"x": 1}),
    ],
)
def test_profile_values_of_the_wrong_kind_are_refused(payload):
    refused(craft(payload=payload), "invalid_claim")


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        (0, Decimal("0.00")),
        ("0", Decimal("0.00")),
        (1200, Decimal("1200.00")),
        ("1200.5", Decimal("1200.50")),
        (" 1200.50 ", Decimal("1200.50")),
        (1200.5, Decimal("1200.50")),
        (19.99, Decimal("19.99")),
        ("12.300", Decimal("12.30")),
        ("9999999999.99", Decimal("9999999999.99")),
        (None, None),
    ],
)
def test_monthly_value_parses(given, kept):
    value = verify(craft(payload=account(monthly_value=given))).account_monthly_value
    assert value == kept
    if kept is not None:
        assert value.as_tuple().exponent == -2


@pytest.mark.parametrize(
    "given",
    [-1, "-1", -0.01, "1.234", 1.234, "0.001", 10**10, "10000000000", 1e10, "abc", "1e3",
     "NaN", "Infinity", "1,000", "١٢", "", True, [], {"v": 1}],
)
def test_bad_monthly_value_is_refused(given):
    refused(craft(payload=account(monthly_value=given)), "invalid_claim")


# --------------------------------------------------------------------------
# Malformed input
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "token",
    [None, 42, "", "   ", "abc", "a.b", "a.b.c.d", "...", "!!.!!.!!", "é.é.é",
     "\ud800.a.b", b"\xff\xfe.a.b", ["a", "b", "c"]],
)
def test_garbage_is_malformed(token):
    refused(token, "malformed")


def test_token_longer_than_8kb_is_malformed_even_if_correctly_signed():
    payload = claims(name="x" * MAX_TOKEN_LENGTH)
    token = craft(payload=payload)
    assert len(token) > MAX_TOKEN_LENGTH
    keys = RecordingKeys()
    refused(token, "malformed", key_for_kid=keys)
    assert keys.asked == []
    refused(token.encode(), "malformed")


@pytest.mark.parametrize(
    "payload",
    [b"not json", b"[1,2,3]", b'"string"', b"\xff\xfe", b'{"sub":NaN}',
     b'{"exp":Infinity}', b'{"sub":"a","sub":"b"}', b"[" * 5000 + b"]" * 5000],
)
def test_signed_payload_that_is_not_a_claims_object_is_malformed(payload):
    refused(craft(payload=payload), "malformed")


@pytest.mark.parametrize(
    "header",
    [b"not json", b"[]", b'"HS256"', b'{"alg":"HS256","alg":"none","kid":"k1"}', b"{" * 3000],
)
def test_header_that_is_not_an_object_is_malformed(header):
    refused(craft(header=header), "malformed")


def test_token_error_codes_and_messages():
    expected = {
        "malformed", "bad_algorithm", "unknown_key", "bad_signature", "expired",
        "not_yet_valid", "wrong_audience", "missing_claim", "too_long_lived", "invalid_claim",
        "replayed",  # raised by the service layer, which stores jti
    }
    assert TokenError.CODES == expected
    for code in expected:
        error = TokenError(code, "detail")
        assert error.code == code
        assert isinstance(error.message, Promise)  # lazily translated, not forced here
        assert str(error) == f"{code}: detail"
    with pytest.raises(ValueError):
        TokenError("nope")


# --------------------------------------------------------------------------
# Fuzzing: nothing but TokenError, whatever the input
# --------------------------------------------------------------------------

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def must_verify_or_refuse(token):
    try:
        result = verify(token)
    except TokenError as error:
        assert error.code in TokenError.CODES
    else:
        assert isinstance(result, HostClaims)


@FUZZ
@given(st.text())
def test_random_text_never_raises_anything_but_token_error(token):
    must_verify_or_refuse(token)


@FUZZ
@given(st.binary())
def test_random_bytes_never_raise_anything_but_token_error(token):
    must_verify_or_refuse(token)


base64url_text = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=", max_size=80)


@FUZZ
@given(st.lists(base64url_text, min_size=1, max_size=5))
def test_random_jwt_shaped_strings_never_raise_anything_but_token_error(parts):
    must_verify_or_refuse(".".join(parts))


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
claim_strategies = {
    "aud": st.just(AUDIENCE) | st.lists(st.just(AUDIENCE) | st.text(max_size=5)) | json_values,
    "sub": st.text(max_size=300) | json_values,
    "iat": st.integers(NOW_TS - 4000, NOW_TS + 100) | st.floats() | json_values,
    "exp": st.integers(NOW_TS - 100, NOW_TS + 4000) | st.floats() | json_values,
    "nbf": st.integers(NOW_TS - 100, NOW_TS + 100) | json_values,
    "jti": st.text(max_size=300) | json_values,
    "name": st.text(max_size=300) | json_values,
    "email": st.emails() | st.text() | json_values,
    "language": st.text(max_size=10) | json_values,
    "is_staff": json_values,
    "account": st.fixed_dictionaries(
        {},
        optional={
            "id": st.text(max_size=300) | json_values,
            "name": st.text(max_size=300) | json_values,
            "status": st.sampled_from(["paying", "not_paying", "prospect"]) | st.text(max_size=12)
            | json_values,
            "monthly_value": st.decimals(allow_nan=True, places=None).map(str)
            | st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-1,
                          max_value=10**10).map(str)
            | st.integers()
            | st.floats()
            | json_values,
            "role": json_values,
        },
    )
    | json_values,
}


@st.composite
def claim_payloads(draw):
    """A valid claims object with some claims replaced by random values or removed."""
    payload = claims()
    for name in draw(st.lists(st.sampled_from(sorted(claim_strategies)), unique=True)):
        if draw(st.booleans()):
            payload[name] = draw(claim_strategies[name])
        else:
            payload.pop(name, None)
    return payload


@FUZZ
@given(claim_payloads())
def test_correctly_signed_random_claims_never_raise_anything_but_token_error(payload):
    must_verify_or_refuse(craft(payload=json.dumps(payload)))


@FUZZ
@given(st.dictionaries(st.sampled_from(["alg", "kid", "typ", "crit", "b64", "jku"]), json_values))
def test_random_headers_never_raise_anything_but_token_error(header):
    must_verify_or_refuse(craft(header=header))


# --------------------------------------------------------------------------
# The examples in the documentation really produce accepted links
# --------------------------------------------------------------------------


def run_example(command, **env):
    full_env = {**os.environ, **env}
    completed = subprocess.run(
        command, capture_output=True, text=True, env=full_env, timeout=60, check=False
    )
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.strip().splitlines()
    assert len(lines) == 1, completed.stdout
    return lines[0]


def token_from_url(url, site_url):
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == site_url
    assert parts.path == "/feedback/enter/"
    query = parse_qs(parts.query)
    assert list(query["token"]) == [query["token"][0]]
    return query["token"][0]


EXAMPLE_ENV = {
    "KID": "docs-2025",
    "SECRET": "docs-secret-0123456789abcdef0123456789abcdef",
    "SITE_URL": "https://feedback.example.com",
}


@pytest.mark.parametrize(
    "command",
    [
        pytest.param([sys.executable, str(DOCS / "examples" / "token_python.py")], id="python"),
        pytest.param(["node", str(DOCS / "examples" / "token_node.mjs")], id="node"),
    ],
)
@pytest.mark.parametrize("audience", [None, "acme-feedback"])
def test_documented_example_produces_an_accepted_token(command, audience):
    if command[0] == "node" and shutil.which("node") is None:
        pytest.skip("node is not installed")
    env = dict(EXAMPLE_ENV)
    if audience:
        env["AUDIENCE"] = audience
    url = run_example(command, **env)
    token = token_from_url(url, EXAMPLE_ENV["SITE_URL"])

    result = verify_host_token(
        token,
        key_for_kid={EXAMPLE_ENV["KID"]: EXAMPLE_ENV["SECRET"]}.get,
        audience=audience or AUDIENCE,
    )
    assert result.visitor_id == "1001"
    assert result.name == "山田 花子"
    assert result.email == "hanako.yamada@example.com"
    assert result.language == "ja"
    assert result.account_id == "acct-77"
    assert result.account_name == "Example K.K."
    assert result.account_status == "paying"
    assert result.account_monthly_value == Decimal("1200.00")
    assert timedelta(0) < result.expires_at - result.issued_at <= timedelta(seconds=600)

    # And a different secret does not verify it.
    with pytest.raises(TokenError) as info:
        verify_host_token(
            token, key_for_kid={EXAMPLE_ENV["KID"]: OTHER_SECRET}.get, audience=audience or AUDIENCE
        )
    assert info.value.code == "bad_signature"


@pytest.mark.parametrize(
    "command",
    [
        pytest.param([sys.executable, str(DOCS / "examples" / "token_python.py")], id="python"),
        pytest.param(["node", str(DOCS / "examples" / "token_node.mjs")], id="node"),
    ],
)
def test_documented_example_defaults(command):
    if command[0] == "node" and shutil.which("node") is None:
        pytest.skip("node is not installed")
    env = {k: v for k, v in os.environ.items() if k not in {"KID", "SECRET", "SITE_URL", "AUDIENCE", "NEXT"}}
    completed = subprocess.run(
        command + [], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert completed.returncode == 0, completed.stderr
    url = completed.stdout.strip()
    token = token_from_url(url, "http://localhost:8000")
    first = token.split(".")[0]
    header = json.loads(base64.urlsafe_b64decode(first + "=" * (-len(first) % 4)))
    assert header == {"alg": "HS256", "typ": "JWT", "kid": "demo"}
    result = verify_host_token(
        token, key_for_kid={"demo": "demo-secret-change-me-please-0123456789"}.get, audience=AUDIENCE
    )
    assert result.visitor_id == "1001"


def test_errors_of_the_key_lookup_itself_are_not_hidden():
    """A broken key store is an outage, not a bad token: it must surface."""

    def broken(kid):
        raise RuntimeError("database is down")

    with pytest.raises(RuntimeError):
        verify(craft(), key_for_kid=broken)


@pytest.mark.parametrize(
    "command",
    [
        pytest.param([sys.executable, str(DOCS / "examples" / "token_python.py")], id="python"),
        pytest.param(["node", str(DOCS / "examples" / "token_node.mjs")], id="node"),
    ],
)
def test_documented_example_can_add_next(command):
    if command[0] == "node" and shutil.which("node") is None:
        pytest.skip("node is not installed")
    url = run_example(command, **EXAMPLE_ENV, NEXT="/feedback/requests/new/")
    query = parse_qs(urlsplit(url).query)
    assert query["next"] == ["/feedback/requests/new/"]
    assert verify_host_token(
        query["token"][0], key_for_kid={EXAMPLE_ENV["KID"]: EXAMPLE_ENV["SECRET"]}.get, audience=AUDIENCE
    ).visitor_id == "1001"


@pytest.mark.parametrize("doc", ["host-integration.md", "ja/host-integration.md"])
@pytest.mark.parametrize("example", ["token_python.py", "token_node.mjs"])
def test_docs_show_the_examples_verbatim(doc, example):
    text = (DOCS / doc).read_text(encoding="utf-8")
    assert (DOCS / "examples" / example).read_text(encoding="utf-8") in text
