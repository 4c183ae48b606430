"""Feedback › Requests: listing, the request page (C1, P1–P3), suggesting (C2, C5), editing (P4)."""

from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, Q, Value, When
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from django.views import View
from django.views.generic.edit import FormView
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.coreutils import multigetattr

from ..models import FeatureRequest, Status, StatusSetting, Subscription, Visitor, Vote, VoteKind
from ..services import comments, merge, requests, status, subscriptions, votes
from ..services.similarity import similar_requests
from . import queries
from .base import (
    ActionsTitleColumn,
    JsonPermissionMixin,
    ServiceFormMixin,
    StableOrderMixin,
    WorkspaceViewSetMixin,
    refusal_message,
    staff,
    staff_as_visitor,
)
from .filters import RequestFilterSet
from .forms import AddVisitorForm, CommentForm, MergeForm, StatusForm, SuggestForm, add_service_errors
from .permissions import can


class RequestIndexView(StableOrderMixin, generic.IndexView):
    default_ordering = "-vote_count"
    page_title = gettext_lazy("Requests")
    show_other_searches = True
    export_headings = {
        "status": gettext_lazy("Status"), "tags": gettext_lazy("Tags"), "admin_url": gettext_lazy("Link"),
    }

    @cached_property
    def labels(self):
        return queries.status_labels()

    @cached_property
    def add_item_label(self):
        return _("Suggest")

    def get_base_queryset(self):
        queryset = FeatureRequest.objects.select_related("area", "app")
        if not self.request.GET.get("merged"):
            queryset = queryset.filter(merged_into__isnull=True)
        if self.is_export:
            queryset = queryset.prefetch_related("tags")
        return queryset

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        ranked = queries.search_requests(self.search_query)
        matching = queryset.filter(
            Q(pk__in=ranked) | Q(title__icontains=self.search_query) | Q(description__icontains=self.search_query)
        )
        if self.is_explicitly_ordered:
            return matching
        rank = Case(*(When(pk=pk, then=Value(i)) for i, pk in enumerate(ranked)), default=Value(len(ranked)),
                    output_field=IntegerField())
        return matching.annotate(search_rank=rank).order_by("search_rank", "-vote_count", "-pk")

    @cached_property
    def columns(self):
        return [
            ActionsTitleColumn(
                "title", label=_("Title"), sort_key="title", get_url=self.get_inspect_url,
                buttons_for=self.get_list_buttons,
            ),
            StatusTagColumn("status", label=_("Status"), accessor=lambda r: self.labels.get(r.status),
                            sort_key="status", primary=lambda r: not r.is_closed),
            Column("vote_count", label=_("Votes"), sort_key="vote_count", width="8%"),
            Column("area", label=_("Product area"), sort_key="area__name"),
            Column("app", label=_("App"), sort_key="app__name"),
            DateColumn("created_at", label=_("Suggested"), sort_key="created_at"),
        ]

    def get_list_more_buttons(self, instance):
        return [b for b in super().get_list_more_buttons(instance) if b.url != self.get_inspect_url(instance)]

    def to_row_dict(self, item):
        computed = {
            "status": lambda: self.labels.get(item.status),
            "effort": lambda: item.get_effort_display() or "",
            "tags": lambda: ", ".join(tag.name for tag in item.tags.all()),
            "admin_url": lambda: self.request.build_absolute_uri(self.get_inspect_url(item)),
        }
        return {
            field: computed[field]() if field in computed else multigetattr(item, field)
            for field in self.list_export
        }


#: The note staff send a customer they added to a request (C1, C2).
READY_MESSAGE = gettext_noop(
    "Hello %(name)s,\n\n"
    "Thank you for your feedback. We have logged it for you as “%(title)s” and added your vote.\n"
    "You can follow its progress, comment and set how important it is to you here:\n"
    "%(url)s\n\n"
    "We will email you when its status changes."
)


def ready_message(visitor, feature_request):
    """The ready message, in the customer's language, with their link to the request in the portal."""
    with translation.override(visitor.display_language):
        return _(READY_MESSAGE) % {
            "name": visitor.name or visitor.email or _("there"),
            "title": feature_request.title,
            "url": queries.portal_url(feature_request.pk),
        }


