"""What a URL that matches no route answers: under /api/ the API's JSON error, elsewhere the site's page."""

from django.http import JsonResponse
from django.views.defaults import page_not_found


def not_found(request, exception):
    if request.path.startswith("/api/"):
        message = "No such API URL: see /api/docs/ for the ones there are."
        return JsonResponse(
            {"status": 404, "code": "not_found", "message": message, "errors": {}}, status=404
        )
    return page_not_found(request, exception)
