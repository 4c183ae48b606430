"""The similarity service on a real database: index upkeep, filters, odd input, query counts."""

import importlib
from io import StringIO

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail_feedback.models import (
    App, FeatureRequest, ProductArea, RequestGram, Status, StatusSetting, SynonymSet,
)
from wagtail_feedback.services import merge, requests, status
from wagtail_feedback.services.similarity import SHOW_THRESHOLD, Match, search_requests, similar_requests
from wagtail_feedback.similarity.defaults import DEFAULT_SYNONYMS

pytestmark = pytest.mark.django_db


def titles(matches):
    return [m.request.title for m in matches]


def test_matches_come_back_best_first_with_scores(actor):
    requests.suggest(actor, title="Export invoices to CSV", description="Accounting needs a CSV download.")
    requests.suggest(actor, title="Export the customer list", description="")
    found = similar_requests("export invoices")
    assert titles(found)[0] == "Export invoices to CSV"
    assert all(isinstance(m, Match) and SHOW_THRESHOLD <= m.score <= 1 for m in found)
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)


def test_useful_from_the_third_character(actor, default_synonyms):
    requests.suggest(actor, title="Export invoices to CSV")
    requests.suggest(actor, title="ダッシュボードをカスタマイズしたい")
    requests.suggest(actor, title="Dark mode")
    assert titles(similar_requests("exp")) == ["Export invoices to CSV"]
    assert titles(similar_requests("ダッシ")) == ["ダッシュボードをカスタマイズしたい"]
    assert titles(similar_requests("だっし")) == ["ダッシュボードをカスタマイズしたい"]
    assert titles(similar_requests("ｴｸｽﾎﾟ")) == ["Export invoices to CSV"]  # half a loanword, through its synonym
    assert titles(similar_requests("えくすぽーと")) == ["Export invoices to CSV"]


def test_the_index_follows_edits(actor, pm):
    request = requests.suggest(actor, title="Slack notifications")
    requests.edit_request(pm, request, title="Microsoft Teams notifications")
    assert titles(similar_requests("teams")) == ["Microsoft Teams notifications"]
    assert titles(similar_requests("slack")) == []


def test_merged_requests_drop_out_and_come_back_on_unmerge(actor, pm):
    source = requests.suggest(actor, title="Dark mode please")
    target = requests.suggest(actor, title="Dark mode for the web app")
    merge.merge(pm, source, target)
    assert titles(similar_requests("dark mode")) == ["Dark mode for the web app"]
    assert titles(search_requests("dark mode")) == ["Dark mode for the web app"]
    merge.unmerge(pm, source)
    assert set(titles(similar_requests("dark mode"))) == {"Dark mode please", "Dark mode for the web app"}


def test_closed_requests_stay_findable_unless_open_only(actor, pm):
    request = requests.suggest(actor, title="Gantt chart view")
    status.change_status(pm, request, Status.RELEASED)
    assert titles(similar_requests("gantt chart")) == ["Gantt chart view"]
    assert similar_requests("gantt chart", open_only=True) == []


def test_hidden_statuses_only_for_staff_searches(actor):
    requests.suggest(actor, title="Keyboard shortcuts")
    StatusSetting.objects.filter(status=Status.NOT_REVIEWED).update(visible_to_visitors=False)
    assert similar_requests("keyboard shortcuts") == []
    assert titles(similar_requests("keyboard shortcuts", visible_only=False)) == ["Keyboard shortcuts"]


def test_app_and_area_filters(actor):
    crm, books = App.objects.create(name="CRM", slug="crm"), App.objects.create(name="Books", slug="books")
    area = ProductArea.objects.create(name="Invoices", slug="invoices", app=books)
    requests.suggest(actor, title="Export contacts", app=crm)
    requests.suggest(actor, title="Export invoices", area=area)
    assert titles(similar_requests("export", app=crm)) == ["Export contacts"]
    assert titles(similar_requests("export", app=books)) == ["Export invoices"]
    assert titles(similar_requests("export", area=area)) == ["Export invoices"]


def test_deleting_a_request_deletes_its_index_rows(actor):
    request = requests.suggest(actor, title="Print packing slips")
    assert RequestGram.objects.filter(request=request).exists()
    request.delete()
    assert not RequestGram.objects.exists()


def test_votes_break_ties(actor, other_visitor):
    from wagtail_feedback.services import votes
    from wagtail_feedback.services.actors import Actor

    first = requests.suggest(actor, title="Recurring tasks")
    second = requests.suggest(actor, title="Recurring tasks")
    votes.vote(Actor.for_visitor(other_visitor), second)
    assert [m.request.pk for m in similar_requests("recurring tasks")] == [second.pk, first.pk]


