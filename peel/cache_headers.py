"""No response of the application is kept by a browser cache or a proxy."""

from django.utils.cache import add_never_cache_headers


class NeverCacheMiddleware:
    """Every page, report, PDF and export is one user's view of restricted data, and a shared browser or
    proxy must not keep it (``Cache-Control: no-store``). Static files are answered by WhiteNoise, before
    this middleware, and keep their long caching; a view that sets its own ``Cache-Control`` keeps it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response
