"""The two staff groups the feedback workspace is built around (issue 4, DESIGN.md §1).

``ensure_groups`` runs after every ``migrate`` (a ``post_migrate`` receiver
registered in ``wagtail_hooks.py``): it creates missing groups and adds missing
permissions, and never takes a permission away, so a site may grant more.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

CSM_GROUP = "Feedback CSM"
PRODUCT_MANAGER_GROUP = "Feedback product manager"

#: (app label, codename) of what customer-success staff need: see requests,
#: visitors and accounts; suggest and act on visitors' behalf (add them to
#: requests, edit their priorities); write public and internal comments.
CSM_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtail_feedback", "view_featurerequest"),
    ("wagtail_feedback", "add_featurerequest"),
    ("wagtail_feedback", "act_on_behalf"),
    ("wagtail_feedback", "add_internal_comment"),
    ("wagtail_feedback", "view_visitor"),
    ("wagtail_feedback", "view_account"),
]

#: Product managers also edit requests, move them through statuses, merge
#: duplicates, and keep the catalogue, status settings and search synonyms.
PRODUCT_MANAGER_PERMISSIONS = CSM_PERMISSIONS + [
    ("wagtail_feedback", "change_featurerequest"),
    ("wagtail_feedback", "change_status"),
    ("wagtail_feedback", "merge"),
    ("wagtail_feedback", "view_statussetting"),
    ("wagtail_feedback", "change_statussetting"),
    *(
        ("wagtail_feedback", f"{action}_{model}")
        for model in ("app", "productarea", "tag", "synonymset")
        for action in ("add", "change", "delete", "view")
    ),
]

GROUPS = {CSM_GROUP: CSM_PERMISSIONS, PRODUCT_MANAGER_GROUP: PRODUCT_MANAGER_PERMISSIONS}


def _permissions(pairs):
    query = Q(pk__in=[])
    for app_label, codename in pairs:
        query |= Q(content_type__app_label=app_label, codename=codename)
    return list(Permission.objects.filter(query))


@transaction.atomic
def ensure_groups():
    """Create the feedback groups if missing and give them at least their permissions.

    Returns ``{group name: Group}``. Permissions that do not exist yet (an app
    not migrated) are skipped; the next ``migrate`` adds them.
    """
    groups = {}
    for name, pairs in GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = _permissions(pairs)
        have = set(group.permissions.values_list("pk", flat=True))
        missing = [p for p in wanted if p.pk not in have]
        if missing:
            group.permissions.add(*missing)
        groups[name] = group
    return groups
