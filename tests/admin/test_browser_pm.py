"""A product manager in a real browser, in Japanese and English: statuses (P1), merges (P2), internal comments (P3)."""

import re

import pytest
from playwright.sync_api import expect

from tests.admin.browser_helpers import choose_in_modal, log_in, open_workspace, tr
from tests.admin.conftest import World, member
from tests.browser.conftest import screenshot
from wagtail_feedback.models import Comment, Notification, NotificationEvent, Status, StatusSetting, Visibility
from wagtail_feedback.services.groups import PRODUCT_MANAGER_GROUP

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

LANGUAGES = ["ja", "en"]


@pytest.fixture
def world(db):
    return World()


@pytest.fixture(params=LANGUAGES)
def lang(request):
    return request.param


@pytest.fixture
def pat(django_user_model, lang):
    return member(django_user_model, "pat", PRODUCT_MANAGER_GROUP, first_name="Pat", last_name="Park", language=lang)


def settle(page):
    """Let Wagtail's message banner finish sliding in before a screenshot."""
    page.wait_for_timeout(400)


def test_p1_rename_hide_and_move_through_statuses(live_server, page, world, pat, lang):
    log_in(page, live_server, "pat")
    open_workspace(page, lang, "Statuses")
    expect(page).to_have_url(re.compile(r"/admin/feedback/statuses/$"))
    expect(page.locator("main table tbody tr")).to_have_count(6)
    page.get_by_role("link", name=tr("Not reviewed", lang)).click()
    page.locator("#id_label").fill("Inbox")
    page.locator("#id_message").fill("We read every request.")
    page.locator("#id_visible_to_visitors").uncheck()
    page.get_by_role("button", name=tr("Save", lang)).click()
    expect(page.locator("main table")).to_contain_text("Inbox")
    settle(page)
    screenshot(page, f"admin-p1-statuses-{lang}")
    setting = StatusSetting.objects.get(status=Status.NOT_REVIEWED)
    assert (setting.label, setting.visible_to_visitors) == ("Inbox", False)

    page.goto(f"{live_server.url}/admin/feedback/requests/inspect/{world.export.pk}/")
    expect(page.locator(".wf-request__status")).to_contain_text("Inbox")
    page.select_option("select[name=status]", Status.PLANNED.value)
    page.locator("textarea[name=message]").fill("Coming in spring / 春にリリース予定")
    page.get_by_role("button", name=tr("Change status", lang)).click()
    expect(page.get_by_text(tr("Status changed to “%(status)s”.", lang, status=tr("Planned", lang)))).to_be_visible()
    settle(page)
    screenshot(page, f"admin-p1-status-changed-{lang}")
    assert Notification.objects.filter(event=NotificationEvent.STATUS, request=world.export).count() == 2


def test_p2_merge_by_title_and_unmerge(live_server, page, world, pat, lang):
    log_in(page, live_server, "pat")
    page.goto(f"{live_server.url}/admin/feedback/requests/inspect/{world.dark.pk}/")

    # Merging into itself is refused with a clear message, and nothing changes.
    page.get_by_role("button", name=tr("Choose a request", lang)).click()
    choose_in_modal(page, "Dark mode")
    page.get_by_role("button", name=tr("Merge into the chosen request", lang)).click()
    expect(page.get_by_text(tr("A request cannot be merged into itself.", lang)).first).to_be_visible()
    world.dark.refresh_from_db()
    assert world.dark.merged_into_id is None
    settle(page)
    screenshot(page, f"admin-p2-self-merge-refused-{lang}")

    page.get_by_role("button", name=tr("Choose a request", lang)).click()
    choose_in_modal(page, "dashboards")
    page.get_by_role("button", name=tr("Merge into the chosen request", lang)).click()
    expect(page).to_have_url(re.compile(rf"/inspect/{world.export.pk}/$"))
    merged_list = page.locator("#merge-section")
    expect(merged_list).to_contain_text("Dark mode for the editor")
    world.dark.refresh_from_db()
    assert world.dark.merged_into_id == world.export.pk
    settle(page)
    screenshot(page, f"admin-p2-merged-{lang}")

    merged_list.get_by_role("button", name=tr("Unmerge", lang)).click()
    expect(page.get_by_text(tr("The merge was undone: “%(title)s” has its votes, comments and subscribers back.",
                               lang, title="Dark mode for the editor"))).to_be_visible()
    world.dark.refresh_from_db()
    assert world.dark.merged_into_id is None


def test_p3_internal_comments_for_staff_only(live_server, page, world, pat, lang):
    log_in(page, live_server, "pat")
    page.goto(f"{live_server.url}/admin/feedback/requests/inspect/{world.csv.pk}/")
    page.locator("textarea[name=body]").fill("更新の条件になっている / renewal depends on this")
    page.get_by_label(tr("Internal (staff only)", lang)).check()
    page.get_by_role("button", name=tr("Add comment", lang)).click()
    comment = page.locator(".wf-comment--internal")
    expect(comment).to_contain_text("renewal depends on this")
    expect(comment).to_contain_text(tr("Internal", lang))
    settle(page)
    screenshot(page, f"admin-p3-internal-comment-{lang}")
    (saved,) = Comment.objects.filter(request=world.csv)
    assert saved.visibility == Visibility.INTERNAL
    assert not Notification.objects.filter(event=NotificationEvent.COMMENT).exists()


def test_request_page_on_a_phone(live_server, phone, world, pat, lang):
    log_in(phone, live_server, "pat")
    phone.goto(f"{live_server.url}/admin/feedback/requests/inspect/{world.export.pk}/")
    expect(phone.get_by_role("heading", name=tr("Voters", lang))).to_be_visible()
    screenshot(phone, f"admin-request-phone-{lang}")
