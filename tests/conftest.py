import os

import pytest
from hypothesis import settings as hypothesis_settings
from django.contrib.auth.models import Group, Permission
from django.db import connection

from wagtail_feedback.models import Account, AccountStatus, FeatureRequest, Visitor
from wagtail_feedback.services.actors import Actor


# Property tests check rules, not speed: no per-example deadline, so a busy CI
# machine cannot turn a slow example into a failure.
hypothesis_settings.register_profile("wagtail_feedback", deadline=None)
hypothesis_settings.load_profile("wagtail_feedback")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI (``WAGTAIL_FEEDBACK_NO_SKIP=1``) a skipped test is a failure: nothing is silently left out."""
    report = yield
    if os.environ.get("WAGTAIL_FEEDBACK_NO_SKIP") == "1" and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, which must run everything: {report.longrepr}"
    return report


def pytest_report_header(config):
    from django.conf import settings

    return f"database: {settings.DATABASES['default']['ENGINE']}"


@pytest.fixture
def db_vendor():
    return connection.vendor


@pytest.fixture
def account(db):
    return Account.objects.create(host_id="acme", name="Acme", status=AccountStatus.PAYING, monthly_value=1200)


def make_visitor(n, account=None, language="en", email=True):
    return Visitor.objects.create(
        host_id=f"v{n}", name=f"Visitor {n}", email=f"v{n}@example.com" if email else "",
        language=language, account=account,
    )


@pytest.fixture
def visitor(account):
    return make_visitor(1, account)


@pytest.fixture
def other_visitor(account):
    return make_visitor(2, account, language="ja")


@pytest.fixture
def actor(visitor):
    return Actor.for_visitor(visitor)


def make_requests(n, prefix="Request"):
    return [FeatureRequest.objects.create(title=f"{prefix} {i}") for i in range(n)]


@pytest.fixture
def requests3(db):
    return make_requests(3)


def staff_user(django_user_model, username, *codenames):
    user = django_user_model.objects.create_user(username=username, password="pw", email=f"{username}@corp.example",
                                                 first_name=username.title())
    perms = Permission.objects.filter(content_type__app_label__in=["wagtail_feedback", "wagtailadmin"],
                                      codename__in=codenames)
    group, _ = Group.objects.get_or_create(name=f"group-{username}")
    group.permissions.set(perms)
    user.groups.add(group)
    return django_user_model.objects.get(pk=user.pk)  # fresh, no permission cache


@pytest.fixture
def csm(db, django_user_model):
    user = staff_user(django_user_model, "csm", "access_admin", "act_on_behalf")
    return Actor.for_user(user)


@pytest.fixture
def pm(db, django_user_model):
    user = staff_user(
        django_user_model, "pm", "access_admin", "act_on_behalf", "change_status", "merge", "add_internal_comment",
        "change_featurerequest",
    )
    return Actor.for_user(user)