def test_search_pages_and_takes_weaker_matches(actor):
    for n in range(7):
        requests.suggest(actor, title=f"Calendar sync variant {n}")
    page1, page2 = search_requests("calendar sync", limit=5), search_requests("calendar sync", limit=5, offset=5)
    assert len(page1) == 5 and len(page2) == 2
    assert not {m.request.pk for m in page1} & {m.request.pk for m in page2}
    for n in range(10):
        requests.suggest(actor, title=f"Unrelated idea {n}")
    weak = "calendar widget"  # one word of two, and a common one
    assert len(search_requests(weak)) == 7 and similar_requests(weak) == []


ODD_INPUT = [
    "", "   ", None, 42, "🎉👍🔥", "x" * 10_000, "エクスポート" * 2_000, "CSV " * 3_000,
    '" * : ( ) AND OR NEAR - ^ \' % _ \\', "%", "_", "\\", "' OR 1=1 --", "NEAR(a b)", "\x00\x01", "a\u0301" * 50,
    "ｴｸｽﾎﾟｰﾄ AND \"csv\" -pdf title:*", "\ud800" if False else "\U0001f600 export",
]


@pytest.mark.parametrize("text", ODD_INPUT, ids=range(len(ODD_INPUT)))
def test_odd_input_never_fails(actor, default_synonyms, text):
    requests.suggest(actor, title="Export invoices to CSV")
    requests.suggest(actor, title="エクスポート機能")
    for call in (similar_requests, search_requests):
        found = call(text)
        assert isinstance(found, list)
    assert similar_requests("") == [] and search_requests(None) == []


def test_query_syntax_is_just_text(actor):
    requests.suggest(actor, title="Export 100% of invoices (CSV) AND PDFs")
    assert titles(similar_requests('"export" AND (csv) OR 100%')) == ["Export 100% of invoices (CSV) AND PDFs"]


def test_synonyms_are_applied_as_soon_as_they_are_saved(actor):
    SynonymSet.objects.all().delete()
    requests.suggest(actor, title="Kanban board")
    assert similar_requests("かんばん") == []
    SynonymSet.objects.create(terms="kanban\nかんばん\nカンバン")
    assert titles(similar_requests("かんばん")) == ["Kanban board"]


def test_shipped_synonym_sets_are_valid():
    for terms in DEFAULT_SYNONYMS:
        SynonymSet(terms="\n".join(terms)).full_clean()
    with pytest.raises(ValidationError):
        SynonymSet(terms="only one").full_clean()
    with pytest.raises(ValidationError):
        SynonymSet(terms="a, " + "x" * 60).full_clean()


def test_the_migration_ships_the_default_synonyms():
    from django.apps import apps

    migration = importlib.import_module("wagtail_feedback.migrations.0003_similarity")
    SynonymSet.objects.all().delete()
    migration.add_default_synonyms(apps, None)
    assert [s.term_list for s in SynonymSet.objects.all()] == DEFAULT_SYNONYMS
    migration.add_default_synonyms(apps, None)  # a site that has sets keeps its own
    assert SynonymSet.objects.count() == len(DEFAULT_SYNONYMS)


def test_the_migration_indexes_existing_requests():
    from django.apps import apps

    migration = importlib.import_module("wagtail_feedback.migrations.0003_similarity")
    FeatureRequest.objects.bulk_create([FeatureRequest(title=f"Gantt chart {n}") for n in range(3)])
    migration.index_existing_requests(apps, None)
    assert len(similar_requests("gantt")) == 3


def _count(call):
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


@pytest.mark.parametrize("call", [similar_requests, search_requests])
def test_query_count_does_not_grow_with_the_site(actor, default_synonyms, call):
    FeatureRequest.objects.create(title="Export invoices to CSV", description="for accounting")
    small = _count(lambda: call("export invoices csv"))
    FeatureRequest.objects.bulk_create(
        [FeatureRequest(title=f"Export report {n} to Excel", description=f"invoice export {n}") for n in range(300)]
    )
    call_command("feedback_rebuild_index", stdout=StringIO())
    large = _count(lambda: call("export invoices csv"))
    # synonyms, gram frequencies, the candidates (in scope, with votes and grams), the requests
    assert small == large == 4


def test_rebuild_command_indexes_bulk_loaded_requests_with_progress():
    FeatureRequest.objects.bulk_create([FeatureRequest(title=f"Zapier trigger {n}") for n in range(12)])
    assert similar_requests("zapier") == []
    out = StringIO()
    call_command("feedback_rebuild_index", "--batch-size", "5", stdout=out)
    assert len(similar_requests("zapier", limit=20)) == 12
    text = out.getvalue()
    assert "[###############---------------] 5/12" not in text  # proportional bar
    assert "5/12 (42%)" in text and "10/12 (83%)" in text and "12/12 (100%)" in text
    assert "Indexed 12 request(s)" in text
    call_command("feedback_rebuild_index", "--clear", stdout=StringIO())
    assert len(similar_requests("zapier", limit=20)) == 12


