"""E1 in a real browser: an editor adds each block in the Wagtail editor and publishes; a visitor
votes, prioritises and suggests from the published page (desktop and phone, en and ja)."""

import re

import pytest

from tests.blocks.conftest import EVERY_BLOCK, make_page, site_root
from tests.browser.conftest import screenshot
from tests.conftest import make_visitor
from tests.services.test_identity import SECRET, token
from wagtail_feedback.models import (
    FeatureRequest,
    ProductArea,
    SigningKey,
    Status,
    Visitor,
    Vote,
    VoteKind,
)
from wagtail_feedback.services import votes
from wagtail_feedback.services.actors import Actor

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

EDITOR_PASSWORD = "editor-pw-0123"


def some_requests():
    """What a site has: requests in an area, a few votes, planned and building ones."""
    reports = ProductArea.objects.create(name="Reports", slug="reports")
    made = {
        "pdf": FeatureRequest.objects.create(title="Export dashboards to PDF", area=reports, status=Status.PLANNED),
        "csv": FeatureRequest.objects.create(title="CSVエクスポートの文字コード指定", area=reports),
        "sso": FeatureRequest.objects.create(title="Single sign-on with Okta", status=Status.BUILDING),
        "dark": FeatureRequest.objects.create(title="Dark mode for the dashboard"),
    }
    for n in range(3):
        votes.vote(Actor.for_visitor(make_visitor(100 + n)), made["pdf"])
    votes.vote(Actor.for_visitor(make_visitor(110)), made["sso"])
    return made


# --------------------------------------------------------------------------
# The editor
# --------------------------------------------------------------------------


def log_in(page, base, username, password):
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/")


def insert_block(page, label, *, group, blocks_so_far, preview_shot=None):
    """Open the block picker at the end of the body, check the block's preview, choose the block."""
    from playwright.sync_api import expect

    inserters = page.locator("button[title='Insert a block']")
    # One inserter above the first block and one below each: wait for the last block's own,
    # or a click right after the previous insertion lands above that block.
    expect(inserters).to_have_count(blocks_so_far + 1)
    inserters.last.click()
    option = page.get_by_role("option", name=label, exact=True)
    option.wait_for()
    row = option.locator("xpath=..")
    row.locator(".w-combobox__option-preview").click()
    frame = page.locator(".w-combobox-preview__iframe")
    frame.wait_for()
    preview = page.frame_locator(".w-combobox-preview__iframe")
    preview.locator("section.wf-block[inert]").wait_for()
    assert group in page.locator(".w-combobox__menu").inner_text()  # the blocks' group in the picker
    if preview_shot:
        page.wait_for_timeout(300)  # the frame's fonts
        screenshot(page, preview_shot)
    option.click()


