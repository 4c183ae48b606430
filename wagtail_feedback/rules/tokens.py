"""Verify the signed token a host product puts in its "Suggest a feature" link.

A pure rule: no models, no database, no request. The caller supplies the key
lookup (``key_for_kid``), the expected audience and the limits; the result is
a :class:`HostClaims` with every value already trimmed, capped and normalised,
or a :class:`TokenError` whose ``code`` says why the token was refused.

Replay protection is *not* done here: the service layer stores
``HostClaims.jti`` until ``HostClaims.expires_at``.

Token format (see docs/host-integration.md)::

    header  {"alg": "HS256", "typ": "JWT", "kid": "<key id>"}
    claims  {"aud": ..., "sub": ..., "iat": ..., "exp": ..., "jti": ...,
             "name": ..., "email": ..., "language": ...,
             "account": {"id": ..., "name": ..., "status": ..., "monthly_value": ...}}

Whatever the token string holds, :func:`verify_host_token` raises nothing but
:class:`TokenError`. (Exceptions raised by the caller's own ``key_for_kid``
are not swallowed.)
"""

from __future__ import annotations

import base64
import json
import re
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation

import jwt
from django.utils.translation import gettext_lazy as _

__all__ = [
    "ALGORITHM",
    "MAX_TOKEN_LENGTH",
    "HostClaims",
    "TokenError",
    "sign_host_token",
    "verify_host_token",
]

ALGORITHM = "HS256"
#: Longest token string accepted, in characters.
MAX_TOKEN_LENGTH = 8192
REQUIRED_CLAIMS = ("exp", "iat", "sub", "jti", "aud")

MAX_ID_LENGTH = 255
MAX_KID_LENGTH = 255
MAX_NAME_LENGTH = 200
MAX_EMAIL_LENGTH = 254
MAX_ACCOUNT_NAME_LENGTH = 200
MAX_LANGUAGE_LENGTH = 35  # BCP 47 tags are rarely longer
ACCOUNT_STATUSES = frozenset({"paying", "not_paying", "prospect"})
MONTHLY_VALUE_LIMIT = Decimal(10) ** 10
_CENT = Decimal("0.01")

# 9999-12-31T23:59:59Z: the last second a ``datetime`` can hold.
_MAX_TIMESTAMP = 253_402_300_799
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

# One plain sentence each; the page that shows it adds "Please go back to the
# product and open the feedback link again."
_MESSAGES = {
    "malformed": _("This link is damaged or incomplete."),
    "bad_algorithm": _("This link could not be verified."),
    "unknown_key": _("This link was signed with a key this site does not recognise."),
    "bad_signature": _("This link could not be verified."),
    "expired": _("This link has expired."),
    "not_yet_valid": _("This link is not valid yet."),
    "wrong_audience": _("This link was made for a different site."),
    "missing_claim": _("This link is missing some required information."),
    "too_long_lived": _("This link stays valid for longer than this site allows."),
    "invalid_claim": _("This link contains information this site cannot accept."),
    # Raised by the service layer, which remembers every jti it has accepted.
    "replayed": _("This link has already been used."),
}


class TokenError(Exception):
    """A host token was refused.

    ``code`` is one of ``TokenError.CODES`` (all raised here except
    ``"replayed"``, which the service layer raises when a jti comes back);
    ``message`` is a
    lazily translated sentence for the visitor; ``detail`` is an untranslated
    explanation for logs and developers (never show it to visitors: it may
    echo parts of the token). ``str(error)`` is ``"code: detail"`` and never
    forces the translation.
    """

    CODES = frozenset(_MESSAGES)

    def __init__(self, code: str, detail: str = ""):
        if code not in _MESSAGES:
            raise ValueError(f"Unknown TokenError code: {code!r}")
        self.code = code
        self.message = _MESSAGES[code]
        self.detail = detail
        super().__init__(f"{code}: {detail}" if detail else code)


@dataclass(frozen=True)
class HostClaims:
    """What a verified host token says about the visitor and their account."""

    jti: str
    expires_at: datetime
    issued_at: datetime
    visitor_id: str
    name: str = ""
    email: str = ""
    language: str = ""
    account_id: str = ""
    account_name: str = ""
    account_status: str = ""
    account_monthly_value: Decimal | None = None


