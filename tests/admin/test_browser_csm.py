"""A customer-success manager's day in a real browser, in English and Japanese: C1–C5, and refusals."""

import re

import pytest
from playwright.sync_api import expect

from tests.admin.browser_helpers import choose_in_modal, log_in, open_workspace, refusal, tr
from tests.admin.conftest import World, member
from tests.browser.conftest import screenshot
from wagtail_feedback.admin.requests import READY_MESSAGE
from wagtail_feedback.models import FeatureRequest, PriorityChange, PriorityReason, Status, Vote
from wagtail_feedback.services import status
from wagtail_feedback.services.groups import CSM_GROUP

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def world(db):
    return World()


@pytest.fixture(params=["en", "ja"])
def lang(request):
    return request.param


@pytest.fixture
def carol(django_user_model, lang):
    return member(django_user_model, "carol", CSM_GROUP, first_name="Carol", last_name="Chan", language=lang)


def settle(page):
    """Let Wagtail's message banner finish sliding in before a screenshot."""
    page.wait_for_timeout(400)


def test_c1_find_a_request_add_a_visitor_and_copy_the_message(live_server, page, world, carol, lang):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    log_in(page, live_server, "carol")

    # The admin search bar: for a CSM (no page permissions), it searches feedback requests.
    search = page.locator("#wagtail-sidebar input[name=q]")
    search.fill("dashboards")
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"/admin/feedback/requests/\?q=dashboards"))
    page.get_by_role("link", name="Export dashboards to PDF").click()
    expect(page.get_by_role("heading", name=tr("Voters", lang))).to_be_visible()

    page.get_by_role("button", name=tr("Add visitor", lang)).click()
    choose_in_modal(page, "花子")
    # Choosing submits at once; the page comes back with the ready message in Hanako's language.
    expect(page.locator("#ready-message")).to_be_visible()
    added = tr("%(name)s now has a vote on this request and will get its updates.", lang, name="山田 花子")
    expect(page.get_by_text(added)).to_be_visible()
    message = page.locator("#wf-ready-message")
    expect(message).to_have_attribute("lang", "ja")
    link = f"http://testserver/feedback/requests/{world.export.pk}/"  # WAGTAILADMIN_BASE_URL
    expect(message).to_have_value(tr(READY_MESSAGE, "ja", name="山田 花子", title=world.export.title, url=link))
    page.get_by_role("button", name=tr("Copy message", lang)).click()
    expect(page.get_by_role("button", name=tr("Copied", lang))).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == message.input_value()
    screenshot(page, f"admin-c1-ready-message-{lang}")

    vote = Vote.objects.get(visitor=world.hanako, request=world.export)
    assert vote.added_by == carol and world.hanako.subscriptions.filter(request=world.export).exists()

    # Adding her again is refused with a clear message, and nothing changes.
    page.get_by_role("button", name=tr("Add visitor", lang)).click()
    choose_in_modal(page, "花子")
    refusal = tr("%(name)s has already voted for this request.", lang, name="山田 花子")
    expect(page.get_by_role("alert").filter(has_text=refusal)).to_be_visible()
    assert Vote.objects.filter(visitor=world.hanako, request=world.export).count() == 1
    settle(page)
    screenshot(page, f"admin-c1-already-voted-{lang}")


def test_c2_suggest_on_behalf_finds_a_similar_request_first(live_server, page, world, carol, lang):
    log_in(page, live_server, "carol")
    page.goto(f"{live_server.url}/admin/feedback/requests/new/")
    expect(page.locator("[data-wf-you]")).to_contain_text("Carol Chan")
    page.get_by_role("button", name=tr("Switch to a visitor", lang)).click()
    choose_in_modal(page, "hanako")
    expect(page.locator("[data-wf-you]")).to_be_hidden()
    expect(page.get_by_text("山田 花子 (さくら商事)")).to_be_visible()

    title = page.get_by_role("combobox", name=tr("Title", lang))
    title.fill("PDF export of dashboards")
    options = page.get_by_role("option")
    expect(options.first).to_contain_text("Export dashboards to PDF")
    expect(options.first).to_contain_text(tr("Add the visitor there instead", lang))
    screenshot(page, f"admin-c2-similar-{lang}")
    title.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    title.press("Enter")
    expect(page).to_have_url(re.compile(rf"/inspect/{world.export.pk}/\?add_visitor={world.hanako.pk}"))
    page.get_by_role("button", name=tr("Add %(name)s", lang, name="山田 花子")).click()
    expect(page.locator("#ready-message")).to_be_visible()
    assert Vote.objects.filter(visitor=world.hanako, request=world.export, added_by=carol).exists()

    # Nothing similar: the request is created with the visitor's vote, and Carol's own.
    page.goto(f"{live_server.url}/admin/feedback/requests/new/")
    page.get_by_role("button", name=tr("Switch to a visitor", lang)).click()
    choose_in_modal(page, "Bob")
    page.get_by_role("combobox", name=tr("Title", lang)).fill("Single sign-on with Okta")
    page.get_by_label(tr("Add my own vote too", lang)).check()
    page.get_by_role("button", name=tr("Create request", lang)).click()
    expect(page.get_by_text(tr("Request created for %(name)s.", lang, name="Bob Baker"))).to_be_visible()
    created = FeatureRequest.objects.get(title="Single sign-on with Okta")
    assert set(created.votes.values_list("visitor__name", flat=True)) == {"Bob Baker", "Carol Chan"}
    settle(page)
    screenshot(page, f"admin-c2-created-{lang}")


