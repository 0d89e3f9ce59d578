from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from peel.selectors.inspections import inspections_visible_to


def home(request):
    """My inspections: those the user is on or leads; every inspection for an admin."""
    inspections = inspections_visible_to(user=request.user)
    return render(request, "peel/home.html", {"inspections": inspections})


@login_not_required
def health(request):
    """Liveness and database readiness for load balancers and the compose health check."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
