from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.views.decorators.http import require_GET


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
