"""Every error the API answers has one JSON shape (docs/api.md):

    {"status": 409, "code": "conflict", "message": "...", "errors": {"field": ["..."]}}

``errors`` names what was wrong, field by field (``non_field_errors`` for the whole request); it is
empty where nothing in the request was. The services' refusals (``ValidationError``, ``Refused``,
``PermissionDenied``, ``ReviewConflict``) are answered here, so a view only calls the service.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.views import exception_handler

from reviews.services.refusals import Refused
from reviews.services.reviewing import ReviewConflict


class Conflict(exceptions.APIException):
    """The client's version of the object is stale: someone saved it since."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"

    def __init__(self, message: str, current_version):
        super().__init__(message)
        self.current_version = current_version


def _flatten(detail) -> list[str]:
    if isinstance(detail, dict):
        return [message for value in detail.values() for message in _flatten(value)]
    if isinstance(detail, list):
        return [message for value in detail for message in _flatten(value)]
    return [str(detail)]


def _field_errors(detail) -> dict[str, list[str]]:
    """DRF's nested detail as {"field": [messages]}; nested fields joined with dots (answers.C01)."""
    if isinstance(detail, list):
        return {"non_field_errors": _flatten(detail)} if detail else {}
    errors: dict[str, list[str]] = {}
    for field, value in detail.items():
        if isinstance(value, dict):
            for inner, messages in _field_errors(value).items():
                errors[f"{field}.{inner}"] = messages
        else:
            errors[field] = _flatten(value)
    return errors


def _as_drf(error: Exception) -> Exception:
    """Our services' and Django's exceptions as the DRF exception with the same meaning."""
    if isinstance(error, Http404):
        return exceptions.NotFound(str(error) or "Not found.")
    if isinstance(error, DjangoPermissionDenied):
        return exceptions.PermissionDenied(str(error) or None)
    if isinstance(error, DjangoValidationError):
        if hasattr(error, "error_dict"):
            return exceptions.ValidationError(
                {field: [m for e in errors for m in e.messages] for field, errors in error.error_dict.items()}
            )
        return exceptions.ValidationError({"non_field_errors": error.messages})
    if isinstance(error, Refused):
        return exceptions.ValidationError({"non_field_errors": [error.message, *error.lines]})
    if isinstance(error, ReviewConflict):
        return Conflict(
            "Someone saved this review after you read it, so your answers were not saved. Read it again "
            "and send your answers with its current version.",
            current_version=error.current.version if error.current else 0,
        )
    return error


def api_exception_handler(error, context):
    error = _as_drf(error)
    response = exception_handler(error, context)
    if response is None:
        return None  # an unexpected exception: a 500, logged by Django
    if isinstance(error, exceptions.ValidationError):
        errors = _field_errors(error.detail)
        general = errors.get("non_field_errors")
        body = {
            "status": response.status_code,
            "code": "invalid",
            "message": " ".join(general) if general else "The request has errors; see 'errors'.",
            "errors": errors,
        }
    else:
        code = error.get_codes()
        body = {
            "status": response.status_code,
            "code": code if isinstance(code, str) else "error",
            "message": " ".join(_flatten(error.detail)),
            "errors": {},
        }
    if isinstance(error, Conflict):
        body["current_version"] = error.current_version
    response.data = body
    return response
