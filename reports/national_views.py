"""The national view of a programme: for leads and admins (an inspector gets 403)."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from peel.models import Programme
from peel.roles import is_admin, is_lead
from reports.national import national_programmes, national_view


def lead_or_admin_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not (is_lead(request.user) or is_admin(request.user)):
            raise PermissionDenied("The national view is for inspection leads and admins.")
        return view(request, *args, **kwargs)

    return wrapped


@lead_or_admin_required
def programme_list(request):
    return render(request, "reports/national_index.html", {"programmes": national_programmes()})


@lead_or_admin_required
def programme_national(request, slug: str):
    programme = get_object_or_404(Programme, slug=slug)
    return render(request, "reports/national.html", {"view": national_view(programme=programme)})