@pytest.mark.parametrize("language", ["en", "ja"])
def test_editor_adds_every_block_in_the_wagtail_editor_and_publishes(live_server, browser, django_user_model,
                                                                     language):
    from tests.testapp.models import BlocksTestPage

    made = some_requests()
    django_user_model.objects.create_superuser("editor", "editor@corp.example", EDITOR_PASSWORD, first_name="Eddie")
    target = site_root().add_child(instance=BlocksTestPage(title="Our feedback", slug="our-feedback", body=[]))
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="ja-JP" if language == "ja" else "en-US")
    page = context.new_page()
    base = live_server.url
    log_in(page, base, "editor", EDITOR_PASSWORD)
    if language == "ja":
        from wagtail.users.models import UserProfile

        profile = UserProfile.get_for_user(django_user_model.objects.get(username="editor"))
        profile.preferred_language = "ja"
        profile.save()
    page.goto(f"{base}/admin/pages/{target.pk}/edit/")
    group, *labels = {
        "en": ["Feedback", "Voting list", "Suggestion form", "My priorities", "Roadmap"],
        "ja": ["フィードバック", "投票リスト", "提案フォーム", "自分の優先順位", "ロードマップ"],
    }[language]

    # 1. Voting list: Reports only, newest first, three at most.
    insert_block(page, labels[0], group=group, blocks_so_far=0, preview_shot=f"e1-picker-preview-voting-list-{language}")
    page.fill("input[name='body-0-value-heading']", "What customers want" if language == "en" else "お客様の声")
    page.select_option("select[name='body-0-value-area']", "reports")
    page.select_option("select[name='body-0-value-sort']", "newest")
    page.fill("input[name='body-0-value-count']", "3")
    page.locator("input[name='body-0-value-heading']").scroll_into_view_if_needed()
    page.mouse.wheel(0, -120)
    screenshot(page, f"e1-editor-voting-list-settings-{language}")
    # 2. Suggestion form, with Reports chosen in advance.
    insert_block(page, labels[1], group=group, blocks_so_far=1, preview_shot=f"e1-picker-preview-suggestion-form-{language}")
    page.select_option("select[name='body-1-value-area']", "reports")
    # 3. My priorities, as it comes.
    insert_block(page, labels[2], group=group, blocks_so_far=2, preview_shot=f"e1-picker-preview-priorities-{language}")
    # 4. Roadmap, two in each column.
    insert_block(page, labels[3], group=group, blocks_so_far=3, preview_shot=f"e1-picker-preview-roadmap-{language}")
    page.fill("input[name='body-3-value-count']", "2")

    page.locator("footer .w-dropdown__toggle, .footer .w-dropdown__toggle").first.click()
    page.locator("button[name='action-publish']").click()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/$"))

    target.refresh_from_db()
    published = target.specific
    assert published.live and [block.block_type for block in published.body] == [
        "voting_list", "suggestion_form", "my_priorities", "roadmap"]
    assert dict(published.body[0].value) == {
        "heading": "What customers want" if language == "en" else "お客様の声", "intro": "", "area": "reports",
        "statuses": [], "sort": "newest", "count": 3}
    assert published.body[3].value["count"] == 2

    # The published page, as the editor sees it (a logged-in site user is a visitor too).
    page.goto(f"{base}{published.url}")
    voting = page.locator(".wf-block-voting-list")
    assert voting.get_by_role("heading", level=2).inner_text() == published.body[0].value["heading"]
    titles = voting.locator(".wf-item-title").all_inner_texts()
    assert titles == [made["csv"].title, made["pdf"].title]  # Reports only, newest first
    selected = page.locator("select[name='where'] option:checked").inner_text()
    assert selected == "Reports"
    roadmap = page.locator(".wf-block-roadmap")
    assert roadmap.locator(".wf-roadmap-planned .wf-item-title").all_inner_texts() == [made["pdf"].title]
    assert roadmap.locator(".wf-roadmap-building .wf-item-title").all_inner_texts() == [made["sso"].title]
    screenshot(page, f"e1-published-by-editor-{language}-desktop")
    context.close()


# --------------------------------------------------------------------------
# The visitor
# --------------------------------------------------------------------------


def enter(page, base, language):
    """Open the product's signed link (V1), as a visitor speaking ``language``."""
    page.goto(f"{base}/feedback/enter/?token={token(language=language, sub=f'user-{language}')}")
    assert page.url == f"{base}/feedback/"