def test_status_and_merge_saves_do_not_touch_the_index(actor, pm):
    request = requests.suggest(actor, title="Time tracking")
    other = requests.suggest(actor, title="Time tracking on tasks")
    with CaptureQueriesContext(connection) as queries:
        status.change_status(pm, request, Status.PLANNED)
        merge.merge(pm, request, other)
    assert not any("wagtail_feedback_requestgram" in q["sql"] for q in queries)


def test_a_broken_backend_setting_is_reported(settings):
    settings.WAGTAIL_FEEDBACK = {**settings.WAGTAIL_FEEDBACK, "SIMILARITY": {"BACKEND": "no.such.Backend"}}
    assert "wagtail_feedback.E020" in {m.id for m in run_checks()}


def test_choosing_the_backend_is_a_known_setting(settings):
    settings.WAGTAIL_FEEDBACK = {
        **settings.WAGTAIL_FEEDBACK,
        "SIMILARITY": {"BACKEND": "wagtail_feedback.similarity.grams.GramBackend", "OPTIONS": {"CANDIDATES": 50}},
    }
    ids = {m.id for m in run_checks()}
    assert "wagtail_feedback.E002" not in ids and "wagtail_feedback.E020" not in ids


@pytest.mark.parametrize(
    "value",
    ["wagtail_feedback.similarity.grams.GramBackend", {"OPTIONS": {"NO_SUCH_OPTION": 1}}],
    ids=["not-a-dict", "unknown-option"],
)
def test_a_malformed_backend_setting_is_reported_not_raised(settings, value):
    settings.WAGTAIL_FEEDBACK = {**settings.WAGTAIL_FEEDBACK, "SIMILARITY": value}
    assert "wagtail_feedback.E020" in {m.id for m in run_checks()}


def test_a_page_longer_than_the_shortlist_is_not_cut_short(actor, settings):
    # The admin search lists up to 200 results; the usual shortlist is 100 (here 5).
    settings.WAGTAIL_FEEDBACK = {**settings.WAGTAIL_FEEDBACK, "SIMILARITY": {"OPTIONS": {"CANDIDATES": 5}}}
    for n in range(12):
        requests.suggest(actor, title=f"Zapier trigger number {n}")
    requests.suggest(actor, title="Dark mode")
    assert len(search_requests("zapier trigger", limit=12)) == 12
    first, rest = search_requests("zapier trigger", limit=8), search_requests("zapier trigger", limit=8, offset=8)
    assert len(first) == 8 and len(rest) == 4
    assert not {m.request.pk for m in first} & {m.request.pk for m in rest}
    assert len(similar_requests("zapier trigger", limit=3)) == 3


def test_a_settings_value_that_is_not_a_dict_gets_e001_not_a_traceback(settings):
    settings.WAGTAIL_FEEDBACK = "similarity please"
    ids = {m.id for m in run_checks()}
    assert "wagtail_feedback.E001" in ids and "wagtail_feedback.E020" not in ids


def test_options_alone_name_the_default_backend_when_refused(settings):
    settings.WAGTAIL_FEEDBACK = {**settings.WAGTAIL_FEEDBACK, "SIMILARITY": {"OPTIONS": {"NO_SUCH_OPTION": 1}}}
    [error] = [m for m in run_checks() if m.id == "wagtail_feedback.E020"]
    assert "'wagtail_feedback.similarity.grams.GramBackend'" in error.msg and "NO_SUCH_OPTION" in error.msg


def test_very_common_grams_are_remembered_not_recounted_and_read_newest_first(actor, settings):
    from wagtail_feedback.similarity import get_backend

    options = {"FREQUENCY_CAP": 3, "COMMON_GRAM_SECONDS": 300, "CANDIDATES": 10}
    settings.WAGTAIL_FEEDBACK = {**settings.WAGTAIL_FEEDBACK, "SIMILARITY": {"OPTIONS": options}}
    made = [requests.suggest(actor, title=f"Zapier trigger number {n}") for n in range(5)]
    backend = get_backend()
    backend._common.clear()
    with CaptureQueriesContext(connection) as first:
        found = search_requests("zapier")
    with CaptureQueriesContext(connection) as second:
        assert search_requests("zapier") == found
    counting = [q["sql"] for q in first if "COUNT(*)" in q["sql"]]
    assert counting and "zap" in counting[0]
    assert not any("COUNT(*)" in q["sql"] for q in second)  # only the request-count estimate is asked again
    # Of a gram in more requests than the cap, the newest postings are read.
    assert {m.request.pk for m in found} == {r.pk for r in made[-3:]}
