import pytest
from django.test import Client

from wagtail_feedback.views.session import SESSION_KEY, issue_bearer_token


def login(client, visitor):
    """Give ``client`` the visitor session that entering with a host token starts."""
    session = client.session
    session[SESSION_KEY] = visitor.pk
    session.save()
    return client


@pytest.fixture
def visitor_client(client, visitor):
    return login(client, visitor)


@pytest.fixture
def strict_client(visitor):
    """A browser-like client: CSRF checks on, session of ``visitor``."""
    return login(Client(enforce_csrf_checks=True), visitor)


def bearer(visitor):
    return {"Authorization": f"Bearer {issue_bearer_token(visitor)}"}
