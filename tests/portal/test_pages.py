"""The portal pages, server side: what each shows, to whom, and how bad input is answered."""

import re

import pytest
from django.test import Client

from tests.api.conftest import bearer, login
from tests.conftest import make_requests, make_visitor
from wagtail_feedback.models import (
    Account,
    App,
    FeatureRequest,
    ProductArea,
    Status,
    StatusSetting,
    Subscription,
    Visitor,
    Vote,
    VoteKind,
)
from wagtail_feedback.services import comments, merge, status, votes
from wagtail_feedback.services.actors import Actor

pytestmark = pytest.mark.django_db


def text(response):
    return response.content.decode()


def test_someone_not_identified_sees_the_most_wanted_and_how_to_join(client):
    popular, quiet = make_requests(2)
    votes.vote(Actor.for_visitor(make_visitor(9)), popular)
    page = text(client.get("/feedback/"))
    assert page.index(popular.title) < page.index(quiet.title)
    assert "Suggest a feature" in page and "wf-vote-form" not in page


def test_home_with_two_votes_has_the_sliders_data(visitor_client, actor):
    a, b = make_requests(2)
    votes.vote(actor, a)
    votes.vote(actor, b)
    page = text(visitor_client.get("/feedback/"))
    assert 'data-wf-priorities' in page and 'id="wf-priorities-data"' in page
    assert '"share": 5000' in page and "/feedback/api/me/priorities/" in page


def test_home_with_one_vote_lists_it_and_explains_priorities(visitor_client, actor):
    (a,) = make_requests(1)
    votes.vote(actor, a)
    page = text(visitor_client.get("/feedback/"))
    assert "data-wf-priorities" not in page and a.title in page
    assert "Vote for one more request" in page


def test_others_tab_lists_only_unanswered_open_requests(visitor_client, actor, visitor, pm):
    mine, voted, refused, fresh, released = make_requests(5)
    FeatureRequest.objects.filter(pk=mine.pk).update(requested_by=visitor)
    votes.vote(actor, voted)
    votes.mark_not_interested(actor, refused)
    status.change_status(pm, released, Status.RELEASED)
    page = text(visitor_client.get("/feedback/others/"))
    listed = set(map(int, re.findall(r'id="request-(\d+)"', page.split("wf-card-quiet")[0])))
    assert listed == {fresh.pk}
    assert "1 request marked as not interested" in page and f'id="request-{refused.pk}"' in page


def test_others_tab_sorts_and_filters_by_area(visitor_client):
    area = ProductArea.objects.create(name="Reports", slug="reports")
    a, b = make_requests(2)
    FeatureRequest.objects.filter(pk=a.pk).update(area=area)
    page = text(visitor_client.get("/feedback/others/", {"area": "reports", "sort": "newest"}))
    assert f'id="request-{a.pk}"' in page and f'id="request-{b.pk}"' not in page
    assert 'aria-current="true">Newest' in page


def test_released_tab_newest_first(visitor_client, actor, pm):
    first, second = make_requests(2)
    for r in (first, second):
        votes.vote(actor, r)
        status.change_status(pm, r, Status.RELEASED)
    page = text(visitor_client.get("/feedback/released/"))
    assert page.index(second.title) < page.index(first.title)
    assert "Released on" in page


def test_search_page_in_both_languages_with_latest_comment(visitor_client, other_visitor):
    ja = FeatureRequest.objects.create(title="CSVエクスポートの文字コード指定")
    comments.add_comment(Actor.for_visitor(other_visitor), ja, "Shift_JISが必要です")
    FeatureRequest.objects.create(title="Export dashboards to PDF")
    page = text(visitor_client.get("/feedback/search/", {"q": "CSVエクスポート"}))
    assert ja.title in page and "Shift_JISが必要です" in page and "Latest comment" in page
    page = text(visitor_client.get("/feedback/search/", {"q": "dashboards"}))
    assert "Export dashboards to PDF" in page
    nothing = text(visitor_client.get("/feedback/search/", {"q": "zzzqqq"}))
    assert "Nothing matches" in nothing and "/feedback/requests/new/?title=zzzqqq" in nothing


