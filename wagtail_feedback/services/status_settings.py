"""How the six fixed statuses are presented: label, message to subscribers, visibility (P1)."""

from django.db import transaction

from ..models import StatusSetting


@transaction.atomic
def update_status_setting(actor, setting, *, label, message, visible_to_visitors):
    """Rename a status, set the message sent with it, or hide it from visitors."""
    actor.require("change_statussetting")
    setting = StatusSetting.objects.select_for_update().get(pk=setting.pk)
    setting.label = (label or "").strip()
    setting.message = (message or "").strip()
    setting.visible_to_visitors = bool(visible_to_visitors)
    setting.full_clean()
    setting.save(update_fields=["label", "message", "visible_to_visitors"])
    return setting
