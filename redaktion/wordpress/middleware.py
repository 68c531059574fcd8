from django.http import HttpResponsePermanentRedirect
from wagtail.contrib.redirects.middleware import get_redirect
from wagtail.contrib.redirects.models import Redirect

from redaktion.wordpress.redirects import QUERY_KEYS

_FRONT_PATHS = ("/", "/index.php")


class LegacyQueryRedirectMiddleware:
    """
    Answer WordPress's ``/?p=123`` style links with a 301 to the imported page.

    Wagtail's RedirectMiddleware only looks at 404 responses, and ``/`` is the home
    page, so these never reach it. The redirect rows are the ones the importer wrote.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and request.path in _FRONT_PATHS and request.GET:
            for key in QUERY_KEYS:
                value = request.GET.get(key)
                if value:
                    redirect = get_redirect(request, Redirect.normalise_path(f"/?{key}={value}"))
                    if redirect is not None and redirect.link:
                        return HttpResponsePermanentRedirect(redirect.link)
                    break
        return self.get_response(request)
