"""The page blocks, server side: what each shows to whom, in which language, and at what cost."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.api.conftest import login
from tests.blocks.conftest import EVERY_BLOCK, make_page
from tests.conftest import make_requests, make_visitor
from wagtail_feedback import blocks
from wagtail_feedback.models import (
    App,
    FeatureRequest,
    ProductArea,
    Status,
    StatusSetting,
    Tag,
    Vote,
    VoteKind,
)
from wagtail_feedback.services import comments, merge, votes
from wagtail_feedback.services.actors import Actor
from wagtail_feedback.views.session import SESSION_KEY

pytestmark = pytest.mark.django_db

IDENTIFY = "Suggest a feature"  # the identify.html notice: how to become identified


def text(response):
    assert response.status_code == 200, response.content[:500]
    return response.content.decode()


def section(html, kind):
    """The HTML of the first block of ``kind`` (voting-list, suggestion-form, priorities, roadmap)."""
    start = html.index(f"wf-block-{kind}")
    end = html.find('<section class="wf-block ', start)
    return html[start:end if end != -1 else len(html)]


def item(html, pk):
    """The ``<li>`` of request ``pk`` in a list."""
    start = html.rindex("<li", 0, html.index(f'id="request-{pk}"'))
    return html[start:html.index("</li>", start)]


def listed(html):
    return [int(pk) for pk in re.findall(r'<li class="wf-item[^"]*" id="request-(\d+)"', html)]


def roadmap_requests(pm, *, planned=2, building=1):
    from wagtail_feedback.services import status

    made = make_requests(planned + building, prefix="Roadmap")
    for i, request in enumerate(made):
        status.change_status(pm, request, Status.PLANNED if i < planned else Status.BUILDING)
    return made[:planned], made[planned:]


# --------------------------------------------------------------------------
# Someone not identified: read-only, and told how to join
# --------------------------------------------------------------------------


def test_someone_not_identified_reads_every_block_and_learns_how_to_join(client, pm):
    popular, quiet = make_requests(2)
    votes.vote(Actor.for_visitor(make_visitor(9)), popular)
    planned, building = roadmap_requests(pm)
    page = make_page(EVERY_BLOCK)
    html = text(client.get(page.url))

    voting = section(html, "voting-list")
    assert listed(voting)[:1] == [popular.pk] and quiet.pk in listed(voting)
    assert "wf-votebox-static" in voting and "wf-vote-form" not in voting and "wf-not-interested" not in voting
    assert IDENTIFY in voting
    form = section(html, "suggestion-form")
    assert IDENTIFY in form and "data-wf-suggest" not in form
    assert IDENTIFY in section(html, "priorities") and "data-wf-priorities" not in html
    roadmap = section(html, "roadmap")
    assert roadmap.index("Planned") < roadmap.index("Building")
    assert set(listed(roadmap)) == {r.pk for r in planned + building}
    # Nothing to post, so no token on the page; styles and scripts linked once for all four blocks.
    assert "csrfmiddlewaretoken" not in html and "data-wf-csrf" not in html
    assert html.count("wagtail_feedback/js/portal.js") == 1 and html.count("blocks/blocks.css") == 1
    # portal.js is the only script: the portal's modules read the token and texts from the blocks themselves.
    assert [src.rsplit("/static/", 1)[-1] for src in re.findall(r'<script\b[^>]*\bsrc="([^"]+)"', html)] == [
        "wagtail_feedback/js/portal.js"]
    assert html.count("data-label-vote=") == 1


def test_blocks_have_no_inline_script_and_vary_by_cookie(client, visitor):
    make_requests(2)
    page = make_page(EVERY_BLOCK)
    for who in (client, login(client, visitor)):
        response = who.get(page.url)
        html = text(response)
        scripts = re.findall(r"<script\b[^>]*>", html)
        assert scripts and all("src=" in tag or 'type="application/json"' in tag for tag in scripts), scripts
        assert "Cookie" in response["Vary"]


# --------------------------------------------------------------------------
# An identified visitor: vote, suggest, prioritise
# --------------------------------------------------------------------------


def test_identified_visitor_can_vote_suggest_and_prioritise(client, visitor, actor, pm):
    a, b, c = make_requests(3)
    votes.vote(actor, a)
    votes.vote(actor, b)
    votes.mark_not_interested(actor, c)
    page = make_page(EVERY_BLOCK)
    html = text(login(client, visitor).get(page.url))

    voting = section(html, "voting-list")
    assert f'action="/feedback/requests/{a.pk}/vote/"' in voting
    assert 'aria-pressed="true"' in item(voting, a.pk) and 'aria-pressed="false"' in item(voting, c.pk)
    assert "is-not-interested" in item(voting, c.pk) and "wf-undo" in item(voting, c.pk)
    assert f'data-wf-api="/feedback/api/requests/{a.pk}/"' in voting

    form = section(html, "suggestion-form")
    assert 'action="/feedback/requests/new/"' in form and 'data-wf-similar="/feedback/api/similar/"' in form
    assert 'id="wf-suggest-title"' in form
    listbox = re.search(r'aria-controls="([^"]+)"', form).group(1)
    assert f'id="{listbox}"' in form and 'role="listbox"' in form  # similar requests, below the title
    assert IDENTIFY not in form

    priorities = section(html, "priorities")
    assert 'data-endpoint="/feedback/api/me/priorities/"' in priorities
    assert 'id="wf-priorities-data"' in priorities and '"share": 5000' in priorities
    # The token the portal's scripts send with their writes, on the first block (they read it there:
    # a site's page has no <meta name="wf-csrf">).
    assert html.count("data-wf-csrf=") == 1 and 'name="wf-csrf"' not in html


def test_priorities_block_before_two_votes(client, visitor, actor):
    page = make_page([EVERY_BLOCK[2]])
    html = text(login(client, visitor).get(page.url))
    assert "You have not voted for any open request yet." in html and 'href="/feedback/requests/new/"' in html

    (only,) = make_requests(1)
    votes.vote(actor, only)
    html = text(client.get(page.url))
    assert listed(html) == [only.pk] and "Vote for one more request" in html
    assert "data-wf-priorities" not in html


def test_suggestion_form_block_preselects_its_product_area(client, visitor):
    app = App.objects.create(name="Analytics", slug="analytics")
    reports = ProductArea.objects.create(name="Reports", slug="reports", app=app)
    ProductArea.objects.create(name="Billing", slug="billing")
    page = make_page([("suggestion_form", {"heading": "Tell us", "intro": "Line one\nline two", "area": "reports"})])
    html = text(login(client, visitor).get(page.url))
    assert f'<option value="area-{reports.pk}" selected>Reports</option>' in html
    assert ">Tell us</h2>" in html and "Line one<br>line two" in html


# --------------------------------------------------------------------------
# The editor's settings
# --------------------------------------------------------------------------


def test_voting_list_follows_area_status_sort_and_count(client, pm):
    from wagtail_feedback.services import status

    area = ProductArea.objects.create(name="Reports", slug="reports")
    old, new, elsewhere, released = make_requests(4)
    FeatureRequest.objects.filter(pk__in=[old.pk, new.pk, released.pk]).update(area=area)
    for n in range(3):
        votes.vote(Actor.for_visitor(make_visitor(10 + n)), old)
    status.change_status(pm, released, Status.RELEASED)

    pages = []

    def shown(**settings):
        pages.append(make_page([("voting_list", {**EVERY_BLOCK[0][1], **settings})], slug=f"list-{len(pages)}"))
        return listed(text(client.get(pages[-1].url)))

    assert shown(area="reports") == [old.pk, new.pk]  # open only, most votes first
    assert shown(area="reports", sort="newest") == [new.pk, old.pk]
    assert shown(area="reports", count=1) == [old.pk]
    assert shown(statuses=["released"]) == [released.pk]
    assert set(shown()) == {old.pk, new.pk, elsewhere.pk}
    html = text(client.get(pages[1].url))
    assert 'href="/feedback/others/?sort=newest&amp;area=reports"' in html and "Newest requests" in html


def test_lists_hide_merged_requests_and_statuses_hidden_from_visitors(client, visitor, actor, pm):
    kept, duplicate, _hidden, own_hidden = make_requests(4)
    merge.merge(pm, duplicate, kept)
    StatusSetting.objects.update_or_create(status=Status.NOT_REVIEWED, defaults={"visible_to_visitors": False})
    FeatureRequest.objects.filter(pk=kept.pk).update(status=Status.AWAITING_FEEDBACK)
    votes.vote(actor, own_hidden)
    page = make_page([EVERY_BLOCK[0]])
    assert listed(text(client.get(page.url))) == [kept.pk]
    assert set(listed(text(login(client, visitor).get(page.url)))) == {kept.pk, own_hidden.pk}


def test_roadmap_columns_follow_area_and_count(client, pm):
    planned, building = roadmap_requests(pm, planned=3, building=1)
    area = ProductArea.objects.create(name="Reports", slug="reports")
    FeatureRequest.objects.filter(pk__in=[planned[0].pk, building[0].pk]).update(area=area)
    votes.vote(Actor.for_visitor(make_visitor(20)), planned[2])
    everything = make_page([("roadmap", {"heading": "", "intro": "", "area": "", "count": 2})])
    html = text(client.get(everything.url))
    planned_column = html[html.index("wf-roadmap-planned"):html.index("wf-roadmap-building")]
    assert listed(planned_column) == [planned[2].pk, planned[1].pk]  # most votes, then newest; two at most
    reports = make_page([("roadmap", {"heading": "Coming soon", "intro": "", "area": "reports", "count": 5})],
                        slug="reports-roadmap")
    html = text(client.get(reports.url))
    assert listed(html) == [planned[0].pk, building[0].pk] and ">Coming soon</h2>" in html


def test_empty_site_renders_empty_states(client):
    html = text(client.get(make_page(EVERY_BLOCK).url))
    assert "No requests yet." in html and html.count("Nothing here yet.") == 2


def test_renders_without_a_request_as_read_only():
    """``{{ page.body }}`` (no template context) still renders, as for someone not identified."""
    (request,) = make_requests(1)
    page = make_page(EVERY_BLOCK)
    html = str(page.body)
    assert f'id="request-{request.pk}"' in html and "wf-vote-form" not in html and IDENTIFY in html


# --------------------------------------------------------------------------
# Languages: the page's (the active language), whatever the block's settings
# --------------------------------------------------------------------------


@pytest.mark.parametrize("language,expected", [
    ("en", ["Most wanted", "Make a suggestion", "My priorities", "Roadmap", "Planned", "Building", "Vote",
            "Title", "Not interested"]),
    ("ja", ["要望の多いリクエスト", "提案する", "自分の優先順位", "ロードマップ", "計画済み", "開発中", "投票する",
            "タイトル", "興味なし"]),
])
def test_blocks_speak_the_pages_language(client, visitor, actor, pm, language, expected):
    make_requests(2)
    roadmap_requests(pm, planned=1, building=1)
    page = make_page(EVERY_BLOCK)
    html = text(login(client, visitor).get(page.url, headers={"accept-language": language}))
    for phrase in expected:
        assert phrase in html, phrase


def test_japanese_for_someone_not_identified(client):
    make_requests(1)
    html = text(client.get(make_page(EVERY_BLOCK).url, headers={"accept-language": "ja"}))
    with translation.override("ja"):
        notice = translation.gettext("Open this page from the product's “Suggest a feature” link to vote and suggest.")
    assert notice != "Open this page from the product's “Suggest a feature” link to vote and suggest."
    assert html.count(notice) == 3


# --------------------------------------------------------------------------
# Constant queries per block
# --------------------------------------------------------------------------


def world(n):
    """``n`` requests with votes, comments, tags and areas; a visitor with open votes on all of them."""
    me = make_visitor(1000 + n)
    area = ProductArea.objects.create(name=f"Area {n}", slug=f"area-{n}")
    tag = Tag.objects.create(name=f"tag-{n}")
    made = make_requests(n, prefix=f"World {n}")
    others = [make_visitor(2000 + n * 10 + i) for i in range(3)]
    for i, request in enumerate(made):
        request.tags.add(tag)
        FeatureRequest.objects.filter(pk=request.pk).update(area=area)
        votes.vote(Actor.for_visitor(me), request)
        for person in others:
            votes.vote(Actor.for_visitor(person), request)
            comments.add_comment(Actor.for_visitor(person), request, "Me too")
        if i % 2:
            FeatureRequest.objects.filter(pk=request.pk).update(status=Status.PLANNED)
        else:
            FeatureRequest.objects.filter(pk=request.pk).update(status=Status.BUILDING)
    return me, area


def page_request(visitor=None):
    request = RequestFactory().get("/some-page/")
    request.user = AnonymousUser()
    request.session = SessionStore()
    if visitor is not None:
        request.session[SESSION_KEY] = visitor.pk
        request.session.save()
        request.session = SessionStore(request.session.session_key)  # loaded from the database, as in a page view
    return request


def render_cost(name, value, visitor):
    block = dict(blocks.feedback_blocks())[name]
    bound = block.bind(block.to_python(value))
    request = page_request(visitor)
    with CaptureQueriesContext(connection) as queries:
        html = bound.render(context={"request": request})
    return len(queries), html


VALUES = {
    "voting_list": {"heading": "", "intro": "", "area": "", "statuses": [], "sort": "trending", "count": 50},
    "suggestion_form": {"heading": "", "intro": "", "area": "{area}"},
    "my_priorities": {"heading": "", "intro": ""},
    "roadmap": {"heading": "", "intro": "", "area": "", "count": 50},
}
#: Queries per block render, for an identified visitor: session, visitor, status labels, then the block's own.
PINNED = {"voting_list": 5, "suggestion_form": 6, "my_priorities": 4, "roadmap": 7}
#: The same for someone not identified (no session, no visitor).
PINNED_ANONYMOUS = {"voting_list": 3, "suggestion_form": 1, "my_priorities": 1, "roadmap": 5}


@pytest.mark.parametrize("name", list(VALUES))
def test_each_block_renders_with_a_fixed_number_of_queries(name, django_capture_on_commit_callbacks):
    counts, anonymous = [], []
    for n in (2, 12):
        with django_capture_on_commit_callbacks(execute=False):
            me, area = world(n)
        value = {k: (v.format(area=area.slug) if isinstance(v, str) else v) for k, v in VALUES[name].items()}
        cost, html = render_cost(name, value, me)
        counts.append(cost)
        if name in ("voting_list", "roadmap"):
            assert len(listed(html)) >= n  # the data really grew
        anonymous.append(render_cost(name, value, None)[0])
    assert counts[0] == counts[1], f"{name}: {counts[0]} queries small, {counts[1]} large"
    assert counts[1] == PINNED[name], f"{name}: {counts[1]} queries"
    assert anonymous[0] == anonymous[1] == PINNED_ANONYMOUS[name], f"{name}: {anonymous} queries, not identified"


def test_blocks_on_one_page_share_the_visitor_and_status_queries(visitor):
    request = page_request(visitor)
    by_name = dict(blocks.feedback_blocks())
    bound = [by_name[name].bind(by_name[name].to_python(value)) for name, value in EVERY_BLOCK]
    with CaptureQueriesContext(connection) as queries:
        for one in bound:
            one.render(context={"request": request})
    alone = sum(render_cost(name, value, visitor)[0] for name, value in EVERY_BLOCK)
    assert len(queries) == alone - 3 * 3  # session, visitor and status labels: read once, not four times


# --------------------------------------------------------------------------
# Without JavaScript: the block's forms post to the portal's views
# --------------------------------------------------------------------------


def test_vote_form_in_a_block_works_without_javascript(visitor):
    from django.test import Client

    (request,) = make_requests(1)
    page = make_page([EVERY_BLOCK[0]])
    browser = login(Client(enforce_csrf_checks=True), visitor)
    html = text(browser.get(page.url))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', item(html, request.pk)).group(1)
    response = browser.post(f"/feedback/requests/{request.pk}/vote/",
                            {"csrfmiddlewaretoken": token, "action": "vote", "next": page.url})
    assert response.status_code == 302
    assert Vote.objects.filter(visitor=visitor, request=request, kind=VoteKind.ACTIVE).exists()


# --------------------------------------------------------------------------
# The block picker's previews
# --------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "ja"])
def test_every_block_has_a_preview_in_the_block_picker(admin_client, language, django_assert_max_num_queries):
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(get_user_model().objects.get(username="admin"))
    profile.preferred_language = language
    profile.save()
    expected = {
        "en": ["Export dashboards to PDF", "Make a suggestion", "My priorities", "Roadmap"],
        "ja": ["ダッシュボードを PDF で書き出す", "提案する", "自分の優先順位", "ロードマップ"],
    }[language]
    for name, block in blocks.feedback_blocks():
        assert block.is_previewable and block.get_description()
        with django_assert_max_num_queries(12):  # the admin's own (session, user, profile); samples need none
            html = text(admin_client.get("/admin/block-preview/", {"id": block.definition_prefix}))
        assert "wf-block" in html and " inert" in html and "blocks/preview.css" in html
        assert any(phrase in html for phrase in expected), name
        if name in ("voting_list", "roadmap"):
            assert expected[0] in html and "wf-vote-form" in html  # as an identified visitor sees it
        if name == "my_priorities":
            assert '"share": 5000' in html
