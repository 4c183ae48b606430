"""The JSON API for visitors: lists, detail, suggest, vote, comment, subscribe (V2, V3, V5, V7)."""

import pytest

from tests.api.conftest import bearer, login
from tests.conftest import make_requests, make_visitor
from wagtail_feedback.models import (
    Account,
    App,
    Comment,
    FeatureRequest,
    ProductArea,
    Status,
    StatusSetting,
    Subscription,
    Tag,
    Visibility,
    Vote,
    VoteKind,
)
from wagtail_feedback.services import comments, merge, status, votes
from wagtail_feedback.services.actors import Actor

pytestmark = pytest.mark.django_db
API = "/feedback/api"


def ids(response):
    return [item["id"] for item in response.json()["results"]]


def test_list_is_paginated_sorted_and_carries_my_vote(visitor_client, actor):
    a, b, c = make_requests(3)
    for n in range(3):
        votes.vote(Actor.for_visitor(make_visitor(100 + n)), b)
    votes.vote(Actor.for_visitor(make_visitor(200)), c)
    votes.vote(actor, c)
    body = visitor_client.get(f"{API}/requests/", {"page_size": 2}).json()
    assert body["count"] == 3 and body["next"] and body["previous"] is None
    assert [r["id"] for r in body["results"]] == [b.pk, c.pk]
    first = body["results"][0]
    assert set(first) >= {"id", "title", "status", "status_label", "votes", "url", "my_vote", "subscribed", "area",
                          "app", "tags", "comments", "created_at"}
    assert first["votes"] == 3 and first["my_vote"] is None and first["status_label"] == "Not reviewed"
    assert body["results"][1]["my_vote"] == "active" and body["results"][1]["subscribed"] is True
    assert first["url"] == f"http://testserver/feedback/requests/{b.pk}/"
    newest = visitor_client.get(f"{API}/requests/", {"sort": "newest"})
    assert ids(newest) == [c.pk, b.pk, a.pk]


def test_trending_counts_recent_votes_only(visitor_client):
    old, new = make_requests(2)
    for n in range(3):
        votes.vote(Actor.for_visitor(make_visitor(300 + n)), old)
    Vote.objects.filter(request=old).update(created_at="2020-01-01T00:00:00Z")
    votes.vote(Actor.for_visitor(make_visitor(310)), new)
    assert ids(visitor_client.get(f"{API}/requests/", {"sort": "trending"}))[:2] == [new.pk, old.pk]
    assert ids(visitor_client.get(f"{API}/requests/", {"sort": "votes"}))[:2] == [old.pk, new.pk]


def test_filters_by_status_area_app_and_tag(visitor_client, pm):
    app = App.objects.create(name="Analytics", slug="analytics")
    area = ProductArea.objects.create(name="Reports", slug="reports", app=app)
    tag = Tag.objects.create(name="export")
    a, b, c = make_requests(3)
    FeatureRequest.objects.filter(pk=a.pk).update(area=area, app=app)
    b.tags.add(tag)
    status.change_status(pm, c, Status.PLANNED)
    assert ids(visitor_client.get(f"{API}/requests/", {"area": "reports"})) == [a.pk]
    assert ids(visitor_client.get(f"{API}/requests/", {"app": "analytics"})) == [a.pk]
    assert ids(visitor_client.get(f"{API}/requests/", {"tag": "export"})) == [b.pk]
    assert ids(visitor_client.get(f"{API}/requests/", {"status": "planned"})) == [c.pk]
    both = visitor_client.get(f"{API}/requests/?status=planned&status=not_reviewed")
    assert sorted(ids(both)) == sorted([a.pk, b.pk, c.pk])
    bad = visitor_client.get(f"{API}/requests/", {"status": "nonsense", "sort": "loudest"})
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) == {"status", "sort"}


