"""StreamField blocks for editors (E1): a suggestion form, a voting list, the
visitor's priorities and a roadmap, on any Wagtail page.

Blocks only read — through :mod:`wagtail_feedback.queries` — and render the
portal's own partials (``portal/includes/``). Every change a visitor makes from
a block goes through the JSON API, sent by the portal's scripts, or, without
JavaScript, through the portal's forms; both end in the services.

Add them to a page's StreamField and render it with ``{% include_block %}``,
which hands the blocks the ``request`` (that is how they know the visitor)::

    from wagtail_feedback.blocks import feedback_block_counts, feedback_blocks

    body = StreamField([..., *feedback_blocks()], block_counts=feedback_block_counts())

See docs/blocks.md.
"""

import itertools

from django import forms
from django.http import QueryDict
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from . import queries
from .api.filters import RequestFilter
from .models import FeatureRequest, ProductArea, Status, Visitor, VoteKind
from .rules.priorities import BUDGET
from .views.forms import SuggestionForm
from .views.session import current_visitor

#: Set in the context of the editor's block previews (made-up requests, nothing clickable).
PREVIEW = "wf_block_preview"
#: The roadmap's columns, in order.
ROADMAP_STATUSES = (Status.PLANNED, Status.BUILDING)
#: How the suggestion form's fields are named in the page (the portal's form uses ``id_…``).
FORM_AUTO_ID = "wf-suggest-%s"


def area_choices():
    """The product areas for the editor's select, grouped by app (value: the area's slug)."""
    choices = []
    for app_name, areas in queries.area_choices():
        options = [(area.slug, area.name) for area in areas]
        if app_name:
            choices.append((app_name, options))
        else:
            choices.extend(options)
    return choices


#: Block ids when there is no request to count them on (``{{ page.body }}``).
_ids_without_request = itertools.count(1)


def _block_id(request):
    """An id for the block's heading, unique within the page."""
    if request is None:
        return f"wf-block-x{next(_ids_without_request)}"
    if not hasattr(request, "_feedback_block_ids"):
        request._feedback_block_ids = itertools.count(1)
    return f"wf-block-{next(request._feedback_block_ids)}"


def _first_on_page(request):
    """True for the first block of the page: it links the styles and scripts, once."""
    if request is None:
        return True
    if getattr(request, "_feedback_block_assets", False):
        return False
    request._feedback_block_assets = True
    return True


class FeedbackBlock(blocks.StructBlock):
    """What the four blocks share: heading and introduction, who is visiting, the preview.

    Subclasses give ``kind`` (the CSS modifier), ``default_heading(value)``,
    ``read(value, request, visitor, st)`` — the template context from the
    database, a fixed number of queries — and ``sample(value)``, the context of
    the editor's preview.
    """

    heading = blocks.CharBlock(
        label=_("Heading"), required=False, max_length=120,
        help_text=_("Leave empty for a standard heading in the visitor's language."),
    )
    intro = blocks.TextBlock(
        label=_("Introduction"), required=False, max_length=600,
        help_text=_("Leave empty for a standard introduction in the visitor's language."),
    )

    kind = ""

    class Meta:
        group = _("Feedback")
        label_format = "{heading}"  # the collapsed block's summary in the editor
        preview_template = "wagtail_feedback/blocks/preview.html"

    def get_preview_context(self, value, parent_context=None):
        context = super().get_preview_context(value, parent_context)
        context[PREVIEW] = True
        return context

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = context.get("request")
        preview = bool(context.get(PREVIEW))
        if preview:
            visitor, data = sample_visitor(), self.sample(value)
        else:
            visitor = current_visitor(request) if request is not None else None
            data = self.read(value, request, visitor, queries.statuses(request))
        if request is not None and "csrf_token" not in context:
            context["csrf_token"] = SimpleLazyObject(lambda: get_token(request))
        context.update({
            "visitor": visitor,
            "here": request.get_full_path() if request is not None else "",
            "block_kind": self.kind,
            "block_id": _block_id(request),
            "block_assets": _first_on_page(request) or preview,
            "block_preview": preview,
            "heading": value.get("heading") or self.default_heading(value),
            "intro": value.get("intro") or self.default_intro(value),
            **data,
        })
        return context

    def default_heading(self, value):
        raise NotImplementedError

    def default_intro(self, value):
        return ""

    def read(self, value, request, visitor, st):
        raise NotImplementedError

    def sample(self, value):
        raise NotImplementedError