# --------------------------------------------------------------------------
# Verification
# --------------------------------------------------------------------------


def verify_host_token(
    token: str,
    *,
    key_for_kid: Callable[[str], str | bytes | None],
    audience: str,
    max_lifetime_seconds: int = 3600,
    leeway_seconds: int = 30,
    now: datetime | None = None,
) -> HostClaims:
    """Check ``token`` and return its normalised claims, or raise TokenError.

    ``key_for_kid(kid)`` returns the shared secret for an active key, or
    ``None``. It is only called once the header has been parsed and its
    algorithm accepted. ``now`` defaults to the current time; a naive value is
    taken as UTC.
    """
    text = _token_text(token)
    header = _unverified_header(text)

    alg = header.get("alg")
    if alg != ALGORITHM:
        raise TokenError("bad_algorithm", f"alg {_short(alg)} is not accepted; use HS256")
    if "crit" in header or "b64" in header:
        raise TokenError("malformed", "JWS extensions (crit, b64) are not supported")

    kid = header.get("kid")
    if not isinstance(kid, str) or not kid.strip():
        raise TokenError("unknown_key", "header has no kid")
    if len(kid) > MAX_KID_LENGTH or _has_control_chars(kid):
        raise TokenError("unknown_key", "kid is not a valid key id")

    key = key_for_kid(kid)
    if key is None:
        raise TokenError("unknown_key", f"no active key with kid {_short(kid)}")
    if not isinstance(key, str | bytes):
        raise TypeError("key_for_kid must return str, bytes or None")
    if not key:
        raise TokenError("unknown_key", f"key {_short(kid)} is empty")

    payload = _verified_payload(text, key)
    return _claims_from_payload(
        payload,
        audience=audience,
        max_lifetime_seconds=max_lifetime_seconds,
        leeway_seconds=leeway_seconds,
        now=_aware(now) if now is not None else datetime.now(UTC),
    )


def _token_text(token: object) -> str:
    if isinstance(token, bytes | bytearray | memoryview):
        token = bytes(token)
        if len(token) > MAX_TOKEN_LENGTH:
            raise TokenError("malformed", "token is too long")
        if not token.isascii():
            raise TokenError("malformed", "token is not ASCII")
        token = token.decode("ascii")
    if not isinstance(token, str):
        raise TokenError("malformed", "token is not a string")
    if len(token) > MAX_TOKEN_LENGTH:
        raise TokenError("malformed", "token is too long")
    token = token.strip()
    if not token:
        raise TokenError("malformed", "token is empty")
    if not token.isascii():
        raise TokenError("malformed", "token is not ASCII")
    if token.count(".") != 2:
        raise TokenError("malformed", "token does not have three segments")
    return token


_SEGMENT_RE = re.compile(r"[A-Za-z0-9_-]*")


def _unverified_header(text: str) -> dict:
    """Parse the header ourselves so the algorithm is judged first, whatever
    PyJWT version is installed (PyJWT parses it again when verifying)."""
    segment = text.split(".", 1)[0]
    if not segment or not _SEGMENT_RE.fullmatch(segment) or len(segment) % 4 == 1:
        raise TokenError("malformed", "header is not base64url")
    try:
        raw = base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
        header = json.loads(
            raw.decode("utf-8"),
            parse_constant=_reject_constant,
            object_pairs_hook=_no_duplicate_keys,
        )
    except (ValueError, RecursionError, TypeError) as exc:
        raise TokenError("malformed", f"header is not valid JSON ({type(exc).__name__})") from None
    if not isinstance(header, dict):
        raise TokenError("malformed", "header is not a JSON object")
    return header


def _verified_payload(text: str, key: str | bytes) -> dict:
    try:
        decoded = jwt.PyJWS().decode_complete(text, key=key, algorithms=[ALGORITHM])
    except jwt.InvalidSignatureError:
        raise TokenError("bad_signature", "signature does not match") from None
    except jwt.InvalidAlgorithmError:
        raise TokenError("bad_algorithm", "algorithm not accepted") from None
    except jwt.InvalidKeyError:
        raise TokenError("unknown_key", "stored key cannot be used for HS256") from None
    except (jwt.PyJWTError, ValueError, RecursionError) as exc:
        raise TokenError("malformed", f"unreadable token ({type(exc).__name__})") from None

    try:
        payload = json.loads(
            decoded["payload"].decode("utf-8"),
            parse_float=Decimal,
            parse_constant=_reject_constant,
            object_pairs_hook=_no_duplicate_keys,
        )
    except (ValueError, RecursionError, TypeError) as exc:
        raise TokenError("malformed", f"claims are not valid JSON ({type(exc).__name__})") from None
    if not isinstance(payload, dict):
        raise TokenError("malformed", "claims are not a JSON object")
    return payload


