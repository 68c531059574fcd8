"""
The page cache, first in the middleware chain.

A hit is answered here, before sessions, URL resolution, views and templates run:
look up the entry, check its tags, fill the live parts, compress, done. A miss
renders normally while collecting the page's tags, and is stored if the response
is public. Every response leaves with an explicit Cache-Control.
"""

import gzip
import hashlib
import logging

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers

from redaktion.pagecache import live
from redaktion.pagecache import tags as cache_tags
from redaktion.pagecache.store import Entry, get_store

try:
    import brotli
except ImportError:  # pragma: no cover - brotli is a dependency, but gzip suffices
    brotli = None

logger = logging.getLogger(__name__)

CACHEABLE_TYPES = (
    "text/html",
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
)
COMPRESSIBLE_TYPES = (
    *CACHEABLE_TYPES,
    "application/json",
    "application/ld+json",
    "text/plain",
    "text/css",
)
MIN_COMPRESS_BYTES = 512
# Headers that belong to one response, not to the stored page.
SERVED_HOOKS = []
# Set in the WSGI environ by redaktion.pagecache.wsgi when it found no entry already.
LOOKED_UP = "redaktion.pagecache.looked_up"
UNSTORED_HEADERS = {"content-length", "content-encoding", "etag", "x-cache", "vary", "date"}


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.private_prefixes = tuple(settings.PAGE_CACHE_PRIVATE_PREFIXES)
        self.media_prefix = settings.MEDIA_URL
        self.public_control = f"public, max-age={settings.PAGE_CACHE_BROWSER_MAX_AGE}, s-maxage={settings.PAGE_CACHE_SHARED_MAX_AGE}"

    def __call__(self, request):
        key, response = self.lookup(request)
        if key is None:
            return self.finish(request, self.get_response(request), public=False)
        if response is not None:
            return response
        store = get_store()
        sequence = store.sequence()
        token = cache_tags.start_collecting()
        try:
            response = self.get_response(request)
        finally:
            tags = cache_tags.stop_collecting(token)
        if not self.is_cacheable(response):
            return self.finish(request, response, public=False)
        tags.add(cache_tags.LAYOUT)
        meta = getattr(response, "page_cache_meta", {})
        store.set(
            key,
            Entry(
                status=response.status_code,
                headers=[(k, v) for k, v in response.items() if k.lower() not in UNSTORED_HEADERS],
                body=response.content,
                tags=tuple(sorted(tags)),
                sequence=sequence,
                meta=meta,
            ),
        )
        response["X-Cache"] = "MISS"
        request.page_cache_meta = meta
        return self.finish(request, response, public=True)

    def lookup(self, request):
        """Return the cache key (None if the request is not for the cache) and a finished hit or None."""
        key = self.cache_key(request)
        if key is None or request.META.get(LOOKED_UP):
            return key, None
        entry = get_store().get(key)
        if entry is None:
            return key, None
        response = HttpResponse(entry.body, status=entry.status)
        for name, value in entry.headers:
            response[name] = value
        response["X-Cache"] = "HIT"
        request.page_cache_meta = entry.meta
        return key, self.finish(request, response, public=True)

    def cache_key(self, request):
        """The key for a request a shared cache may answer, or None."""
        if request.method not in ("GET", "HEAD"):
            return None
        if request.path.startswith(self.private_prefixes):
            return None
        if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
            return None
        try:
            host = request.get_host()
        except DisallowedHost:
            return None
        query = request.META.get("QUERY_STRING", "")
        return f"{host}{request.path}?{query}" if query else f"{host}{request.path}"

    def is_cacheable(self, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if not response.get("Content-Type", "").startswith(CACHEABLE_TYPES):
            return False
        control = response.get("Cache-Control", "")
        return not any(word in control for word in ("private", "no-store", "no-cache"))

    def finish(self, request, response, *, public):
        response = self.prepare(request, response, public=public)
        if not response.streaming:
            response["Content-Length"] = str(len(response.content))
        if public:
            meta = getattr(request, "page_cache_meta", {})
            for hook in SERVED_HOOKS:
                try:
                    hook(request, response, meta)
                except Exception:
                    # Counting a view must never cost a reader the page.
                    logger.exception("page cache hook %r failed", hook)
        return response

    def prepare(self, request, response, *, public):
        if public:
            response.setdefault("Cache-Control", self.public_control)
        elif request.path.startswith(self.media_prefix) and response.status_code == 200:
            # Media files never change under their names (renditions get new names).
            response.setdefault("Cache-Control", "public, max-age=604800")
        else:
            response.setdefault("Cache-Control", "private, no-store")
        if response.streaming or response.has_header("Content-Encoding"):
            return response
        content_type = response.get("Content-Type", "")
        if content_type.startswith("text/html"):
            response.content = live.fill(response.content, request)
        if response.status_code != 200 or not content_type.startswith(COMPRESSIBLE_TYPES):
            return response
        etag = f'"{hashlib.blake2b(response.content, digest_size=12).hexdigest()}"'
        if etag in request.META.get("HTTP_IF_NONE_MATCH", "").replace("-br", "").replace(
            "-gz", ""
        ):
            not_modified = HttpResponseNotModified()
            for name in ("Cache-Control", "Vary", "X-Cache"):
                if response.has_header(name):
                    not_modified[name] = response[name]
            not_modified["ETag"] = etag
            return not_modified
        response["ETag"] = etag
        return compress(request, response)


def served(hook):
    """Decorator: call ``hook(request, response, meta)`` for every public page served, hit or miss."""
    SERVED_HOOKS.append(hook)
    return hook


def compress(request, response):
    """Brotli where the client takes it, else gzip; not for admin pages (BREACH)."""
    patch_vary_headers(response, ("Accept-Encoding",))
    if len(response.content) < MIN_COMPRESS_BYTES or request.path.startswith("/admin/"):
        return response
    accepted = request.META.get("HTTP_ACCEPT_ENCODING", "")
    if brotli is not None and "br" in accepted:
        response.content = brotli.compress(response.content, quality=5)
        response["Content-Encoding"] = "br"
        response["ETag"] = response["ETag"][:-1] + '-br"'
    elif "gzip" in accepted:
        response.content = gzip.compress(response.content, compresslevel=6, mtime=0)
        response["Content-Encoding"] = "gzip"
        response["ETag"] = response["ETag"][:-1] + '-gz"'
    return response