def test_search_in_japanese_and_english(visitor_client):
    FeatureRequest.objects.create(title="CSVエクスポートの文字コード指定", description="Shift_JISで出力したい")
    FeatureRequest.objects.create(title="Export dashboards to PDF")
    FeatureRequest.objects.create(title="Dark mode")
    ja = visitor_client.get(f"{API}/requests/", {"q": "CSVエクスポート"}).json()["results"]
    assert ja and ja[0]["title"] == "CSVエクスポートの文字コード指定"
    en = visitor_client.get(f"{API}/requests/", {"q": "export dashboards"}).json()["results"]
    assert en and en[0]["title"] == "Export dashboards to PDF"
    assert "Dark mode" not in [r["title"] for r in en + ja]


def test_hidden_statuses_and_merged_requests_are_not_listed(visitor_client, actor, pm):
    StatusSetting.objects.filter(status=Status.NOT_REVIEWED).update(visible_to_visitors=False)
    shown, hidden, mine, src = make_requests(4)
    status.change_status(pm, shown, Status.PLANNED)
    status.change_status(pm, src, Status.PLANNED)
    votes.vote(actor, mine)
    merge.merge(pm, src, shown)
    listed = ids(visitor_client.get(f"{API}/requests/"))
    assert shown.pk in listed and mine.pk in listed  # your own stays visible to you
    assert hidden.pk not in listed and src.pk not in listed
    assert visitor_client.get(f"{API}/requests/{hidden.pk}/").status_code == 404
    moved = visitor_client.get(f"{API}/requests/{src.pk}/")
    assert moved.status_code == 301 and moved["Location"].endswith(f"/api/requests/{shown.pk}/")


def test_detail_shows_public_comments_only_and_no_other_accounts_names(visitor, pm, django_user_model):
    request = FeatureRequest.objects.create(title="Export", description="**Monthly** board pack",
                                            description_html="<p><strong>Monthly</strong> board pack</p>")
    colleague = make_visitor(50, visitor.account)
    stranger_account = Account.objects.create(host_id="other", name="Other Co")
    stranger = make_visitor(51, stranger_account)
    comments.add_comment(Actor.for_visitor(colleague), request, "Same here")
    comments.add_comment(Actor.for_visitor(stranger), request, "We need it too")
    comments.add_comment(pm, request, "Internal: big effort", internal=True)
    comments.add_comment(pm, request, "Planned for Q3")
    comments.add_comment(Actor.for_visitor(visitor), request, "Mine")
    from django.test import Client

    body = login(Client(), visitor).get(f"{API}/requests/{request.pk}/").json()
    assert body["description_html"] == "<p><strong>Monthly</strong> board pack</p>"
    authors = [(c["author"]["kind"], c["author"]["name"]) for c in body["comments"]]
    assert authors == [("colleague", "Visitor 50"), ("customer", None), ("team", "Pm"), ("you", "Visitor 1")]
    text = str(body)
    assert "Internal" not in text and "Visitor 51" not in text and "@example.com" not in text
    assert body["comment_count"] == 4 and body["my_vote"] is None and body["subscribed"] is False
    assert Comment.objects.filter(visibility=Visibility.INTERNAL).count() == 1


def test_unknown_ids_give_404(visitor_client):
    assert visitor_client.get(f"{API}/requests/999999/").status_code == 404
    for method, path in [("post", "vote/"), ("delete", "vote/"), ("post", "not-interested/"), ("post", "comments/"),
                         ("post", "subscription/")]:
        assert getattr(visitor_client, method)(f"{API}/requests/999999/{path}").status_code == 404