def test_suggest_posts_and_lands_on_the_new_request(visitor_client, visitor):
    app = App.objects.create(name="Analytics", slug="analytics")
    area = ProductArea.objects.create(name="Reports", slug="reports", app=app)
    form = text(visitor_client.get("/feedback/requests/new/"))
    assert '<optgroup label="Analytics">' in form and f'value="area-{area.pk}"' in form
    assert 'role="combobox"' in form and 'data-wf-similar="/feedback/api/similar/"' in form
    response = visitor_client.post("/feedback/requests/new/", {"title": "Weekly digest", "description": "Please",
                                                               "where": f"area-{area.pk}"})
    created = FeatureRequest.objects.get(title="Weekly digest")
    assert response.status_code == 302 and response["Location"] == f"/feedback/requests/{created.pk}/?new=1"
    assert (created.area, created.app, created.requested_by) == (area, app, visitor)
    assert Vote.objects.filter(visitor=visitor, request=created, kind=VoteKind.ACTIVE).exists()
    landing = text(visitor_client.get(response["Location"]))
    assert "Your suggestion is posted" in landing


def test_product_area_question_follows_the_setting(visitor_client, settings):
    ProductArea.objects.create(name="Reports", slug="reports")
    settings.WAGTAIL_FEEDBACK = {**settings.WAGTAIL_FEEDBACK, "ASK_PRODUCT_AREA": False}
    assert 'name="where"' not in text(visitor_client.get("/feedback/requests/new/"))


def test_no_area_question_without_areas(visitor_client):
    assert 'name="where"' not in text(visitor_client.get("/feedback/requests/new/"))


@pytest.mark.parametrize(
    "data,message",
    [({"title": ""}, "This field cannot be empty."), ({"title": "   "}, "This field cannot be empty."),
     ({"title": "t" * 201}, "Please use at most 200 characters (this has 201)."),
     ({"title": "ok", "description": "d" * 10_001}, "Please use at most 10000 characters (this has 10001).")],
)
def test_bad_suggestions_show_a_clear_message_in_the_form(visitor_client, data, message):
    response = visitor_client.post("/feedback/requests/new/", data)
    assert response.status_code == 400
    page = text(response)
    assert message in page and 'aria-invalid="true"' in page and "wf-error" in page
    assert FeatureRequest.objects.count() == 0


def test_bad_suggestion_message_in_japanese(client, other_visitor):
    login(client, other_visitor)
    page = text(client.post("/feedback/requests/new/", {"title": ""}))
    assert "この項目は必須です。" in page


def test_suggesting_needs_an_identified_visitor(client):
    page = client.get("/feedback/requests/new/")
    assert "Suggest a feature" in text(page) and 'name="title"' not in text(page)
    refused = client.post("/feedback/requests/new/", {"title": "Sneaky"})
    assert refused.status_code == 403 and not FeatureRequest.objects.exists()


def test_request_page_shows_status_message_public_comments_and_no_foreign_names(visitor_client, visitor, pm):
    StatusSetting.objects.filter(status=Status.PLANNED).update(message="Coming in the spring release.")
    request = FeatureRequest.objects.create(title="Export to PDF")
    status.change_status(pm, request, Status.PLANNED)
    stranger = make_visitor(70, Account.objects.create(host_id="x", name="Other"))
    colleague = make_visitor(71, visitor.account)
    comments.add_comment(Actor.for_visitor(stranger), request, "From a stranger")
    comments.add_comment(Actor.for_visitor(colleague), request, "From a colleague")
    comments.add_comment(pm, request, "Secret plan", internal=True)
    page = text(visitor_client.get(f"/feedback/requests/{request.pk}/"))
    assert "Coming in the spring release." in page and "Planned" in page
    assert "From a stranger" in page and "Visitor 70" not in page and "v70@example.com" not in page
    assert "Visitor 71" in page  # same account
    assert "Secret plan" not in page


def test_request_page_404s_and_redirects(visitor_client, pm):
    StatusSetting.objects.filter(status=Status.NOT_REVIEWED).update(visible_to_visitors=False)
    hidden, src, tgt = make_requests(3)
    status.change_status(pm, src, Status.PLANNED)
    status.change_status(pm, tgt, Status.PLANNED)
    merge.merge(pm, src, tgt)
    missing = visitor_client.get("/feedback/requests/999999/")
    assert missing.status_code == 404 and "This page does not exist" in text(missing)
    assert visitor_client.get(f"/feedback/requests/{hidden.pk}/").status_code == 404
    assert visitor_client.get(f"/feedback/requests/{src.pk}/")["Location"] == f"/feedback/requests/{tgt.pk}/"


