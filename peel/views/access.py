"""Decorators that load the inspection named in the URL and enforce who may act on it.

Every view under ``/inspections/<pk>/`` takes the inspection as its second argument through one of
these, so the object check cannot be forgotten: outsiders get 404 (the inspection is not disclosed),
team members who try a lead-only action get 403, and an Admin who is not on the team may look but not
write (``inspection_team_required``, which is ``inspection_member_required`` plus that check).
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


def inspection_team_required(view):
    """For writing evidence and drafts: the lead or a team member. An Admin who is neither may look
    (``inspection_member_required``) but gets 403 here."""

    @inspection_member_required
    @wraps(view)
    def wrapped(request, inspection, *args, **kwargs):
        if not inspection.can_contribute(request.user):
            raise PermissionDenied("Only the inspection's team and its lead can do this.")
        return view(request, inspection, *args, **kwargs)

    return wrapped
