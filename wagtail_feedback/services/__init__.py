"""The service layer: the only code that writes.

Every public function runs in one transaction, takes the acting person as an
:class:`~wagtail_feedback.services.actors.Actor`, checks permission, and raises
``django.core.exceptions.ValidationError`` for bad input and
``django.core.exceptions.PermissionDenied`` for refused actions.
"""
