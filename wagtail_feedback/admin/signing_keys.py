"""Settings → Feedback signing keys: the secrets host products sign visitor links with."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from ..models import SigningKey
from ..services import signing_keys


class SigningKeyCreateView(generic.CreateView):
    def save_instance(self):
        # The secret shown (read-only) on the form is the one stored.
        return signing_keys.create_key(self.form.cleaned_data["kid"], secret=self.form.instance.secret)


class SigningKeyEditView(generic.EditView):
    def save_instance(self):
        return signing_keys.set_active(self.object.kid, self.form.cleaned_data["is_active"])


class SigningKeyDeleteView(generic.DeleteView):
    def delete_action(self):
        signing_keys.delete_key(self.object.kid)


class SigningKeyViewSet(ModelViewSet):
    model = SigningKey
    icon = "key"
    menu_label = _("Feedback signing keys")
    add_to_settings_menu = True
    add_view_class = SigningKeyCreateView
    edit_view_class = SigningKeyEditView
    delete_view_class = SigningKeyDeleteView
    list_display = ["kid", BooleanColumn("is_active", label=_("active")), "created_at"]
    inspect_view_enabled = False
    # Editing may only switch a key off or on: the id and secret are fixed once the host uses them.
    panels = [FieldPanel("kid", read_only=True), FieldPanel("secret", read_only=True), FieldPanel("is_active")]
    create_panels = ObjectList([FieldPanel("kid"), FieldPanel("secret", read_only=True)])

    def get_add_view_kwargs(self, **kwargs):
        panel = self.create_panels.bind_to_model(self.model)
        return super().get_add_view_kwargs(panel=panel, form_class=panel.get_form_class(), **kwargs)
