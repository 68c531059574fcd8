"""
The WSGI entry point with the page cache in front of Django's handler.

A cache hit is answered here without Django's request cycle (signals, URL
resolution, the rest of the middleware): the same PageCacheMiddleware code
decides and finishes the response; everything else goes to Django unchanged.
"""

from django.core.handlers.wsgi import WSGIRequest
from django.db import close_old_connections
from django.http.response import HttpResponseBase

from redaktion.pagecache.middleware import LOOKED_UP, PageCacheMiddleware


class CachedPagesApplication:
    def __init__(self, django_application):
        self.django_application = django_application
        self.pagecache = PageCacheMiddleware(get_response=None)

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            request = WSGIRequest(environ)
            _key, response = self.pagecache.lookup(request)
            if response is not None:
                # Live parts may have used the database, as a request would.
                close_old_connections()
                response._request_method = request.method
                return self.respond(response, start_response)
            # The middleware inside Django need not look the same key up again.
            environ[LOOKED_UP] = True
        return self.django_application(environ, start_response)

    def respond(self, response: HttpResponseBase, start_response):
        status = f"{response.status_code} {response.reason_phrase}"
        start_response(status, list(response.items()))
        if response.status_code == 304 or response._request_method == "HEAD":
            return []
        return [response.content]