# --------------------------------------------------------------------------
# The four blocks
# --------------------------------------------------------------------------


class SuggestionFormBlock(FeedbackBlock):
    """The suggestion form (V2): title, details, product area; similar requests while typing."""

    area = blocks.ChoiceBlock(
        label=_("Product area"), choices=area_choices, required=False,
        help_text=_("Chosen in advance for the visitor, who can still change it."),
    )

    kind = "suggestion-form"

    class Meta:
        template = "wagtail_feedback/blocks/suggestion_form.html"
        icon = "comment-add"
        label = _("Suggestion form")
        description = _("Visitors suggest a feature; similar requests appear while they type the title.")
        preview_value = {"heading": "", "intro": "", "area": ""}

    def default_heading(self, value):
        return _("Make a suggestion")

    def default_intro(self, value):
        return _("What would make your work easier? The product team reads every suggestion.")

    def read(self, value, request, visitor, st):
        if visitor is None:
            return {}
        initial = {}
        if value.get("area"):
            pk = ProductArea.objects.filter(slug=value["area"]).values_list("pk", flat=True).first()
            if pk is not None:
                initial["where"] = f"area-{pk}"
        return {"form": SuggestionForm(initial=initial, auto_id=FORM_AUTO_ID)}

    def sample(self, value):
        return {"form": SuggestionForm(auto_id=FORM_AUTO_ID)}


class VotingListBlock(FeedbackBlock):
    """Requests to vote for (V3), filtered and sorted as the editor chose."""

    area = blocks.ChoiceBlock(
        label=_("Product area"), choices=area_choices, required=False,
        help_text=_("Leave empty for every product area."),
    )
    statuses = blocks.MultipleChoiceBlock(
        label=_("Statuses"), choices=Status.choices, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked for every open request (not released, not declined)."),
    )
    sort = blocks.ChoiceBlock(
        label=_("Sort"), choices=list(queries.SORTS.items()), default="votes", required=True,
    )
    count = blocks.IntegerBlock(label=_("How many"), default=5, min_value=1, max_value=50)

    kind = "voting-list"

    class Meta:
        template = "wagtail_feedback/blocks/voting_list.html"
        icon = "list-ol"
        label = _("Voting list")
        description = _("A list of requests visitors vote for, by product area and status, sorted as you choose.")
        preview_value = {"heading": "", "intro": "", "area": "", "statuses": [], "sort": "votes", "count": 3}

    HEADINGS = {
        "votes": _("Most wanted"),
        "newest": _("Newest requests"),
        "trending": _("Trending requests"),
    }

    def default_heading(self, value):
        return self.HEADINGS.get(value.get("sort"), self.HEADINGS["votes"])

    def default_intro(self, value):
        return _("Vote for the ideas you need: the team sees what matters most to customers.")

    def read(self, value, request, visitor, st):
        requests = queries.visible_requests(st, visitor)
        if not value.get("statuses"):
            requests = requests.open()
        params = QueryDict(mutable=True)
        params.setlist("status", list(value.get("statuses") or []))
        if value.get("area"):
            params["area"] = value["area"]
        params["sort"] = value.get("sort") or "votes"
        filterset = RequestFilter(params, queryset=queries.with_visitor_state(requests, visitor))
        items = list(filterset.qs[: value.get("count") or 5])
        more = QueryDict(mutable=True)
        more["sort"] = params["sort"]
        if value.get("area"):
            more["area"] = value["area"]
        return {
            "items": queries.decorate(items, st),
            "more_url": f"{reverse('wagtail_feedback:others')}?{more.urlencode()}",
        }

    def sample(self, value):
        return {"items": sample_requests()[: value.get("count") or 3], "more_url": reverse("wagtail_feedback:others")}


