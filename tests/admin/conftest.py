"""Fixtures for the feedback workspace: staff in the real groups, and a small world of feedback."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.users.models import UserProfile

from tests.browser.conftest import browser, page, phone  # noqa: F401  (Playwright fixtures, one browser per module)
from tests.conftest import make_visitor
from wagtail_feedback.models import Account, AccountStatus, FeatureRequest, Status, StatusSetting
from wagtail_feedback.services import votes
from wagtail_feedback.services.actors import Actor
from wagtail_feedback.services.groups import CSM_GROUP, PRODUCT_MANAGER_GROUP, ensure_groups

PASSWORD = "workspace-pw"


def member(django_user_model, username, group_name, *, first_name, last_name="", language=""):
    """A staff user in one of the feedback groups (created by ``ensure_groups``, as after ``migrate``)."""
    groups = ensure_groups()
    user = django_user_model.objects.create_user(
        username=username, password=PASSWORD, email=f"{username}@corp.example", first_name=first_name,
        last_name=last_name,
    )
    if group_name:
        user.groups.add(groups[group_name] if group_name in groups else Group.objects.get(name=group_name))
    if language:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    return django_user_model.objects.get(pk=user.pk)


@pytest.fixture
def csm_user(db, django_user_model):
    return member(django_user_model, "carol", CSM_GROUP, first_name="Carol", last_name="Chan")


@pytest.fixture
def pm_user(db, django_user_model):
    return member(django_user_model, "pat", PRODUCT_MANAGER_GROUP, first_name="Pat", last_name="Park")


@pytest.fixture
def editor_user(db, django_user_model):
    """A Wagtail editor with admin access and no feedback permission."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("eddie", password=PASSWORD, first_name="Eddie")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return django_user_model.objects.get(pk=user.pk)


@pytest.fixture
def csm_client(client, csm_user):
    client.force_login(csm_user)
    return client


@pytest.fixture
def pm_client(client, pm_user):
    client.force_login(pm_user)
    return client


class World:
    """Two accounts, visitors in English and Japanese, and requests with votes."""

    def __init__(self):
        # Transactional (browser) tests flush the database, data migrations included.
        for status in Status:
            StatusSetting.objects.get_or_create(status=status)
        self.acme = Account.objects.create(host_id="acme", name="Acme Corp", status=AccountStatus.PAYING,
                                           monthly_value=1200)
        self.sakura = Account.objects.create(host_id="sakura", name="さくら商事", status=AccountStatus.PROSPECT)
        self.alice = make_visitor(101, self.acme)
        self.alice.name, self.alice.email = "Alice Archer", "alice@acme.example"
        self.bob = make_visitor(102, self.acme)
        self.bob.name, self.bob.email = "Bob Baker", "bob@acme.example"
        self.hanako = make_visitor(103, self.sakura, language="ja")
        self.hanako.name, self.hanako.email = "山田 花子", "hanako@sakura.example"
        for person in (self.alice, self.bob, self.hanako):
            person.save()
        self.export = FeatureRequest.objects.create(title="Export dashboards to PDF",
                                                    description="For board meetings.")
        self.csv = FeatureRequest.objects.create(title="CSVエクスポートの文字コード指定",
                                                 description="Shift_JIS で出力したい")
        self.dark = FeatureRequest.objects.create(title="Dark mode for the editor")
        votes.vote(Actor.for_visitor(self.alice), self.export)
        votes.vote(Actor.for_visitor(self.alice), self.dark)
        votes.vote(Actor.for_visitor(self.bob), self.export)
        votes.vote(Actor.for_visitor(self.hanako), self.csv)


@pytest.fixture
def world(db):
    return World()


def query_count(call):
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)
