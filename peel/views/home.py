from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.http import require_GET

from peel.roles import is_admin
from peel.selectors.inspections import inspection_role_label, inspections_for_home


def home(request):
    """My inspections: those the user is on or leads; every inspection for an admin. Each row shows the
    stage, the progress and the user's part in it."""
    inspections = list(inspections_for_home(user=request.user))
    for inspection in inspections:
        inspection.viewer_role = inspection_role_label(
            inspection=inspection, user=request.user, on_team=inspection.viewer_on_team
        )
    context = {"inspections": inspections, "can_create": is_admin(request.user)}
    return render(request, "peel/home.html", context)


@login_not_required
def health(request):
    """Liveness and database readiness for load balancers and the compose health check."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_not_required
@require_GET
def favicon(request):
    """/favicon.ico, which browsers and bookmarks ask for whatever the page links: the app's icon among
    its static files (resolved per request, so the hashed name of a collected file is used)."""
    return HttpResponsePermanentRedirect(static("peel/favicon.ico"))