def _reject_constant(name: str):
    raise ValueError(f"{name} is not allowed")


def _no_duplicate_keys(pairs):
    result = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _claims_from_payload(
    payload: dict,
    *,
    audience: str,
    max_lifetime_seconds: int,
    leeway_seconds: int,
    now: datetime,
) -> HostClaims:
    for claim in REQUIRED_CLAIMS:
        if payload.get(claim) is None:
            raise TokenError("missing_claim", f"claim {claim!r} is required")

    aud = payload["aud"]
    audiences = aud if isinstance(aud, list) else [aud]
    if not any(isinstance(a, str) and a == audience for a in audiences):
        raise TokenError("wrong_audience", f"aud must be {audience!r}")

    exp = _timestamp(payload, "exp")
    iat = _timestamp(payload, "iat")
    nbf = _timestamp(payload, "nbf") if payload.get("nbf") is not None else None
    if exp <= iat:
        raise TokenError("invalid_claim", "exp must be later than iat")
    if exp - iat > max_lifetime_seconds:
        raise TokenError(
            "too_long_lived",
            f"exp - iat is {exp - iat:g}s; at most {max_lifetime_seconds}s is accepted",
        )

    now_ts = now.timestamp()
    if iat > now_ts + leeway_seconds:
        raise TokenError("not_yet_valid", "iat is in the future")
    if nbf is not None and nbf > now_ts + leeway_seconds:
        raise TokenError("not_yet_valid", "nbf is in the future")
    if exp <= now_ts - leeway_seconds:
        raise TokenError("expired", "exp is in the past")

    visitor_id = _identifier(payload["sub"], "sub", required=True)
    jti = _identifier(payload["jti"], "jti", required=True)

    name = _text(payload.get("name"), "name", MAX_NAME_LENGTH)
    email = _email(payload.get("email"))
    language = _language(payload.get("language"))

    account = payload.get("account")
    if account is None:
        account = {}
    elif not isinstance(account, dict):
        raise TokenError("invalid_claim", "account must be an object")

    return HostClaims(
        jti=jti,
        expires_at=_datetime(exp),
        issued_at=_datetime(iat),
        visitor_id=visitor_id,
        name=name,
        email=email,
        language=language,
        account_id=_identifier(account.get("id"), "account.id", required=False),
        account_name=_text(account.get("name"), "account.name", MAX_ACCOUNT_NAME_LENGTH),
        account_status=_status(account.get("status")),
        account_monthly_value=_monthly_value(account.get("monthly_value")),
    )


# --------------------------------------------------------------------------
# Claim helpers
# --------------------------------------------------------------------------


def _timestamp(payload: dict, claim: str) -> float:
    value = payload[claim]
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise TokenError("invalid_claim", f"{claim} must be a number of seconds")
    if isinstance(value, Decimal) and not value.is_finite():  # pragma: no cover
        raise TokenError("invalid_claim", f"{claim} must be finite")
    if not 0 <= value <= _MAX_TIMESTAMP:
        raise TokenError("invalid_claim", f"{claim} is out of range")
    return float(value)