class RequestDetailView(generic.InspectView):
    """The request page: everything about one request, and the actions staff take on it."""

    page_title = gettext_lazy("Request")

    def get_object(self, queryset=None):
        try:
            return (
                FeatureRequest.objects.select_related(
                    "area", "app", "requested_by__account", "created_by_user", "merged_into"
                ).prefetch_related("tags").get(pk=self.pk)
            )
        except (FeatureRequest.DoesNotExist, ValueError):
            raise Http404 from None

    def get_page_subtitle(self):
        return self.object.title

    def get_fields_context(self):
        return []

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": _("Requests")},
            {"url": "", "label": self.object.title},
        ]

    @cached_property
    def header_buttons(self):
        if url := self.get_edit_url():
            return [HeaderButton(_("Edit"), url=url, icon_name="edit")]
        return []

    @cached_property
    def header_more_buttons(self):
        if url := queries.portal_url(self.object.pk):
            return [Button(_("Open in portal"), url=url, icon_name="link-external",
                           attrs={"target": "_blank", "rel": "noopener"})]
        return []

    def visitor_from_query(self, param):
        try:
            pk = int(self.request.GET.get(param, ""))
        except ValueError:
            return None
        return Visitor.objects.select_related("account").filter(pk=pk).first()

    def get_context_data(self, **kwargs):
        user = self.request.user
        request = self.object
        settings = {s.status: s for s in StatusSetting.objects.all()}
        labels = {choice.value: choice.label for choice in Status}
        labels.update({key: setting.display_label for key, setting in settings.items()})
        queries.with_status_labels([request], labels)
        may = {
            "act_on_behalf": can(user, "act_on_behalf"),
            "change_status": can(user, "change_status"),
            "merge": can(user, "merge"),
            "internal": can(user, "add_internal_comment"),
            "vote": user.has_perm("wagtailadmin.access_admin"),
        }
        me = queries.own_visitor(user)
        my_vote = Vote.objects.filter(visitor=me, request=request).first() if me else None
        context = {
            "feature_request": request,
            "may": may,
            "voter_list": queries.request_votes(request),
            "subscriber_list": queries.request_subscribers(request),
            "subscriber_count": Subscription.objects.filter(request=request).count(),
            "comment_list": queries.request_comments(request, internal=may["internal"]),
            "merged_here": queries.with_status_labels(
                FeatureRequest.objects.filter(merged_into=request).order_by("-vote_count", "pk"), labels
            ),
            "status_messages": {key: s.message for key, s in settings.items()},
            "my_vote": my_vote,
            "i_follow": bool(me and Subscription.objects.filter(visitor=me, request=request).exists()),
            "add_visitor_form": AddVisitorForm(),
            "comment_form": CommentForm(allow_internal=may["internal"]),
            "status_form": StatusForm(initial={"status": request.status}, labels=labels),
            "merge_form": MergeForm(),
            **kwargs,
        }
        if request.merged_into_id:
            context["merged_into"] = queries.with_status_labels([request.merged_into], labels)[0]
        if (visitor := self.visitor_from_query("message_for")) is not None:
            if Vote.objects.filter(visitor=visitor, request=request, kind=VoteKind.ACTIVE).exists():
                context["ready_message"] = {"visitor": visitor, "text": ready_message(visitor, request)}
        if (visitor := self.visitor_from_query("add_visitor")) is not None and "add_visitor_form" not in kwargs:
            context["proposed_visitor"] = visitor
            context["proposed_has_voted"] = Vote.objects.filter(
                visitor=visitor, request=request, kind=VoteKind.ACTIVE
            ).exists()
        return super().get_context_data(**context)


def all_errors(form):
    return [error for errors in form.errors.values() for error in errors]


class RequestActionView(RequestDetailView):
    """A POST on the request page: parse a form, call one service, show the result.

    Bad input re-renders the page with the form's errors (400); a refused
    action shows why (403). The service's transaction has rolled back, so
    nothing changed.
    """

    http_method_names = ["post"]
    form_class = None
    form_context_name = None

    def get_form(self):
        return self.form_class(self.request.POST)

    def perform(self, form):
        raise NotImplementedError

    def get_success_url(self, result):
        return self.get_inspect_url()

    def get_inspect_url(self):
        return reverse("wagtail_feedback_requests:inspect", args=[quote(self.object.pk)])

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        status_code = 400
        if form.is_valid():
            try:
                result = self.perform(form)
            except ValidationError as error:
                add_service_errors(form, error)
            except PermissionDenied as error:
                messages.error(request, refusal_message(error))
                status_code = 403
            else:
                return redirect(self.get_success_url(result))
        if status_code == 400:
            summary = " ".join(str(e) for e in form.non_field_errors())
            messages.error(request, summary or _("Please correct the errors below."))
        return self.render_to_response(self.get_context_data(**self.get_error_context(form)), status=status_code)

    def get_error_context(self, form):
        """The page shown again: the submitted form, with its errors."""
        return {self.form_context_name: form} if self.form_context_name else {}


