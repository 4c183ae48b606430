"""V1: entering without a password, from a host product's signed token."""

from datetime import timedelta

import pytest
from django.utils import timezone

from wagtail_feedback.models import Account, SigningKey, UsedToken, Visitor
from wagtail_feedback.rules.tokens import TokenError, sign_host_token
from wagtail_feedback.services.identity import enter_with_token, visitor_for_user

pytestmark = pytest.mark.django_db
AUD = "wagtail-feedback-tests"
SECRET = "a-very-long-shared-secret-for-the-tests-0123456789"


@pytest.fixture
def key(db):
    return SigningKey.objects.create(kid="host-1", secret=SECRET)


def token(**overrides):
    claims = {
        "sub": "user-42", "name": "山田 花子", "email": "hanako@example.jp", "language": "ja-JP", "aud": AUD,
        "account": {"id": "acct-7", "name": "Example KK", "status": "paying", "monthly_value": "1500.00"},
        "is_staff": True, "role": "admin",
    }
    kid = overrides.pop("kid", "host-1")
    secret = overrides.pop("secret", SECRET)
    claims.update(overrides)
    return sign_host_token(claims, kid=kid, secret=secret, lifetime_seconds=300)


def test_token_creates_visitor_and_account(key):
    visitor = enter_with_token(token())
    assert (visitor.host_id, visitor.name, visitor.email, visitor.language) == (
        "user-42", "山田 花子", "hanako@example.jp", "ja"
    )
    account = visitor.account
    assert (account.host_id, account.name, account.status, str(account.monthly_value)) == (
        "acct-7", "Example KK", "paying", "1500.00"
    )
    assert visitor.user is None  # privilege claims never grant anything


def test_second_token_updates_the_same_records(key):
    enter_with_token(token())
    visitor = enter_with_token(token(name="Hanako Yamada", account={"id": "acct-7", "name": "Example Inc",
                                                                  "status": "not_paying"}))
    assert Visitor.objects.count() == 1 and Account.objects.count() == 1
    assert visitor.name == "Hanako Yamada"
    assert visitor.account.name == "Example Inc" and visitor.account.status == "not_paying"
    assert str(visitor.account.monthly_value) == "1500.00"  # absent claim keeps the known value


def test_replayed_token_is_refused(key):
    t = token()
    enter_with_token(t)
    with pytest.raises(TokenError) as error:
        enter_with_token(t)
    assert error.value.code == "replayed"


@pytest.mark.parametrize(
    "make,code",
    [
        (lambda: token(secret="another-secret-entirely-0123456789abcdef"), "bad_signature"),
        (lambda: token(kid="nobody"), "unknown_key"),
        (lambda: token(aud="someone-else"), "wrong_audience"),
        (lambda: sign_host_token({"sub": "x", "aud": AUD}, kid="host-1", secret=SECRET, lifetime_seconds=7200),
         "too_long_lived"),
        (lambda: sign_host_token({"sub": "x", "aud": AUD}, kid="host-1", secret=SECRET,
                                 now=timezone.now() - timedelta(hours=1)), "expired"),
        (lambda: "eyJhbGciOiJub25lIiwia2lkIjoiaG9zdC0xIn0.eyJzdWIiOiJ4In0.", "bad_algorithm"),
    ],
)
def test_bad_tokens_are_refused_and_write_nothing(key, make, code):
    with pytest.raises(TokenError) as error:
        enter_with_token(make())
    assert error.value.code == code
    assert not Visitor.objects.exists() and not Account.objects.exists() and not UsedToken.objects.exists()


def test_inactive_key_is_refused(key):
    key.is_active = False
    key.save()
    with pytest.raises(TokenError) as error:
        enter_with_token(token())
    assert error.value.code == "unknown_key"


def test_used_token_ids_are_forgotten_after_expiry(key):
    UsedToken.objects.create(jti="old", expires_at=timezone.now() - timedelta(minutes=5))
    enter_with_token(token())
    assert list(UsedToken.objects.values_list("jti", flat=True)) != ["old"]
    assert not UsedToken.objects.filter(jti="old").exists()


def test_site_user_is_a_visitor(django_user_model):
    user = django_user_model.objects.create_user("kenji", email="kenji@corp.example", first_name="Kenji",
                                                 last_name="Sato")
    visitor = visitor_for_user(user)
    assert (visitor.user, visitor.name, visitor.email) == (user, "Kenji Sato", "kenji@corp.example")
    assert visitor_for_user(user) == visitor
