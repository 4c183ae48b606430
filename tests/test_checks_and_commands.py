from io import StringIO

import pytest
from django.core.checks import run_checks
from django.core.management import CommandError, call_command
from django.test import override_settings

from wagtail_feedback.models import SigningKey


def ids(**kwargs):
    return {m.id for m in run_checks(**kwargs) if m.id and m.id.startswith("wagtail_feedback")}


@pytest.mark.django_db
def test_good_configuration_is_quiet():
    SigningKey.objects.create(kid="k")
    assert ids() == set()


@override_settings(WAGTAIL_FEEDBACK={"TOKEN_AUDIENCE": "", "SESION_AGE": 5, "LANGUAGES": ["fr"], "SESSION_AGE": -1})
@pytest.mark.django_db
def test_settings_mistakes_are_reported():
    assert {"wagtail_feedback.E002", "wagtail_feedback.E003", "wagtail_feedback.E004", "wagtail_feedback.E005"} <= ids()


@pytest.mark.django_db
@override_settings(WAGTAIL_FEEDBACK={"MAX_TITLE_LENGTH": 500, "TOKEN_LEEWAY": True, "MAX_COMMENT_LENGTH": 0})
def test_limits_beyond_the_columns_and_non_numbers_are_reported():
    found = {m.id: m.msg for m in run_checks() if m.id and m.id.startswith("wagtail_feedback")}
    assert "more than the database column holds (200)" in found["wagtail_feedback.E008"]
    assert "wagtail_feedback.E004" in found


@override_settings(WAGTAILADMIN_BASE_URL="")
@pytest.mark.django_db
def test_missing_base_url_is_an_error():
    assert "wagtail_feedback.E006" in ids()


@pytest.mark.django_db
def test_missing_signing_key_is_a_warning():
    assert "wagtail_feedback.W003" in ids(databases=["default"])
    SigningKey.objects.create(kid="k")
    assert "wagtail_feedback.W003" not in ids(databases=["default"])


@pytest.mark.django_db
def test_sqlite_without_immediate_transactions_is_warned(settings):
    from django.db import connections

    if connections["default"].vendor != "sqlite":
        assert "wagtail_feedback.W002" not in ids(databases=["default"])
        return
    options = connections["default"].settings_dict["OPTIONS"]
    saved = options.pop("transaction_mode")
    try:
        assert "wagtail_feedback.W002" in ids(databases=["default"])
    finally:
        options["transaction_mode"] = saved


@pytest.mark.django_db
def test_signing_key_command():
    out = StringIO()
    call_command("feedback_signing_key", "create", "--kid", "host-a", stdout=out)
    secret = out.getvalue().split("secret=")[1].strip()
    assert SigningKey.objects.get(kid="host-a").secret == secret
    with pytest.raises(CommandError):
        call_command("feedback_signing_key", "create", "--kid", "host-a")
    with pytest.raises(CommandError):
        call_command("feedback_signing_key", "create", "--kid", "b", "--secret", "short")
    out = StringIO()
    call_command("feedback_signing_key", "list", stdout=out)
    assert "host-a\tactive" in out.getvalue() and secret not in out.getvalue()
    call_command("feedback_signing_key", "deactivate", "--kid", "host-a", stdout=StringIO())
    assert not SigningKey.objects.get(kid="host-a").is_active
    with pytest.raises(CommandError):
        call_command("feedback_signing_key", "deactivate", "--kid", "nope")


@pytest.mark.django_db
def test_deliver_command_reports_count():
    out = StringIO()
    call_command("feedback_deliver", stdout=out)
    assert out.getvalue().strip() == "0 notification(s) sent."
