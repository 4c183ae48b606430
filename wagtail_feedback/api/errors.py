"""One error shape for every 400: ``{"errors": {field: [message, …]}, "codes": {field: [code, …]}}``.

Errors that belong to no field are under ``"non_field_errors"``. Services raise
Django's ``ValidationError``; serializers and filters raise DRF's; both end up
the same way. Other errors keep DRF's ``{"detail": …}``.
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

NON_FIELD = "non_field_errors"


def _django_errors(error):
    if hasattr(error, "error_dict"):
        items = error.error_dict.items()
    else:
        items = [(NON_FIELD_ERRORS, error.error_list)]
    messages, codes = {}, {}
    for field, errors in items:
        key = NON_FIELD if field == NON_FIELD_ERRORS else field
        for e in errors:
            for message in e.messages:
                messages.setdefault(key, []).append(str(message))
                codes.setdefault(key, []).append(e.code or "invalid")
    return messages, codes


def _drf_errors(detail):
    if not isinstance(detail, dict):
        detail = {NON_FIELD: detail if isinstance(detail, list) else [detail]}
    messages, codes = {}, {}
    for field, errors in detail.items():
        errors = errors if isinstance(errors, list) else [errors]
        for e in errors:
            if isinstance(e, (dict, list)):  # nested: flatten to text
                e = exceptions.ErrorDetail(str(e), "invalid")
            messages.setdefault(field, []).append(str(e))
            codes.setdefault(field, []).append(getattr(e, "code", None) or "invalid")
    return messages, codes


def bad_request(messages, codes):
    return Response({"errors": messages, "codes": codes}, status=status.HTTP_400_BAD_REQUEST)


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        return bad_request(*_django_errors(exc))
    if isinstance(exc, exceptions.ValidationError):
        return bad_request(*_drf_errors(exc.detail))
    return drf_exception_handler(exc, context)
