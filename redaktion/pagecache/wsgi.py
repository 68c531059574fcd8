"""
The WSGI entry point with the page cache in front of Django's handler.

A cache hit is answered here without Django's request cycle (signals, URL
resolution, the rest of the middleware, even Django's request object): the same
PageCacheMiddleware code decides and delivers the page; everything else goes to
Django unchanged.
"""

from http import HTTPStatus

from django.core.handlers.wsgi import get_path_info, get_script_name
from django.db import close_old_connections
from django.http import HttpRequest

from redaktion.pagecache.middleware import LOOKED_UP, PageCacheMiddleware

REASONS = {status.value: f"{status.value} {status.phrase}" for status in HTTPStatus}


class HitRequest(HttpRequest):
    """What the cache's hit path needs of a request: META, method, path, host.

    Django's WSGIRequest also parses content types and wraps the input stream; a
    GET the cache answers needs none of it. Live-part resolvers and served hooks
    receive this object on hits, so they may only rely on these attributes.
    """

    def __init__(self, environ):
        script_name = get_script_name(environ)
        path_info = get_path_info(environ) or "/"
        self.META = environ
        self.path_info = path_info
        self.path = "{}/{}".format(script_name.rstrip("/"), path_info.replace("/", "", 1))
        self.method = environ["REQUEST_METHOD"].upper()

    def _get_scheme(self):
        return self.META.get("wsgi.url_scheme", "http")


class CachedPagesApplication:
    def __init__(self, django_application):
        self.django_application = django_application
        self.pagecache = PageCacheMiddleware(get_response=None)

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            request = HitRequest(environ)
            key = self.pagecache.cache_key(request)
            if key is not None:
                delivery = self.pagecache.serve(key, request)
                if delivery is not None:
                    if getattr(request, "live_parts_filled", False):
                        # Live parts may have used the database, as a request would.
                        close_old_connections()
                    start_response(REASONS[delivery.status], delivery.headers)
                    if delivery.status == 304 or request.method == "HEAD":
                        return []
                    return [delivery.body]
                # The middleware inside Django need not look the same key up again.
                environ[LOOKED_UP] = True
        return self.django_application(environ, start_response)
