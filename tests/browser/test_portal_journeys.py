"""V2–V7 in a real browser, as a visitor would do them, in Japanese and English, on a phone and a desktop.

Every test also checks that the page ran without a Content-Security-Policy
violation or a JavaScript error: the portal works under a policy that forbids
inline script.
"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.portal_helpers import ConsoleWatch, enter, shot, t
from tests.conftest import make_visitor
from wagtail_feedback.models import (
    Account,
    FeatureRequest,
    ProductArea,
    Status,
    Subscription,
    Visitor,
    Vote,
    VoteKind,
)
from wagtail_feedback.rules.priorities import BUDGET
from wagtail_feedback.services import comments, requests, status, votes
from wagtail_feedback.services.actors import Actor

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def someone(n=900):
    account = Account.objects.get_or_create(host_id="elsewhere", defaults={"name": "Elsewhere Inc"})[0]
    return Actor.for_visitor(Visitor.objects.filter(host_id=f"v{n}").first() or make_visitor(n, account))


def suggested(title, description="", by=None, **kwargs):
    return requests.suggest(by or someone(), title=title, description=description, **kwargs)


def pm_actor(django_user_model):
    from tests.conftest import staff_user

    return Actor.for_user(staff_user(django_user_model, "pm", "access_admin", "change_status", "act_on_behalf"))


@pytest.fixture
def watch(page):
    console = ConsoleWatch(page)
    yield console
    assert console.csp_violations() == []
    assert console.errors() == []


@pytest.fixture
def phone_watch(phone):
    console = ConsoleWatch(phone)
    yield console
    assert console.csp_violations() == []
    assert console.errors() == []


# V2 ---------------------------------------------------------------------------


def test_v2_similar_requests_appear_while_typing_and_one_can_be_voted_instead(live_server, phone, phone_watch):
    existing = suggested("CSVエクスポートの文字コード指定", "Excelで文字化けします。Shift_JISを選びたい。")
    suggested("ダッシュボードのPDF出力")
    visitor = enter(phone, live_server)
    phone.goto(f"{live_server.url}/feedback/requests/new/")
    title = phone.get_by_role("combobox", name=t("ja", "Title"))
    title.press_sequentially("CSVエクスポート", delay=30)
    option = phone.get_by_role("option", name=re.compile("CSVエクスポートの文字コード指定"))
    option.wait_for()
    assert title.get_attribute("aria-expanded") == "true"
    shot(phone, "v2-similar-while-typing-ja-phone")

    # Keyboard: ↓ chooses it, Enter opens it; there the visitor votes instead of filing a duplicate.
    title.press("ArrowDown")
    assert option.get_attribute("aria-selected") == "true"
    assert title.get_attribute("aria-activedescendant") == option.get_attribute("id")
    title.press("Enter")
    phone.wait_for_url(re.compile(rf"/feedback/requests/{existing.pk}/\?from=suggest"))
    assert phone.get_by_text(t("ja", "Is this what you wanted to suggest?")).is_visible()
    vote = phone.locator(".wf-big-vote .wf-votebox")
    vote.click()
    expect(phone.locator(".wf-big-vote .wf-votebox").first).to_have_attribute("aria-pressed", "true")
    assert Vote.objects.filter(visitor=visitor, request=existing, kind=VoteKind.ACTIVE).exists()
    assert FeatureRequest.objects.count() == 2
    shot(phone, "v2-vote-instead-ja-phone")


def test_v2_suggest_in_english_with_product_area_and_clear_errors(live_server, page, watch):
    ProductArea.objects.create(name="Reports", slug="reports")
    suggested("Export dashboards to PDF")
    enter(page, live_server, sub="en-1", name="Jane Doe", language="en-US")
    page.get_by_role("link", name="Make a suggestion").first.click()
    page.wait_for_url(f"{live_server.url}/feedback/requests/new/")

    # Empty title: a clear message in the form, nothing filed.
    page.get_by_role("button", name="Make a suggestion").last.click()
    page.wait_for_load_state()
    assert page.get_by_text("This field cannot be empty.").is_visible()
    assert page.get_by_role("combobox", name="Title").get_attribute("aria-invalid") == "true"

    title = page.get_by_role("combobox", name="Title")
    title.press_sequentially("export dashboard", delay=20)
    page.get_by_role("option", name=re.compile("Export dashboards to PDF")).wait_for()
    title.press("Escape")
    assert page.locator(".wf-similar").is_hidden()
    title.fill("Scheduled weekly digest by email")
    page.get_by_label("Details").fill("Every Monday, **top 5** changes.")
    page.get_by_label("Which part of the product is it about?").select_option(label="Reports")
    shot(page, "v2-suggest-form-en-desktop")
    page.get_by_role("button", name="Make a suggestion").last.click()
    created = FeatureRequest.objects.get(title="Scheduled weekly digest by email")
    page.wait_for_url(f"{live_server.url}/feedback/requests/{created.pk}/?new=1")
    assert page.get_by_text("Thank you! Your suggestion is posted.").is_visible()
    assert page.locator(".wf-description strong").inner_text() == "top 5"
    assert created.area.slug == "reports"
    assert page.locator(".wf-big-vote .wf-votebox").get_attribute("aria-pressed") == "true"
    shot(page, "v2-suggested-en-desktop")


# V3 ---------------------------------------------------------------------------


def test_v3_vote_and_not_interested_from_the_list(live_server, page, watch):
    wanted = suggested("Slack notifications for new reports")
    unwanted = suggested("Dark mode")
    visitor = enter(page, live_server, sub="en-2", name="Sam Lee", language="en")
    page.goto(f"{live_server.url}/feedback/others/")
    assert page.get_by_role("heading", name="Suggested by others").is_visible()
    item = page.locator(f"#request-{wanted.pk}")
    item.get_by_role("button", name="Vote").click()
    vote_button = item.locator(".wf-votebox")
    expect(page.locator(f"#request-{wanted.pk} .wf-votebox").first).to_have_attribute("aria-pressed", "true")
    assert vote_button.locator(".wf-votebox-count").inner_text() == "2"
    assert item.get_by_text("Thanks! Your vote is in").is_visible()

    other = page.locator(f"#request-{unwanted.pk}")
    other.get_by_role("button", name="Not interested").click()
    other.get_by_role("button", name="Undo").wait_for()
    assert other.get_by_text("Marked as not interested.").is_visible()
    shot(page, "v3-others-en-desktop")
    assert Vote.objects.get(visitor=visitor, request=wanted).kind == VoteKind.ACTIVE
    assert Vote.objects.get(visitor=visitor, request=unwanted).kind == VoteKind.NOT_INTERESTED

    # After a reload, both are answered: neither is listed among the unanswered any more.
    page.reload()
    assert page.locator(f".wf-card:not(.wf-card-quiet) #request-{wanted.pk}").count() == 0
    assert page.locator(f".wf-card:not(.wf-card-quiet) #request-{unwanted.pk}").count() == 0
    page.get_by_text("1 request marked as not interested").click()
    page.locator(f"#request-{unwanted.pk}").get_by_role("button", name="Undo").click()
    expect(page.locator(f"#request-{unwanted.pk}")).to_have_attribute("data-state", "none")
    assert not Vote.objects.filter(visitor=visitor, request=unwanted).exists()


def test_v3_others_tab_in_japanese_on_a_phone(live_server, phone, phone_watch):
    request = suggested("請求書の宛名を部署ごとに変えたい")
    visitor = enter(phone, live_server)
    phone.get_by_role("navigation").get_by_role("link", name=re.compile(t("ja", "Suggested by others"))).click()
    phone.wait_for_url(f"{live_server.url}/feedback/others/")
    item = phone.locator(f"#request-{request.pk}")
    item.get_by_role("button", name=t("ja", "Not interested")).click()
    item.get_by_role("button", name=t("ja", "Undo")).wait_for()
    assert Vote.objects.get(visitor=visitor, request=request).kind == VoteKind.NOT_INTERESTED
    shot(phone, "v3-others-ja-phone")


# V4 ---------------------------------------------------------------------------


def _slider_values(page):
    return page.locator(".wf-slider-value").all_inner_texts()


def test_v4_moving_a_slider_moves_the_others_and_persists(live_server, page, watch):
    visitor = enter(page, live_server, sub="en-3", name="Alex Kim", language="en")
    actor = Actor.for_visitor(visitor)
    mine = [suggested(title) for title in ("Audit log export", "SAML single sign-on", "Custom fiscal year")]
    for r in mine:
        votes.vote(actor, r)
    page.goto(f"{live_server.url}/feedback/")
    sliders = page.get_by_role("slider")
    assert sliders.count() == 3
    assert sorted(_slider_values(page)) == ["33.3%", "33.3%", "33.3%"]
    first = page.get_by_role("slider", name=re.compile("Audit log export"))
    assert first.get_attribute("aria-valuetext") == "33.3%"

    # Drag the first slider's thumb towards the right end with the mouse.
    box = first.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] / 3, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.6, y, steps=5)
    mid = _slider_values(page)
    page.mouse.move(box["x"] + box["width"] * 0.8, y, steps=5)
    page.mouse.up()
    page.get_by_role("status").filter(has_text="Saved").wait_for()
    values = [float(v.rstrip("%")) for v in _slider_values(page)]
    assert mid != _slider_values(page)  # the others moved while dragging
    assert values[0] > 60 and values[1] < 33 and values[2] < 33
    assert abs(sum(values) - 100) < 0.2
    shares = {v.request_id: v.share for v in Vote.objects.filter(visitor=visitor)}
    assert sum(shares.values()) == BUDGET and shares[mine[0].pk] > 6000
    shot(page, "v4-priorities-en-desktop")

    # Keyboard: Page Down takes 10% off; the rest rebalances and is saved.
    first.focus()
    first.press("PageDown")
    page.get_by_role("status").filter(has_text="Saved").wait_for()
    page.wait_for_timeout(300)
    saved = {v.request_id: v.share for v in Vote.objects.filter(visitor=visitor)}
    assert saved[mine[0].pk] == shares[mine[0].pk] - 1000 or saved[mine[0].pk] == (shares[mine[0].pk] // 100) * 100 - 1000

    # After a reload the page shows what was stored.
    page.reload()
    after = {
        int(s.get_attribute("data-request-id")): s.get_attribute("aria-valuetext") for s in page.get_by_role("slider").all()
    }
    expected = {rid: f"{share / 100:g}%" if share % 100 == 0 else f"{share / 100:.1f}%" for rid, share in saved.items()}
    assert after == expected


def test_v4_sliders_in_japanese_on_a_phone_with_touch(live_server, phone, phone_watch):
    visitor = enter(phone, live_server)
    actor = Actor.for_visitor(visitor)
    a, b = suggested("APIのレート制限の緩和"), suggested("モバイルアプリの日本語フォント改善")
    votes.vote(actor, a)
    votes.vote(actor, b)
    phone.goto(f"{live_server.url}/feedback/")
    assert phone.get_by_role("heading", name="自分のリクエストと優先順位").is_visible()
    slider = phone.get_by_role("slider", name=re.compile("APIのレート制限の緩和"))
    box = slider.bounding_box()
    phone.touchscreen.tap(box["x"] + box["width"] * 0.9, box["y"] + box["height"] / 2)
    phone.get_by_role("status").filter(has_text=t("ja", "Saved")).wait_for()
    shares = {v.request_id: v.share for v in Vote.objects.filter(visitor=visitor)}
    assert shares[a.pk] > 8000 and shares[a.pk] + shares[b.pk] == BUDGET
    shot(phone, "v4-priorities-ja-phone")


# V5 ---------------------------------------------------------------------------


def test_v5_comment_and_subscribe(live_server, page, watch, django_user_model):
    request = suggested("Export dashboards to PDF", "For **board** meetings")
    comments.add_comment(pm_actor(django_user_model), request, "We are looking at this for Q3.")
    stranger = someone(901)
    comments.add_comment(stranger, request, "Same for us")
    visitor = enter(page, live_server, sub="en-4", name="Robin Park", language="en")
    page.goto(f"{live_server.url}/feedback/requests/{request.pk}/")
    assert page.get_by_role("heading", name="Export dashboards to PDF").is_visible()
    assert page.get_by_text("Product team").first.is_visible()
    assert "Visitor 901" not in page.content()

    # Subscribe (a switch) — saved at once, no reload.
    switch = page.get_by_role("switch", name=re.compile("Email me about updates"))
    assert switch.get_attribute("aria-checked") == "false"
    switch.click()
    expect(page.locator(".wf-switch").first).to_have_attribute("aria-checked", "true")
    page.wait_for_timeout(300)
    assert Subscription.objects.filter(visitor=visitor, request=request).exists()

    # An empty comment is refused with a message; a real one appears.
    page.get_by_role("button", name="Post comment").click()
    page.get_by_text("This field cannot be empty.").wait_for()
    page.get_by_label("Add a comment").fill("Our use case: the *monthly* board pack.")
    page.get_by_role("button", name="Post comment").click()
    page.locator(".wf-comment em").filter(has_text="monthly").wait_for()
    assert page.get_by_role("switch").get_attribute("aria-checked") == "true"
    assert request.comments.filter(author_visitor=visitor).exists()
    shot(page, "v5-request-comment-en-desktop")

    page.get_by_role("switch").click()
    expect(page.locator(".wf-switch").first).to_have_attribute("aria-checked", "false")
    page.wait_for_timeout(300)
    assert not Subscription.objects.filter(visitor=visitor, request=request).exists()


def test_v5_request_page_in_japanese_on_a_phone(live_server, phone, phone_watch, django_user_model):
    request = suggested("CSVエクスポートの文字コード指定", "Excelで開くと**文字化け**します。")
    status.change_status(pm_actor(django_user_model), request, Status.PLANNED, message="次のリリースで対応予定です。")
    enter(phone, live_server)
    phone.goto(f"{live_server.url}/feedback/requests/{request.pk}/")
    assert phone.get_by_text("次のリリースで対応予定です。").is_visible()
    phone.get_by_label(t("ja", "Add a comment")).fill("経理部でも必要です。")
    phone.get_by_role("button", name=t("ja", "Post comment")).click()
    phone.get_by_text("経理部でも必要です。").wait_for()
    phone.get_by_role("switch").click()  # the visitor was not subscribed: now they are
    expect(phone.locator(".wf-switch").first).to_have_attribute("aria-checked", "true")
    shot(phone, "v5-request-ja-phone")


# V6 ---------------------------------------------------------------------------


def test_v6_released_tab_lists_my_released_requests_newest_first(live_server, page, watch, django_user_model):
    visitor = enter(page, live_server, sub="en-5", name="Chris Wu", language="en")
    actor = Actor.for_visitor(visitor)
    pm = pm_actor(django_user_model)
    older, newer, open_one = suggested("Gantt view"), suggested("Two-factor login"), suggested("Webhooks")
    for r in (older, newer, open_one):
        votes.vote(actor, r)
    status.change_status(pm, older, Status.RELEASED)
    FeatureRequest.objects.filter(pk=older.pk).update(released_at=timezone.now() - timezone.timedelta(days=3))
    status.change_status(pm, newer, Status.RELEASED)
    page.goto(f"{live_server.url}/feedback/")
    page.get_by_role("link", name=re.compile("^Released")).click()
    page.wait_for_url(f"{live_server.url}/feedback/released/")
    titles = page.locator(".wf-item-title").all_inner_texts()
    assert titles == ["Two-factor login", "Gantt view"]
    assert page.get_by_text(re.compile("^Released on")).first.is_visible()
    shot(page, "v6-released-en-desktop")


def test_v6_released_tab_in_japanese(live_server, phone, phone_watch, django_user_model):
    visitor = enter(phone, live_server)
    request = suggested("和暦表示への対応")
    votes.vote(Actor.for_visitor(visitor), request)
    status.change_status(pm_actor(django_user_model), request, Status.RELEASED)
    phone.goto(f"{live_server.url}/feedback/released/")
    assert phone.get_by_role("heading", name=t("ja", "Released")).is_visible()
    assert phone.get_by_text("和暦表示への対応").is_visible()
    shot(phone, "v6-released-ja-phone")


# V7 ---------------------------------------------------------------------------


def test_v7_search_in_japanese_and_english(live_server, page, watch):
    ja = suggested("CSVエクスポートの文字コード指定")
    comments.add_comment(someone(902), ja, "Shift_JISが必要です")
    suggested("Export dashboards to PDF")
    suggested("ダークモード")
    enter(page, live_server)
    search = page.get_by_role("searchbox", name=t("ja", "Search requests")).first
    search.fill("エクスポート")
    search.press("Enter")
    page.wait_for_url(re.compile(r"/feedback/search/\?q="))
    titles = page.locator(".wf-item-title").all_inner_texts()
    assert "CSVエクスポートの文字コード指定" in titles and "ダークモード" not in titles
    assert page.get_by_text("Shift_JISが必要です").is_visible()
    shot(page, "v7-search-ja-desktop")

    # Switch the portal to English and search in English.
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert Visitor.objects.get(host_id="user-42").language == "en"
    search = page.get_by_role("searchbox", name="Search requests").first
    search.fill("dashboards pdf")
    search.press("Enter")
    page.wait_for_url(re.compile(r"q=dashboards"))
    assert page.locator(".wf-item-title").first.inner_text() == "Export dashboards to PDF"
    assert page.get_by_text(re.compile(r"requests? found for")).is_visible()
    shot(page, "v7-search-en-desktop")
    page.goto(f"{live_server.url}/feedback/search/?q=zzzz")
    assert page.get_by_role("link", name="Suggest “zzzz”").is_visible()


# Pages in both languages and both sizes, for the eye ---------------------------


@pytest.mark.parametrize("language", ["ja", "en"])
def test_dashboard_pages_for_screenshots(live_server, page, phone, language, django_user_model):
    pm = pm_actor(django_user_model)
    titles = {
        "ja": ["CSVエクスポートの文字コード指定", "請求書払い（銀行振込）への対応", "グラフの数値を「万」「億」単位で表示"],
        "en": ["Export dashboards to PDF", "SAML single sign-on", "Slack alerts for anomalies"],
    }[language]
    for browser_page, sub in ((page, f"{language}-d"), (phone, f"{language}-p")):
        visitor = enter(browser_page, live_server, sub=sub, name="山田 花子" if language == "ja" else "Jane Doe",
                        language=language)
        actor = Actor.for_visitor(visitor)
        made = [suggested(title, by=someone(903 + i)) for i, title in enumerate(titles)]
        for r in made[:2]:
            votes.vote(actor, r)
        status.change_status(pm, made[1], Status.BUILDING)
        size = "desktop" if browser_page is page else "phone"
        for path, name in [("/feedback/", "home"), ("/feedback/others/", "others"), ("/feedback/requests/new/", "suggest")]:
            browser_page.goto(f"{live_server.url}{path}")
            shot(browser_page, f"portal-{name}-{language}-{size}")