class PrioritiesBlock(FeedbackBlock):
    """The visitor's priority sliders (V4), saved through ``api/me/priorities/``."""

    kind = "priorities"

    class Meta:
        template = "wagtail_feedback/blocks/priorities.html"
        icon = "sliders"
        label = _("My priorities")
        description = _("Visitors split their priority between the requests they voted for, with sliders.")
        preview_value = {"heading": "", "intro": ""}

    def default_heading(self, value):
        return _("My priorities")

    def read(self, value, request, visitor, st):
        if visitor is None:
            return {}
        payload = queries.priorities_payload(visitor, st)
        context = {"priorities": payload, "priorities_endpoint": reverse("wagtail_feedback:api:me-priorities")}
        if len(payload["items"]) == 1:
            only = FeatureRequest.objects.filter(pk=payload["items"][0]["request_id"])
            context["my_requests"] = queries.decorate(list(queries.with_visitor_state(only, visitor)), st)
        return context

    def sample(self, value):
        shares = [5000, 3000, 2000]
        items = [
            {"request_id": item.pk, "title": item.title, "url": queries.request_path(item.pk), "share": share,
             "status": item.status, "status_label": str(item.status_label)}
            for item, share in zip(sample_requests(), shares, strict=False)
        ]
        return {
            "priorities": {"budget": BUDGET, "items": items},
            "priorities_endpoint": reverse("wagtail_feedback:api:me-priorities"),
        }


class RoadmapBlock(FeedbackBlock):
    """What the team plans and builds (P5): a Planned and a Building column."""

    area = blocks.ChoiceBlock(
        label=_("Product area"), choices=area_choices, required=False,
        help_text=_("Leave empty for every product area."),
    )
    count = blocks.IntegerBlock(label=_("How many in each column"), default=10, min_value=1, max_value=50)

    kind = "roadmap"

    class Meta:
        template = "wagtail_feedback/blocks/roadmap.html"
        icon = "calendar-check"
        label = _("Roadmap")
        description = _("The requests the team has planned and is building now, most wanted first.")
        preview_value = {"heading": "", "intro": "", "area": "", "count": 2}

    def default_heading(self, value):
        return _("Roadmap")

    def default_intro(self, value):
        return _("What the team has planned and is building right now.")

    def read(self, value, request, visitor, st):
        requests = queries.with_visitor_state(queries.visible_requests(st, visitor), visitor)
        if value.get("area"):
            requests = requests.filter(area__slug=value["area"])
        count = value.get("count") or 10
        columns = []
        for status in ROADMAP_STATUSES:
            items = list(queries.sort_requests(requests.filter(status=status), "votes")[:count])
            columns.append({"status": status, "label": st.label(status), "items": queries.decorate(items, st)})
        return {"columns": columns}

    def sample(self, value):
        count = value.get("count") or 2
        items = sample_requests()
        return {"columns": [
            {"status": status, "label": Status(status).label,
             "items": [item for item in items if item.status == status][:count]}
            for status in ROADMAP_STATUSES
        ]}


def feedback_blocks():
    """``(name, block)`` pairs of the four blocks, for a page's ``StreamField``."""
    return [
        ("suggestion_form", SuggestionFormBlock()),
        ("voting_list", VotingListBlock()),
        ("my_priorities", PrioritiesBlock()),
        ("roadmap", RoadmapBlock()),
    ]


def feedback_block_counts():
    """``StreamField(block_counts=…)``: one suggestion form and one priorities block per page.

    Their parts have fixed ids (the form's list of similar requests, the
    sliders' data), so a page holds at most one of each.
    """
    return {"suggestion_form": {"max_num": 1}, "my_priorities": {"max_num": 1}}


# --------------------------------------------------------------------------
# Sample data for the editor's previews (never saved)
# --------------------------------------------------------------------------


def sample_visitor():
    """Someone identified, so that the preview shows the vote buttons and the form."""
    return Visitor(name="Sample visitor")


SAMPLES = [
    # (title, status, votes, comments, area, my vote)
    (_("Export dashboards to PDF"), Status.PLANNED, 42, 6, _("Reports"), VoteKind.ACTIVE),
    (_("Schedule weekly email reports"), Status.BUILDING, 31, 4, _("Reports"), None),
    (_("Single sign-on with Okta"), Status.PLANNED, 18, 2, _("Administration"), None),
    (_("Dark mode for the dashboard"), Status.BUILDING, 12, 1, _("Dashboard"), None),
]


def sample_requests():
    """Made-up requests, decorated like :func:`queries.decorate` does, with no query."""
    items = []
    for pk, (title, status, votes, comments, area, my_vote) in enumerate(SAMPLES, start=1):
        item = FeatureRequest(pk=pk, title=str(title), status=status, vote_count=votes)
        item.area = ProductArea(name=str(area))
        item.comment_count = comments
        item.my_vote = my_vote
        item.subscribed = my_vote is not None
        items.append(item)
    return queries.decorate(items, queries.Statuses())