def test_vote_buttons_work_without_javascript(visitor_client, visitor):
    (request,) = make_requests(1)
    back = visitor_client.post(f"/feedback/requests/{request.pk}/vote/", {"action": "vote", "next": "/feedback/others/"})
    assert back.status_code == 302 and back["Location"] == "/feedback/others/"
    assert Vote.objects.get(visitor=visitor).kind == VoteKind.ACTIVE
    visitor_client.post(f"/feedback/requests/{request.pk}/vote/", {"action": "not_interested"})
    assert Vote.objects.get(visitor=visitor).kind == VoteKind.NOT_INTERESTED
    visitor_client.post(f"/feedback/requests/{request.pk}/vote/", {"action": "unvote", "next": "https://evil.example/"})
    assert not Vote.objects.filter(visitor=visitor).exists()
    off_site = visitor_client.post(f"/feedback/requests/{request.pk}/vote/", {"action": "vote", "next": "https://evil.example/"})
    assert off_site["Location"] == f"/feedback/requests/{request.pk}/"


def test_voting_on_a_closed_request_shows_why(visitor_client, pm):
    (request,) = make_requests(1)
    status.change_status(pm, request, Status.DECLINED)
    response = visitor_client.post(f"/feedback/requests/{request.pk}/vote/", {"action": "vote"})
    assert response.status_code == 400 and "This request is closed" in text(response)


def test_comment_and_subscribe_forms(visitor_client, visitor):
    (request,) = make_requests(1)
    posted = visitor_client.post(f"/feedback/requests/{request.pk}/comments/", {"body": "Use case: monthly **board** pack"})
    comment = request.comments.get()
    assert posted["Location"] == f"/feedback/requests/{request.pk}/#comment-{comment.pk}"
    page = text(visitor_client.get(f"/feedback/requests/{request.pk}/"))
    assert "<strong>board</strong>" in page and f'id="comment-{comment.pk}"' in page
    empty = visitor_client.post(f"/feedback/requests/{request.pk}/comments/", {"body": ""})
    assert empty.status_code == 400 and "This field cannot be empty." in text(empty)
    long = visitor_client.post(f"/feedback/requests/{request.pk}/comments/", {"body": "c" * 5001})
    assert "Please use at most 5000 characters (this has 5001)." in text(long)
    visitor_client.post(f"/feedback/requests/{request.pk}/subscription/", {"subscribe": "on"})
    assert Subscription.objects.filter(visitor=visitor, request=request).exists()
    visitor_client.post(f"/feedback/requests/{request.pk}/subscription/", {"subscribe": "off"})
    assert not Subscription.objects.filter(visitor=visitor, request=request).exists()


def test_cross_site_form_posts_are_refused(strict_client, visitor):
    (request,) = make_requests(1)
    for path, data in [(f"/feedback/requests/{request.pk}/vote/", {"action": "vote"}),
                       ("/feedback/requests/new/", {"title": "Forged"}),
                       (f"/feedback/requests/{request.pk}/comments/", {"body": "Forged"}),
                       ("/feedback/language/", {"language": "ja"})]:
        assert strict_client.post(path, data).status_code == 403, path
    assert not Vote.objects.exists() and FeatureRequest.objects.count() == 1
    assert Visitor.objects.get(pk=visitor.pk).language == "en"


def test_bearer_requests_need_no_csrf_token(visitor):
    (request,) = make_requests(1)
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(f"/feedback/requests/{request.pk}/vote/", {"action": "vote"}, headers=bearer(visitor))
    assert response.status_code == 302
    assert Vote.objects.filter(visitor=visitor).exists()


def test_visitor_language_drives_the_page_and_the_switch_changes_it(client, other_visitor):
    login(client, other_visitor)
    assert "自分のリクエストと優先順位" in text(client.get("/feedback/"))
    switched = client.post("/feedback/language/", {"language": "en", "next": "/feedback/others/"})
    assert switched["Location"] == "/feedback/others/"
    assert Visitor.objects.get(pk=other_visitor.pk).language == "en"
    assert "My requests and priorities" in text(client.get("/feedback/"))
    assert client.post("/feedback/language/", {"language": "fr"}).status_code == 404


def test_language_switch_without_identity_uses_a_cookie(client):
    client.post("/feedback/language/", {"language": "ja"})
    assert client.cookies["django_language"].value == "ja"
    assert "要望の多いリクエスト" in text(client.get("/feedback/"))


def test_unsubscribe_link_still_works(client, visitor, actor):
    from wagtail_feedback.services import notify

    (request,) = make_requests(1)
    votes.vote(actor, request)
    url = f"/feedback/unsubscribe/{notify.unsubscribe_token(visitor.pk, request.pk)}/"
    assert client.get(url).status_code == 200
    client.post(url)
    assert not Subscription.objects.filter(visitor=visitor, request=request).exists()
