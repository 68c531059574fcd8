"""
The page cache, first in the middleware chain.

A hit is answered here, before sessions, URL resolution, views and templates run:
look up the entry, fill the live parts, compress, done. A miss renders normally
while collecting the page's tags, and is stored if the response is public. Every
response leaves with an explicit Cache-Control.

The WSGI entry point (redaktion.pagecache.wsgi) calls the same code with a
lightweight request, so that a hit does not even build Django's request object.
"""

import gzip
import hashlib
import logging
import threading
import time
from collections import OrderedDict
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, HttpResponseNotModified
from django.http.cookie import parse_cookie
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
SERVED_HOOKS = []
# Set in the WSGI environ by redaktion.pagecache.wsgi when it found no entry already.
LOOKED_UP = "redaktion.pagecache.looked_up"
# Headers that belong to one response, not to the stored page.
UNSTORED_HEADERS = {"content-length", "content-encoding", "etag", "x-cache", "vary", "date"}


class Delivery(NamedTuple):
    """A public page as it leaves: status, headers and body for this one request."""

    status: int
    headers: list
    body: bytes

    def as_response(self):
        response = HttpResponseNotModified() if self.status == 304 else HttpResponse(self.body)
        for name, value in self.headers:
            response[name] = value
        return response


class Compressed:
    """Compressed bodies of recent responses, by ETag and encoding.

    Live parts change a page's bytes now and then (a new view count), not on every
    response; between changes every reader gets the same bytes, compressed once.
    """

    def __init__(self, size=256):
        self.size = size
        self.bodies = OrderedDict()
        self.lock = threading.Lock()

    def get(self, etag, encoding, body):
        key = (etag, encoding)
        with self.lock:
            found = self.bodies.get(key)
            if found is not None:
                self.bodies.move_to_end(key)
                return found
        found = compress_bytes(body, encoding)
        with self.lock:
            self.bodies[key] = found
            while len(self.bodies) > self.size:
                self.bodies.popitem(last=False)
        return found


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.private_prefixes = tuple(settings.PAGE_CACHE_PRIVATE_PREFIXES)
        self.media_prefix = settings.MEDIA_URL
        self.public_control = f"public, max-age={settings.PAGE_CACHE_BROWSER_MAX_AGE}, s-maxage={settings.PAGE_CACHE_SHARED_MAX_AGE}"
        self.compressed = Compressed()
        self._hosts = {}

    def __call__(self, request):
        key = self.cache_key(request)
        if key is None:
            return self.finish(request, self.get_response(request), public=False)
        if not request.META.get(LOOKED_UP):
            delivery = self.serve(key, request)
            if delivery is not None:
                return delivery.as_response()
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
        body = response.content
        entry = Entry(
            status=response.status_code,
            headers=[(k, v) for k, v in response.items() if k.lower() not in UNSTORED_HEADERS],
            body=body,
            tags=tuple(sorted(tags)),
            sequence=sequence,
            meta=meta,
            parts=live.split(body) if is_html(response.get("Content-Type", "")) else (body,),
        )
        store.set(key, entry)
        request.page_cache_meta = meta
        delivery = self.deliver(entry, request, cache="MISS")
        if delivery.status == 304:
            return delivery.as_response()
        # The rendered response, with the cached page's body and headers.
        response.content = delivery.body
        for name, value in delivery.headers:
            response[name] = value
        patch_vary_headers(response, ("Accept-Encoding",))
        return response

    def serve(self, key, request):
        """The delivery of the cached page for ``key``, or None when there is none."""
        entry = get_store().get(key)
        if entry is None:
            return None
        request.page_cache_meta = entry.meta
        return self.deliver(entry, request, cache="HIT")

    def deliver(self, entry, request, *, cache):
        """Fill the live parts, then answer with 304, a compressed or the plain page."""
        body, etag = self.fill(entry, request)
        control = self.public_control
        headers = []
        for name, value in entry.headers:
            if name.lower() == "cache-control":
                control = value
            else:
                headers.append((name, value))
        headers += [("Cache-Control", control), ("Vary", "Accept-Encoding"), ("X-Cache", cache)]
        matches = request.META.get("HTTP_IF_NONE_MATCH")
        if matches and etag in matches.replace("-br", "").replace("-gz", ""):
            self.run_hooks(request, 304, entry.meta)
            return Delivery(304, [*headers[-3:], ("ETag", etag), ("Content-Length", "0")], b"")
        encoding = self.encoding(request, body)
        if encoding:
            body = self.compressed.get(etag, encoding, body)
            etag = f'{etag[:-1]}-{ENCODING_SUFFIX[encoding]}"'
            headers.append(("Content-Encoding", encoding))
        headers += [("ETag", etag), ("Content-Length", str(len(body)))]
        self.run_hooks(request, entry.status, entry.meta)
        return Delivery(entry.status, headers, body)

    def fill(self, entry, request):
        """The page's bytes with current live parts, and their ETag.

        Within PAGE_CACHE_LIVE_SECONDS (one second, the resolution of every live
        value: view counts are written once a second, the comment form's stamp has
        seconds) a filled page is reused by this process, unless a live value was
        known to change (live.changed()) or the store's sequence moved, which loads
        a new entry.
        """
        reuse = settings.PAGE_CACHE_LIVE_SECONDS
        if reuse:
            stamp = (int(time.time() // reuse), live.generation())
            known = entry.__dict__.get("filled")
            if known is not None and known[0] == stamp:
                return known[1], known[2]
        pieces, filled = live.fill_parts(entry.parts, request)
        request.live_parts_filled = True
        etag = entry.digest
        if filled:
            etag = hashlib.blake2b(
                b"\0".join(filled), digest_size=12, key=entry.digest.encode()
            ).hexdigest()
        body, etag = b"".join(pieces), f'"{etag}"'
        if reuse:
            entry.filled = (stamp, body, etag)
        return body, etag

    def encoding(self, request, body):
        if len(body) < MIN_COMPRESS_BYTES or request.path.startswith("/admin/"):
            return None
        accepted = request.META.get("HTTP_ACCEPT_ENCODING", "")
        if brotli is not None and "br" in accepted:
            return "br"
        return "gzip" if "gzip" in accepted else None

    def cache_key(self, request):
        """The key for a request a shared cache may answer, or None."""
        if request.method not in ("GET", "HEAD"):
            return None
        if request.path.startswith(self.private_prefixes):
            return None
        if settings.SECURE_SSL_REDIRECT and not request.is_secure():
            return None  # SecurityMiddleware answers with the redirect to HTTPS
        meta = request.META
        if "HTTP_AUTHORIZATION" in meta:
            return None
        cookies = meta.get("HTTP_COOKIE")
        if cookies and settings.SESSION_COOKIE_NAME in parse_cookie(cookies):
            return None
        host = self.host(request)
        if host is None:
            return None
        query = meta.get("QUERY_STRING", "")
        return f"{host}{request.path}?{query}" if query else f"{host}{request.path}"

    def host(self, request):
        """The request's host if ALLOWED_HOSTS allows it, else None; remembered per header."""
        meta = request.META
        seen = (
            meta.get("HTTP_HOST"),
            meta.get("HTTP_X_FORWARDED_HOST"),
            meta.get("SERVER_NAME"),
            meta.get("SERVER_PORT"),
            meta.get("wsgi.url_scheme"),
        )
        try:
            return self._hosts[seen]
        except KeyError:
            pass
        try:
            host = request.get_host()
        except DisallowedHost:
            host = None
        if len(self._hosts) > 100:  # made-up Host headers must not grow memory
            self._hosts.clear()
        self._hosts[seen] = host
        return host

    def is_cacheable(self, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if not response.get("Content-Type", "").startswith(CACHEABLE_TYPES):
            return False
        control = response.get("Cache-Control", "")
        return not any(word in control for word in ("private", "no-store", "no-cache"))

    def finish(self, request, response, *, public):
        """Headers, live parts, ETag and compression for a response the cache does not keep."""
        response = self.prepare(request, response, public=public)
        if not response.streaming:
            response["Content-Length"] = str(len(response.content))
        return response

    def run_hooks(self, request, status, meta):
        for hook in SERVED_HOOKS:
            try:
                hook(request, status, meta)
            except Exception:
                # Counting a view must never cost a reader the page.
                logger.exception("page cache hook %r failed", hook)

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
        if is_html(content_type):
            response.content = live.fill(response.content, request)
        if response.status_code != 200 or not content_type.startswith(COMPRESSIBLE_TYPES):
            return response
        etag = f'"{hashlib.blake2b(response.content, digest_size=12).hexdigest()}"'
        if etag in request.META.get("HTTP_IF_NONE_MATCH", "").replace("-br", "").replace(
            "-gz", ""
        ):
            not_modified = HttpResponseNotModified()
            for name in ("Cache-Control", "Vary"):
                if response.has_header(name):
                    not_modified[name] = response[name]
            not_modified["ETag"] = etag
            return not_modified
        response["ETag"] = etag
        patch_vary_headers(response, ("Accept-Encoding",))
        encoding = self.encoding(request, response.content)
        if encoding:
            response.content = compress_bytes(response.content, encoding)
            response["Content-Encoding"] = encoding
            response["ETag"] = f'{etag[:-1]}-{ENCODING_SUFFIX[encoding]}"'
        return response


ENCODING_SUFFIX = {"br": "br", "gzip": "gz"}


def is_html(content_type):
    return content_type.startswith("text/html")


def served(hook):
    """Decorator: call ``hook(request, status, meta)`` for every public page served, hit or miss."""
    SERVED_HOOKS.append(hook)
    return hook


def compress_bytes(body, encoding):
    """Brotli or gzip; admin pages are never compressed (BREACH), see encoding()."""
    if encoding == "br":
        return brotli.compress(body, quality=5)
    return gzip.compress(body, compresslevel=6, mtime=0)
