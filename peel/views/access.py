"""Decorators that load the inspection named in the URL and enforce who may act on it.

Every view under ``/inspections/<pk>/`` takes the inspection as its second argument through one of
these, so the object check cannot be forgotten: outsiders get 404 (the inspection is not disclosed),
team members who try a lead-only action get 403.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied

from peel.selectors.inspections import inspection_for_user


def inspection_member_required(view):
    @wraps(view)
    def wrapped(request, pk: int, *args, **kwargs):
        inspection = inspection_for_user(user=request.user, pk=pk)
        return view(request, inspection, *args, **kwargs)

    return wrapped


def inspection_lead_required(view):
    @wraps(view)
    def wrapped(request, pk: int, *args, **kwargs):
        inspection = inspection_for_user(user=request.user, pk=pk)
        if not inspection.is_lead(request.user):
            raise PermissionDenied("Only the inspection's lead can do this.")
        return view(request, inspection, *args, **kwargs)

    return wrapped