class AddVisitorView(RequestActionView):
    form_class = AddVisitorForm
    form_context_name = "add_visitor_form"

    def get_error_context(self, form):
        # The chooser starts afresh (ready for the next try); the errors show next to it.
        return {"add_visitor_form": AddVisitorForm(), "add_visitor_errors": all_errors(form)}

    def perform(self, form):
        visitor = form.cleaned_data["visitor"]
        votes.add_visitor_to_request(staff(self.request), self.object, visitor)
        messages.success(
            self.request,
            _("%(name)s now has a vote on this request and will get its updates.") % {"name": visitor},
        )
        return visitor

    def get_success_url(self, visitor):
        return f"{self.get_inspect_url()}?{urlencode({'message_for': visitor.pk})}#ready-message"


class CommentView(RequestActionView):
    form_context_name = "comment_form"

    def get_form(self):
        return CommentForm(self.request.POST, allow_internal=can(self.request.user, "add_internal_comment"))

    def perform(self, form):
        internal = form.cleaned_data["visibility"] == "internal"
        comment = comments.add_comment(staff_as_visitor(self.request), self.object, form.cleaned_data["body"],
                                       internal=internal)
        messages.success(
            self.request,
            _("Internal comment added: only staff can see it.") if internal
            else _("Comment added; subscribers will be told."),
        )
        return comment

    def get_success_url(self, comment):
        return f"{self.get_inspect_url()}#comment-{comment.pk}"


class StatusChangeView(RequestActionView):
    form_context_name = "status_form"

    def get_form(self):
        return StatusForm(self.request.POST, labels=queries.status_labels())

    def perform(self, form):
        message = form.cleaned_data["message"].strip() or None
        change = status.change_status(staff(self.request), self.object, form.cleaned_data["status"], message=message)
        if change is None:
            messages.info(self.request, _("The request already has this status."))
        else:
            label = dict(form.fields["status"].choices)[change.new_status]
            messages.success(self.request, _("Status changed to “%(status)s”.") % {"status": label})
        return change


class MergeView(RequestActionView):
    form_class = MergeForm
    form_context_name = "merge_form"

    def get_error_context(self, form):
        return {"merge_form": MergeForm(), "merge_errors": all_errors(form)}

    def perform(self, form):
        target = form.cleaned_data["target"]
        merge.merge(staff(self.request), self.object, target)
        messages.success(
            self.request,
            _("“%(source)s” was merged into this request. Its votes, comments and subscribers are here now.")
            % {"source": self.object.title},
        )
        return target

    def get_success_url(self, target):
        return reverse("wagtail_feedback_requests:inspect", args=[quote(target.pk)])


class SimpleActionForm(forms.Form):
    """No fields: the URL says it all."""


class UnmergeView(RequestActionView):
    form_class = SimpleActionForm

    def perform(self, form):
        merge.unmerge(staff(self.request), self.object)
        messages.success(
            self.request,
            _("The merge was undone: “%(title)s” has its votes, comments and subscribers back.")
            % {"title": self.object.title},
        )


class OwnActionView(RequestActionView):
    """Staff vote, un-vote, follow and unfollow as themselves (C5): ``service(actor, request)``."""

    form_class = SimpleActionForm
    service = None
    done_message = None

    def perform(self, form):
        self.service(staff_as_visitor(self.request), self.object)
        messages.success(self.request, self.done_message)


class RequestEditView(ServiceFormMixin, generic.EditView):
    """Product staff edit text and classification, through ``services.requests.edit_request``."""

    def save_instance(self):
        data = self.form.cleaned_data
        fields = {name: data[name] for name in requests.EDITABLE_FIELDS if name in data}
        return requests.edit_request(staff(self.request), self.object, tags=data.get("tags"), **fields)

    def get_success_url(self):
        return reverse("wagtail_feedback_requests:inspect", args=[quote(self.object.pk)])