@pytest.mark.parametrize("language,device", [("en", "page"), ("ja", "phone")])
def test_visitor_votes_prioritises_and_suggests_from_the_blocks(live_server, request, language, device):
    browser_page = request.getfixturevalue(device)
    SigningKey.objects.create(kid="host-1", secret=SECRET)
    made = some_requests()
    target = make_page(EVERY_BLOCK, title="Feedback", slug="blocks")
    base = live_server.url
    page = browser_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    # Not identified yet: read-only lists, and how to join.
    page.goto(f"{base}{target.url}")
    assert page.locator(".wf-block-voting-list .wf-votebox-static").count() == 4
    assert page.locator(".wf-block .wf-notice").count() == 3
    screenshot(page, f"e1-page-anonymous-{language}-{'desktop' if device == 'page' else 'phone'}")

    enter(page, base, language)
    visitor = Visitor.objects.get(host_id=f"user-{language}")
    page.goto(f"{base}{target.url}")
    assert page.locator("html").get_attribute("lang") == language
    voting = page.locator(".wf-block-voting-list")

    # Vote for two requests from the list: the button turns "Voted", the count goes up, without a reload.
    for key in ("dark", "pdf"):
        item = voting.locator(f"#request-{made[key].pk}")
        before = int(item.locator(".wf-votebox-count").inner_text())
        item.locator("button.wf-votebox").click()
        expect_pressed(item)
        assert int(item.locator(".wf-votebox-count").inner_text()) == before + 1
        assert item.locator(".wf-votebox-label").inner_text() == {"en": "Voted", "ja": "投票済み"}[language]
    assert set(Vote.objects.filter(visitor=visitor, kind=VoteKind.ACTIVE).values_list("request", flat=True)) == {
        made["dark"].pk, made["pdf"].pk}

    # With two votes, the priorities block has sliders: moving one saves, and the others follow.
    page.reload()
    sliders = page.locator(".wf-block-priorities input[type=range]")
    sliders.first.wait_for()
    assert sliders.count() == 2
    sliders.first.focus()
    page.keyboard.press("PageUp")
    status = page.locator(".wf-block-priorities .wf-slider-status")
    page.wait_for_function(
        "(el) => el.textContent.trim() === el.closest('[data-wf-priorities]').dataset.labelSaved",
        arg=status.element_handle(),
    )
    shares = dict(Vote.objects.filter(visitor=visitor, kind=VoteKind.ACTIVE).values_list("request", "share"))
    first = int(sliders.first.get_attribute("data-request-id"))
    assert shares[first] == 6000 and sum(shares.values()) == 10_000
    page.reload()
    assert page.locator(".wf-block-priorities output").first.inner_text() == "60%"

    # The site's page has neither the portal's <meta name="wf-csrf"> nor its <body> texts, and nothing puts
    # them there: the scripts read both from the blocks. Only the first block carries them, for every block,
    # so a vote from the roadmap (the fourth) goes through, with the first block's texts.
    assert page.locator('meta[name="wf-csrf"]').count() == 0
    assert page.evaluate("() => Object.keys(document.body.dataset)") == []
    carrier = page.locator("[data-wf-block]").first
    assert carrier.get_attribute("data-wf-csrf") and carrier.get_attribute("data-label-voted")
    assert page.locator("[data-wf-block][data-wf-csrf]").count() == 1
    building = page.locator(f".wf-block-roadmap #request-{made['sso'].pk}")
    assert building.get_attribute("data-state") == "none"
    building.locator("button.wf-votebox").click()
    expect_pressed(building)
    voted = {"en": "Voted", "ja": "投票済み"}[language]
    assert building.locator(".wf-votebox-label").inner_text() == carrier.get_attribute("data-label-voted") == voted
    assert building.locator(".wf-item-feedback").inner_text() == carrier.get_attribute("data-label-voted-done")
    assert Vote.objects.filter(visitor=visitor, request=made["sso"], kind=VoteKind.ACTIVE).exists()

    # Suggest from the form block: a similar request shows while typing, then the new one is posted.
    title = page.locator("#wf-suggest-title")
    title.fill("Export dashboards")
    similar = page.locator(f"#{title.get_attribute('aria-controls')}")
    similar.locator("li", has_text=made["pdf"].title).wait_for()
    screenshot(page, f"e1-page-identified-{language}-{'desktop' if device == 'page' else 'phone'}")
    new_title = {"en": "Export dashboards to Excel", "ja": "ダッシュボードを Excel に書き出したい"}[language]
    title.fill(new_title)
    page.locator("#wf-suggest-description").fill("For the monthly board meeting.")
    page.locator("form[data-wf-suggest] button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/feedback/requests/\d+/\?new=1$"))
    created = FeatureRequest.objects.get(title=new_title)
    assert created.requested_by == visitor
    assert Vote.objects.filter(visitor=visitor, request=created, kind=VoteKind.ACTIVE).exists()
    assert errors == []


def expect_pressed(item):
    item.locator("button.wf-votebox[aria-pressed='true']").wait_for()
