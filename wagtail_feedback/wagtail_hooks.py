from wagtail import hooks

from .admin.signing_keys import SigningKeyViewSet


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [SigningKeyViewSet("feedback_signing_keys")]