def test_suggest_creates_the_request_with_vote_and_subscription(visitor_client, visitor):
    area = ProductArea.objects.create(name="Reports", slug="reports")
    response = visitor_client.post(f"{API}/requests/", {"title": "  Scheduled reports ", "description": "Every Monday",
                                                        "area": "reports"}, content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert body["title"] == "Scheduled reports" and body["my_vote"] == "active" and body["subscribed"] is True
    assert body["area"] == {"slug": "reports", "name": "Reports"} and body["votes"] == 1
    created = FeatureRequest.objects.get(pk=body["id"])
    assert created.requested_by == visitor and created.area == area


@pytest.mark.parametrize(
    "payload,field",
    [({"title": ""}, "title"), ({"title": "   "}, "title"), ({"title": "x" * 201}, "title"),
     ({"title": "ok", "description": "y" * 10_001}, "description"), ({"title": "ok", "area": "nope"}, "area"),
     ({}, "title")],
)
def test_suggest_bad_input_gives_field_errors(visitor_client, payload, field):
    response = visitor_client.post(f"{API}/requests/", payload, content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert list(body["errors"]) == [field] and body["errors"][field][0]
    assert FeatureRequest.objects.count() == 0


def test_over_long_title_message_is_clear_in_japanese(client, other_visitor):
    login(client, other_visitor)  # language "ja"
    response = client.post(f"{API}/requests/", {"title": "x" * 201}, content_type="application/json",
                           headers={"accept-language": "ja"})
    assert response.json()["errors"]["title"] == ["200 文字以内で入力してください（現在 201 文字）。"]


def test_vote_unvote_and_not_interested(visitor_client, visitor):
    (request,) = make_requests(1)
    voted = visitor_client.post(f"{API}/requests/{request.pk}/vote/")
    assert voted.status_code == 200 and voted.json()["my_vote"] == "active" and voted.json()["votes"] == 1
    again = visitor_client.post(f"{API}/requests/{request.pk}/vote/")
    assert again.json()["votes"] == 1  # idempotent
    dropped = visitor_client.delete(f"{API}/requests/{request.pk}/vote/")
    assert dropped.json()["my_vote"] is None and dropped.json()["votes"] == 0
    no = visitor_client.post(f"{API}/requests/{request.pk}/not-interested/")
    assert no.json()["my_vote"] == "not_interested"
    assert Vote.objects.get(visitor=visitor, request=request).kind == VoteKind.NOT_INTERESTED
    undone = visitor_client.delete(f"{API}/requests/{request.pk}/vote/")
    assert undone.json()["my_vote"] is None and not Vote.objects.filter(visitor=visitor).exists()


def test_voting_on_a_closed_request_is_a_clear_400(visitor_client, pm):
    (request,) = make_requests(1)
    status.change_status(pm, request, Status.RELEASED)
    response = visitor_client.post(f"{API}/requests/{request.pk}/vote/")
    assert response.status_code == 400
    assert response.json()["codes"] == {"non_field_errors": ["closed"]}
    assert "closed" in response.json()["errors"]["non_field_errors"][0]


def test_comment_and_subscription(visitor_client, visitor):
    (request,) = make_requests(1)
    created = visitor_client.post(f"{API}/requests/{request.pk}/comments/", {"body": "We need *this*"},
                                  content_type="application/json")
    assert created.status_code == 201
    assert created.json()["body_html"] == "<p>We need <em>this</em></p>"
    assert created.json()["author"] == {"kind": "you", "name": "Visitor 1"}
    empty = visitor_client.post(f"{API}/requests/{request.pk}/comments/", {"body": "  "}, content_type="application/json")
    assert empty.status_code == 400 and list(empty.json()["errors"]) == ["body"]
    long = visitor_client.post(f"{API}/requests/{request.pk}/comments/", {"body": "z" * 5001},
                               content_type="application/json")
    assert long.status_code == 400 and "5000" in long.json()["errors"]["body"][0]
    assert visitor_client.post(f"{API}/requests/{request.pk}/subscription/").json() == {"subscribed": True}
    assert Subscription.objects.filter(visitor=visitor, request=request).exists()
    assert visitor_client.delete(f"{API}/requests/{request.pk}/subscription/").json() == {"subscribed": False}
    assert not Subscription.objects.filter(visitor=visitor, request=request).exists()


def test_reading_is_public_writing_needs_a_visitor(client):
    (request,) = make_requests(1)
    assert client.get(f"{API}/requests/").status_code == 200
    assert client.get(f"{API}/requests/{request.pk}/").json()["my_vote"] is None
    for method, path in [("post", f"requests/{request.pk}/vote/"), ("post", "requests/"),
                         ("post", f"requests/{request.pk}/comments/"), ("get", "me/"), ("get", "me/priorities/"),
                         ("get", "me/released/")]:
        response = getattr(client, method)(f"{API}/{path}")
        assert response.status_code in (401, 403), path
    assert not Vote.objects.exists()


def test_similar_endpoint(visitor_client):
    target = FeatureRequest.objects.create(title="CSVエクスポートの文字コード指定")
    FeatureRequest.objects.create(title="Export dashboards to PDF")
    body = visitor_client.get(f"{API}/similar/", {"q": "CSVエクスポート"}).json()
    assert body["results"][0]["id"] == target.pk
    assert set(body["results"][0]) == {"id", "title", "status", "status_label", "votes", "url", "score"}
    assert visitor_client.get(f"{API}/similar/", {"q": ""}).json() == {"results": []}
    en = visitor_client.get(f"{API}/similar/", {"q": "export dashboards"}).json()["results"]
    assert [r["title"] for r in en][:1] == ["Export dashboards to PDF"]


def test_bearer_token_works_without_cookies_or_csrf(visitor):
    from django.test import Client

    (request,) = make_requests(1)
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(f"{API}/requests/{request.pk}/vote/", headers=bearer(visitor))
    assert response.status_code == 200 and response.json()["my_vote"] == "active"
    assert browser.get(f"{API}/me/", headers=bearer(visitor)).json()["name"] == "Visitor 1"
    assert "sessionid" not in browser.cookies


@pytest.mark.parametrize("header", ["Bearer nonsense", "Bearer ", "Basic dXNlcjpwdw=="])
def test_a_bad_bearer_token_is_refused_not_ignored(visitor_client, header):
    (request,) = make_requests(1)
    response = visitor_client.post(f"{API}/requests/{request.pk}/vote/", headers={"Authorization": header})
    assert response.status_code in (401, 403)
    assert not Vote.objects.exists()  # the session cookie is not used instead


def test_an_expired_bearer_token_is_refused(visitor, settings):
    from django.test import Client

    token = bearer(visitor)
    settings.WAGTAIL_FEEDBACK = {**settings.WAGTAIL_FEEDBACK, "SESSION_AGE": -1}
    response = Client().get(f"{API}/me/", headers=token)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_cookie_writes_need_the_csrf_token(strict_client):
    (request,) = make_requests(1)
    refused = strict_client.post(f"{API}/requests/{request.pk}/vote/")
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    strict_client.get("/feedback/")  # sets the CSRF cookie
    token = strict_client.cookies["csrftoken"].value
    accepted = strict_client.post(f"{API}/requests/{request.pk}/vote/", headers={"X-CSRFToken": token})
    assert accepted.status_code == 200


def test_cross_site_post_is_refused_even_with_the_cookie(strict_client):
    (request,) = make_requests(1)
    strict_client.get("/feedback/")
    token = strict_client.cookies["csrftoken"].value
    response = strict_client.post(f"{API}/requests/{request.pk}/vote/",
                                  headers={"X-CSRFToken": token, "Origin": "https://evil.example"})
    assert response.status_code == 403
    assert not Vote.objects.exists()


def test_openapi_schema_lists_the_api_only():
    from django.test import Client

    response = Client().get(f"{API}/schema/", headers={"accept": "application/json"})
    assert response.status_code == 200
    schema = response.json() if response["Content-Type"].startswith("application/json") else None
    if schema is None:
        import yaml

        schema = yaml.safe_load(response.content)
    paths = set(schema["paths"])
    assert {"/feedback/api/requests/", "/feedback/api/requests/{id}/", "/feedback/api/requests/{id}/vote/",
            "/feedback/api/similar/", "/feedback/api/me/priorities/", "/feedback/api/me/released/",
            "/feedback/api/me/"} <= paths
    assert not [p for p in paths if not p.startswith("/feedback/api/")]