def test_c3_edit_a_visitors_priorities_during_a_call(live_server, page, world, carol, lang):
    log_in(page, live_server, "carol")
    open_workspace(page, lang, "Accounts")
    page.get_by_role("link", name="Acme Corp").click()
    page.get_by_role("tab", name=tr("Visitors", lang)).click()
    page.locator("#tab-visitors").get_by_role("link", name=tr("Priorities", lang)).first.click()
    expect(page.get_by_role("heading", name="Alice Archer")).to_be_visible()
    expect(page.get_by_role("tab", name=tr("Priorities", lang))).to_have_attribute("aria-selected", "true")

    slider = page.get_by_role("slider").first
    expect(slider).to_be_visible()
    slider.focus()
    for _ in range(20):
        slider.press("ArrowRight")
    expect(page.locator(".wf-slider-status")).to_have_text(tr("Saved", lang))
    expect(page.locator(".wf-slider-value").first).to_have_text("70%")
    expect(page.locator(".wf-slider-value").nth(1)).to_have_text("30%")
    screenshot(page, f"admin-c3-priorities-{lang}")
    shares = dict(Vote.objects.filter(visitor=world.alice).values_list("request__title", "share"))
    assert shares == {world.export.title: 7000, world.dark.title: 3000}
    change = PriorityChange.objects.filter(visitor=world.alice, reason=PriorityReason.SET).latest("pk")
    assert change.changed_by_user == carol

    page.reload()
    page.get_by_role("tab", name=tr("Activity", lang)).click()
    on_behalf = tr("by %(staff)s on their behalf", lang, staff="Carol Chan")
    expect(page.locator("#tab-activity").get_by_text(on_behalf).first).to_be_visible()
    screenshot(page, f"admin-c3-activity-{lang}")


def test_c4_account_priorities_and_released(live_server, page, world, carol, pm, lang):
    status.change_status(pm, world.dark, Status.RELEASED)
    log_in(page, live_server, "carol")
    page.goto(f"{live_server.url}/admin/feedback/accounts/inspect/{world.acme.pk}/")
    table = page.locator("#tab-priorities table")
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table).to_contain_text("Export dashboards to PDF")
    expect(table).to_contain_text("Alice Archer 100%, Bob Baker 100%")
    screenshot(page, f"admin-c4-account-{lang}")
    page.get_by_role("tab", name=tr("Released", lang)).click()
    expect(page.locator("#tab-released")).to_contain_text("Dark mode for the editor")
    expect(page.locator("#tab-released")).to_contain_text("Alice Archer")
    screenshot(page, f"admin-c4-released-{lang}")


def test_c5_own_votes_and_priorities(live_server, page, world, carol, lang):
    log_in(page, live_server, "carol")
    for request in (world.export, world.csv):
        page.goto(f"{live_server.url}/admin/feedback/requests/inspect/{request.pk}/")
        page.get_by_role("button", name=tr("Vote as myself", lang)).click()
        expect(page.get_by_text(tr("You voted for this request.", lang))).to_be_visible()
    open_workspace(page, lang, "My requests & priorities")
    expect(page.locator("#tab-requests tbody tr")).to_have_count(2)
    page.get_by_role("tab", name=tr("Priorities", lang)).click()
    slider = page.get_by_role("slider").first
    slider.focus()
    slider.press("End")
    expect(page.locator(".wf-slider-status")).to_have_text(tr("Saved", lang))
    screenshot(page, f"admin-c5-mine-{lang}")
    mine = Vote.objects.filter(visitor__user=carol).order_by("-share")
    assert [v.share for v in mine] == [10_000, 0]


def test_without_permission_there_is_no_feedback_menu_and_a_clear_refusal(
    live_server, page, world, django_user_model, lang
):
    from django.contrib.auth.models import Permission

    eddie = member(django_user_model, "eddie", None, first_name="Eddie", language=lang)
    eddie.user_permissions.add(Permission.objects.get(codename="access_admin"))
    log_in(page, live_server, "eddie")
    expect(page.locator("#wagtail-sidebar nav").first).to_be_visible()
    expect(page.get_by_role("button", name=tr("Feedback", lang))).to_have_count(0)
    page.goto(f"{live_server.url}/admin/feedback/requests/inspect/{world.export.pk}/")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.get_by_text(refusal(lang))).to_be_visible()
    settle(page)
    screenshot(page, f"admin-denied-editor-{lang}")


def test_csm_cannot_merge_or_change_status(live_server, page, world, carol, lang):
    log_in(page, live_server, "carol")
    page.goto(f"{live_server.url}/admin/feedback/requests/inspect/{world.dark.pk}/")
    expect(page.get_by_role("heading", name=tr("Voters", lang))).to_be_visible()
    expect(page.locator("#status-section")).to_have_count(0)
    expect(page.locator("#merge-section")).to_have_count(0)
    page.goto(f"{live_server.url}/admin/feedback/statuses/")
    expect(page.get_by_text(refusal(lang))).to_be_visible()
