"""The home page: what waits for me across my inspections, then the inspections themselves."""

from django.shortcuts import render

from peel.roles import is_admin
from peel.selectors.inspections import inspection_role_label, inspections_for_home
from worklist.selectors import worklist_for


def home(request):
    """My inspections: those the user is on, leads or signs off; every inspection for an admin. Above them,
    the user's to-do list; each inspection's row shows its stage, progress and the user's part in it."""
    inspections = list(inspections_for_home(user=request.user))
    for inspection in inspections:
        inspection.viewer_role = inspection_role_label(
            inspection=inspection, user=request.user, on_team=inspection.viewer_on_team
        )
    context = {
        "inspections": inspections,
        "worklist": worklist_for(user=request.user, inspections=inspections),
        "can_create": is_admin(request.user),
    }
    return render(request, "worklist/home.html", context)