class SuggestView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Suggest a request as yourself or on a visitor's behalf (C2, C5)."""

    model = FeatureRequest
    permission_required = "add"
    page_title = gettext_lazy("Suggest a request")
    header_icon = "plus"
    index_url_name = None

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtail_feedback_requests:index"), "label": _("Requests")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_initial(self):
        initial = super().get_initial()
        try:
            initial["requested_by"] = int(self.request.GET["for"])
        except (KeyError, ValueError):
            pass
        return initial

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "can_act_on_behalf": can(self.request.user, "act_on_behalf")}

    def get_form_class(self):
        return SuggestForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["similar_url"] = reverse("wagtail_feedback_requests:similar")
        context["me"] = self.request.user.get_full_name() or self.request.user.get_username()
        context["media"] = context["form"].media
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        visitor = data.get("requested_by")
        try:
            feature_request = requests.suggest(
                staff_as_visitor(self.request),
                title=data["title"], description=data["description"], app=data.get("app"), area=data.get("area"),
                tags=data.get("tags") or (), on_behalf_of=visitor,
                staff_vote=data["staff_vote"], staff_subscribe=data["staff_subscribe"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        except PermissionDenied as error:
            messages.error(self.request, refusal_message(error))
            return self.render_to_response(self.get_context_data(form=form), status=403)
        url = reverse("wagtail_feedback_requests:inspect", args=[feature_request.pk])
        if visitor is not None:
            messages.success(self.request, _("Request created for %(name)s.") % {"name": visitor})
            return redirect(f"{url}?{urlencode({'message_for': visitor.pk})}#ready-message")
        messages.success(self.request, _("Request created with your vote."))
        return redirect(url)

    def form_invalid(self, form):
        messages.error(self.request, _("The request could not be created due to errors."))
        return self.render_to_response(self.get_context_data(form=form), status=400)


class SimilarRequestsView(JsonPermissionMixin, PermissionCheckedMixin, View):
    """JSON for the similar-as-you-type list under the title (C2)."""

    model = FeatureRequest
    any_permission_required = ["add", "change", "view"]
    limit = 5

    def get(self, request):
        text = request.GET.get("q", "").strip()[:200]
        matches = similar_requests(text, limit=self.limit, visible_only=False) if text else []
        labels = queries.status_labels()
        return JsonResponse({
            "results": [
                {
                    "id": m.request.pk,
                    "title": m.request.title,
                    "status": m.request.status,
                    "status_label": labels.get(m.request.status, m.request.status),
                    "votes": m.request.vote_count,
                    "url": queries.portal_url(m.request.pk),
                    "admin_url": reverse("wagtail_feedback_requests:inspect", args=[m.request.pk]),
                    "score": round(m.score, 3),
                }
                for m in matches
            ]
        })


OWN_ACTIONS = {
    "vote": (votes.vote, gettext_lazy("You voted for this request.")),
    "unvote": (votes.unvote, gettext_lazy("Your vote was removed.")),
    "follow": (subscriptions.subscribe, gettext_lazy("You will get this request's updates.")),
    "unfollow": (subscriptions.unsubscribe, gettext_lazy("You no longer follow this request.")),
}


class RequestViewSet(WorkspaceViewSetMixin, ModelViewSet):
    model = FeatureRequest
    icon = "list-ul"
    menu_label = gettext_lazy("Requests")
    url_prefix = "feedback/requests"
    enabled_views = ("add", "edit", "inspect")
    inspect_view_enabled = True
    index_view_class = RequestIndexView
    add_view_class = SuggestView
    edit_view_class = RequestEditView
    inspect_view_class = RequestDetailView
    inspect_template_name = "wagtail_feedback/admin/requests/detail.html"
    create_template_name = "wagtail_feedback/admin/requests/suggest.html"
    filterset_class = RequestFilterSet
    search_fields = ["title", "description"]
    list_per_page = 50
    list_export = ["title", "status", "vote_count", "not_interested_count", "area", "app", "tags", "effort",
                   "created_at", "released_at", "admin_url"]
    export_filename = "feedback-requests"
    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("app"),
        FieldPanel("area"),
        FieldPanel("tags"),
        FieldPanel("effort"),
    ]

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().exclude(codename="delete_featurerequest")

    def get_extra_urlpatterns(self):
        def action(view_class, **kwargs):
            return self.construct_view(view_class, **self.get_inspect_view_kwargs(), **kwargs)

        return [
            path("similar/", self.construct_view(SimilarRequestsView), name="similar"),
            path("<int:pk>/add-visitor/", action(AddVisitorView), name="add_visitor"),
            path("<int:pk>/comment/", action(CommentView), name="comment"),
            path("<int:pk>/status/", action(StatusChangeView), name="status"),
            path("<int:pk>/merge/", action(MergeView), name="merge"),
            path("<int:pk>/unmerge/", action(UnmergeView), name="unmerge"),
            *(
                path(f"<int:pk>/{name}/", action(OwnActionView, service=service, done_message=message), name=name)
                for name, (service, message) in OWN_ACTIONS.items()
            ),
        ]