def _datetime(timestamp: float) -> datetime:
    return _EPOCH + timedelta(seconds=timestamp)


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _has_control_chars(value: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cs") for ch in value)


def _identifier(value: object, claim: str, *, required: bool) -> str:
    """An id: a string of 1..255 characters, trimmed, no control characters.

    Ids are refused rather than cut when too long: two different ids must
    never become the same one.
    """
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise TokenError("invalid_claim", f"{claim} must be a string")
    value = value.strip()
    if not value:
        if required:
            raise TokenError("invalid_claim", f"{claim} must not be empty")
        return ""
    if len(value) > MAX_ID_LENGTH:
        raise TokenError("invalid_claim", f"{claim} is longer than {MAX_ID_LENGTH} characters")
    if _has_control_chars(value) or any(ch in _BIDI_CONTROLS for ch in value):
        raise TokenError("invalid_claim", f"{claim} contains control characters")
    return value


def _text(value: object, claim: str, max_length: int) -> str:
    """Display text: control characters dropped, whitespace collapsed, trimmed, cut."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TokenError("invalid_claim", f"{claim} must be a string")
    cleaned = []
    for ch in value[: max_length * 4]:
        if ch.isspace():
            cleaned.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cs") or ch in _BIDI_CONTROLS:
            continue
        else:
            cleaned.append(ch)
    text = " ".join("".join(cleaned).split())
    return text[:max_length].rstrip()


# Dot-atom local part (ASCII) @ domain of two or more labels. Deliberately
# simple: it only has to decide whether the value is worth keeping.
_EMAIL_RE = re.compile(
    r"(?P<local>[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*)"
    r"@"
    r"(?P<domain>(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_](?:[\w-]{0,61}[^\W_])?)"
)


def _email(value: object) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TokenError("invalid_claim", "email must be a string")
    value = value.strip()
    if len(value) > MAX_EMAIL_LENGTH:
        return ""
    match = _EMAIL_RE.fullmatch(value)
    if match is None or len(match["local"]) > 64:
        return ""
    return value


def _language(value: object) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TokenError("invalid_claim", "language must be a string")
    value = value.strip().lower()[:MAX_LANGUAGE_LENGTH]
    if not value:
        return ""
    return "ja" if value.startswith("ja") else "en"


def _status(value: object) -> str:
    if isinstance(value, str):
        value = value.strip().lower()
        if value in ACCOUNT_STATUSES:
            return value
    return ""


_DECIMAL_TEXT_RE = re.compile(r"[0-9]{1,20}(?:\.[0-9]{1,20})?")


def _monthly_value(value: object) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise TokenError("invalid_claim", "account.monthly_value must be a number")
    if isinstance(value, str):
        text = value.strip()
        if not _DECIMAL_TEXT_RE.fullmatch(text):
            raise TokenError(
                "invalid_claim", "account.monthly_value must be a non-negative decimal number"
            )
        number = Decimal(text)
    elif isinstance(value, int | Decimal):
        number = Decimal(value)
    else:
        raise TokenError("invalid_claim", "account.monthly_value must be a number")
    try:
        if not number.is_finite() or number < 0 or number >= MONTHLY_VALUE_LIMIT:
            raise TokenError(
                "invalid_claim", "account.monthly_value must be between 0 and 9999999999.99"
            )
        cents = number.quantize(_CENT)
    except InvalidOperation:  # pragma: no cover - guarded by the range check
        raise TokenError("invalid_claim", "account.monthly_value is not a number") from None
    if cents != number:
        raise TokenError(
            "invalid_claim", "account.monthly_value has more than 2 decimal places"
        )
    return abs(cents)  # abs() turns -0.00 into 0.00


def _short(value: object, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


# --------------------------------------------------------------------------
# Signing (example site, tests, Python hosts that embed this package)
# --------------------------------------------------------------------------


class _ClaimsEncoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, Decimal):
            return str(o)
        return super().default(o)


def sign_host_token(
    claims: dict,
    *,
    kid: str,
    secret: str | bytes,
    lifetime_seconds: int = 600,
    now: datetime | None = None,
) -> str:
    """Sign ``claims`` as an HS256 host token with ``kid`` in the header.

    Adds ``iat`` (now), ``exp`` (``iat + lifetime_seconds``) and ``jti`` (a
    random hex uuid) unless ``claims`` already has them. ``aud`` is *not*
    added: pass it in ``claims``. Decimal values are written as strings.
    """
    payload = dict(claims)
    moment = _aware(now) if now is not None else datetime.now(UTC)
    if "iat" not in payload:
        payload["iat"] = int(moment.timestamp())
    if "exp" not in payload:
        iat = payload["iat"]
        if isinstance(iat, datetime):
            iat = int(_aware(iat).timestamp())
        payload["exp"] = iat + lifetime_seconds
    if "jti" not in payload:
        payload["jti"] = uuid.uuid4().hex
    return jwt.encode(
        payload,
        secret,
        algorithm=ALGORITHM,
        headers={"kid": kid},
        json_encoder=_ClaimsEncoder,
    )
