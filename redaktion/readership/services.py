"""
Counting views, keeping them, and showing them.

A view is counted once per visitor, article and window: the visitor is a keyed hash
of address, user agent, language and article, with a secret derived from SECRET_KEY
and the date; only the hash is kept, with its expiry, and nothing goes to the
browser. Views wait up to READERSHIP_BUFFER_SECONDS in their process, go to the
counter store (redaktion.readership.store, shared by all processes) in one batch,
and reach the database in batches by `views_flush`, which „Meistgelesen“, the admin
report, the `readership_flush` command and process exit call. Counts on pages read
the counter store, so they include views not yet in the database.
"""

import atexit
import hashlib
import hmac
import logging
import os
import re
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from redaktion.news.models import ArticlePage
from redaktion.pagecache import live
from redaktion.pagecache.middleware import served
from redaktion.readership.models import (
    HOURLY_KEEP_DAYS,
    ArticleDailyViews,
    ArticleHourlyViews,
    ArticleViews,
    FlushedBatch,
)
from redaktion.readership.store import get_counter

logger = logging.getLogger(__name__)

BOTS_FILE = Path(__file__).with_name("bots.txt")
PREFETCH_HEADERS = ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ")
MOST_READ_COUNT = 5
# „Meistgelesen“ is rebuilt at most this often; counts inside it are live anyway.
MOST_READ_SECONDS = 60


@lru_cache(maxsize=1)
def bot_pattern():
    """One regular expression from bots.txt, read once per process; it matches lower case."""
    parts = []
    for line in BOTS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts.append(line[3:] if line.startswith("re:") else re.escape(line.lower()))
    # Matching lower-cased text without IGNORECASE is ten times faster.
    return re.compile("|".join(parts))


# Browsers send a few thousand distinct user agents a day; remember the answers.
@lru_cache(maxsize=4096)
def is_bot(user_agent):
    return not user_agent.strip() or bot_pattern().search(user_agent.lower()) is not None


def is_countable(request, *, method="GET"):
    """Whether a request is a person reading: ``method`` (GET for pages), no prefetch, no known bot."""
    if request.method != method:
        return False
    if any("prefetch" in request.META.get(h, "").lower() for h in PREFETCH_HEADERS):
        return False
    return not is_bot(request.META.get("HTTP_USER_AGENT", ""))


def client_address(request):
    header = settings.READERSHIP_CLIENT_IP_HEADER
    if header:
        # The last address is the one the nearest (trusted) proxy saw.
        forwarded = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


@lru_cache(maxsize=2)
def daily_secret(day):
    """The key of one day's hashes: derived, never stored, gone with the day."""
    message = f"redaktion.readership:{day.isoformat()}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).digest()


_day = (0, None)  # (minute, local date): the date is asked for on every view


def _today():
    global _day
    minute = int(time.time()) // 60
    if _day[0] != minute:
        _day = (minute, timezone.localdate())
    return _day[1]


def visitor_digest(*, request, article_id, day=None):
    meta = request.META
    message = "\n".join(
        (
            client_address(request),
            meta.get("HTTP_USER_AGENT", ""),
            meta.get("HTTP_ACCEPT_LANGUAGE", ""),
            str(article_id),
        )
    ).encode()
    secret = daily_secret(day or _today())
    return hmac.digest(secret, message, "sha256")[:16]


class ViewBuffer:
    """Views of this process waiting to be written to the counter store.

    Writing one view at a time would cost every page response a store transaction;
    a thread writes what arrived every READERSHIP_BUFFER_SECONDS in one batch, and
    deduplication happens there, atomically, across all processes. A crash loses
    at most that interval of this process's views; at exit the rest is written.
    """

    def __init__(self):
        # A set: the same reader's repeated views of an article within one interval
        # are one row to write (the store would drop the repeats anyway).
        self.views = set()
        self.lock = threading.Lock()
        self.writing = threading.Lock()
        self.owner = None  # the process whose thread drains this buffer

    def add(self, view):
        with self.lock:
            self.views.add(view)
            if self.owner != os.getpid():
                # First view in this process (also after a fork): start its writer.
                self.owner = os.getpid()
                atexit.register(_at_exit)
                threading.Thread(target=self._run, name="readership-buffer", daemon=True).start()

    def drain(self):
        """Write every waiting view to the counter store; return how many were counted."""
        with self.writing:
            with self.lock:
                views, self.views = self.views, set()
            if not views:
                return 0
            try:
                return get_counter().record_many(sorted(views), settings.READERSHIP_WINDOW)
            except Exception:
                with self.lock:
                    self.views |= views  # keep them for the next attempt
                raise

    def _run(self):
        while True:
            time.sleep(settings.READERSHIP_BUFFER_SECONDS or 1)
            try:
                self.drain()
            except Exception:
                logger.exception("views could not be written to the counter store")


buffer = ViewBuffer()


def article_record_view(*, article_id, request, method="GET"):
    """Count a reader's view of an article, unless it is a bot's, a prefetch or a repeat.

    Returns False when the request is not countable. Without buffering
    (READERSHIP_BUFFER_SECONDS = 0) it returns whether the view was new; with
    buffering, True only says the view was queued: repeats are dropped when written.
    """
    if not is_countable(request, method=method):
        return False
    hour = int(time.time()) // 3600 * 3600
    view = (visitor_digest(request=request, article_id=article_id), article_id, hour)
    if settings.READERSHIP_BUFFER_SECONDS:
        buffer.add(view)
        return True
    counted = get_counter().record_many([view], settings.READERSHIP_WINDOW) == 1
    if counted:
        live.changed()
    return counted


def _at_exit():
    try:
        buffer.drain()
        views_flush()
    except Exception as exc:
        # Written views stay in the counter store for the next process to flush.
        logger.info("views not flushed at exit (%s)", exc)


@served
def count_served_view(request, status, meta):
    """Count article pages the page cache serves, hits and misses alike (not with the beacon)."""
    article_id = meta.get("article")
    if settings.READERSHIP_BEACON or not article_id or status != 200:
        return
    article_record_view(article_id=article_id, request=request)


_flush_lock = threading.Lock()


def views_flush():
    """Write pending counts to the database in one batch; return how many views it wrote."""
    buffer.drain()
    counter = get_counter()
    with _flush_lock:
        written = 0
        for batch, rows in counter.leftovers():
            written += _apply(counter, batch, rows)
        batch, rows = counter.take()
        written += _apply(counter, batch, rows)
    return written


def _apply(counter, batch, rows):
    if not rows:
        counter.done(batch, {})
        return 0
    existing = set(
        ArticlePage.objects.filter(pk__in={r[0] for r in rows}).values_list("pk", flat=True)
    )
    hourly, daily, per_article = Counter(), Counter(), Counter()
    for article_id, hour, views in rows:
        if article_id not in existing:
            continue  # deleted since it was read
        when = datetime.fromtimestamp(hour, UTC)
        hourly[(article_id, when)] += views
        daily[(article_id, timezone.localtime(when).date())] += views
        per_article[article_id] += views
    ops = connection.ops
    with transaction.atomic():
        try:
            with transaction.atomic():
                FlushedBatch.objects.create(batch=batch)
        except IntegrityError:
            totals = {}  # another process applied it already
        else:
            _upsert(
                ArticleHourlyViews,
                "hour",
                [(a, ops.adapt_datetimefield_value(h), n) for (a, h), n in hourly.items()],
            )
            _upsert(
                ArticleDailyViews,
                "date",
                [(a, ops.adapt_datefield_value(d), n) for (a, d), n in daily.items()],
            )
            table = ArticleViews._meta.db_table
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {table} (article_id, views, legacy_views) VALUES (%s, %s, 0) "  # noqa: S608 - table name from the model
                    f"ON CONFLICT (article_id) DO UPDATE SET views = {table}.views + excluded.views",
                    list(per_article.items()),
                )
            totals = dict(
                ArticleViews.objects.filter(pk__in=per_article).values_list(
                    "pk", F("views") + F("legacy_views")
                )
            )
            _prune()
    counter.done(batch, totals)
    return sum(per_article.values()) if totals else 0


def _upsert(model, column, rows):
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (article_id, {column}, views) VALUES (%s, %s, %s) "  # noqa: S608 - names from the model
            f"ON CONFLICT (article_id, {column}) DO UPDATE SET views = {table}.views + excluded.views",
            rows,
        )


_last_prune = 0.0


def _prune():
    """Delete hourly rows and batch notes nobody needs any more, at most once an hour."""
    global _last_prune
    if time.time() - _last_prune < 3600:
        return
    _last_prune = time.time()
    cutoff = timezone.now() - timedelta(days=HOURLY_KEEP_DAYS)
    ArticleHourlyViews.objects.filter(hour__lt=cutoff).delete()
    FlushedBatch.objects.filter(flushed_at__lt=cutoff).delete()


_recent = {}  # article id -> (total, window it was read in), this process only


def views_totals(*, article_ids):
    """Return each article's current total: stored, WordPress and not yet flushed views.

    With buffering on, a total read within the current READERSHIP_BUFFER_SECONDS
    window (aligned to the clock, like the page cache's reuse of filled pages) is
    reused: counts are that current anyway, and a busy page then costs no store lookup.
    """
    article_ids = sorted(set(article_ids))
    fresh_for = settings.READERSHIP_BUFFER_SECONDS
    window = int(time.time() // fresh_for) if fresh_for else None
    result = {}
    if fresh_for:
        for article_id in article_ids:
            known = _recent.get(article_id)
            if known and known[1] == window:
                result[article_id] = known[0]
    wanted = [a for a in article_ids if a not in result]
    if not wanted:
        return result
    counter = get_counter()
    stored = counter.totals(wanted)
    missing = [a for a in wanted if a not in stored]
    if missing:
        loaded = dict.fromkeys(missing, 0)
        loaded.update(
            ArticleViews.objects.filter(pk__in=missing).values_list(
                "pk", F("views") + F("legacy_views")
            )
        )
        counter.set_totals(loaded)
        stored.update(loaded)
    pending = counter.pending(wanted)
    for article_id in wanted:
        result[article_id] = stored[article_id] + pending.get(article_id, 0)
        if fresh_for:
            _recent[article_id] = (result[article_id], window)
    if len(_recent) > 20_000:
        _recent.clear()
    return result


def views_forget_totals(*, article_ids):
    """Drop the stored totals of these articles, so the next read takes them from the database."""
    get_counter().forget_totals(list(article_ids))
    for article_id in article_ids:
        _recent.pop(article_id, None)
    live.changed()


def article_set_legacy_views(*, article_id, views):
    """Record the views an old site counted for an article (the WordPress importer calls this)."""
    if views < 0:
        raise ValueError("Legacy views cannot be negative.")
    stats, created = ArticleViews.objects.get_or_create(
        article_id=article_id, defaults={"legacy_views": views}
    )
    if not created and stats.legacy_views != views:
        stats.legacy_views = views
        stats.save(update_fields=["legacy_views"])
    elif created:
        transaction.on_commit(lambda: views_forget_totals(article_ids=[article_id]))
    return stats


def views_label(count):
    """„1.234 Aufrufe“: the count in the active language's number format."""
    number = number_format(count, force_grouping=True)
    return ngettext("%(count)s view", "%(count)s views", count) % {"count": number}


# Every response shows a handful of counts; formatting one the German way costs more
# than looking it up, and the same numbers recur from response to response.
@lru_cache(maxsize=8192)
def views_snippet(count, language):
    with translation.override(language):
        return format_html('<span class="count count--views">{}</span>', views_label(count))


def beacon_script(article_id):
    """The few lines that count a view from the browser, same origin, no cookies."""
    url = reverse("readership:beacon", args=[article_id])
    return format_html('<script>navigator.sendBeacon&&navigator.sendBeacon("{}")</script>', url)


@live.register("views")
def views_count(args, request):
    """Fill every view count on a response from one lookup, so one article shows one number.

    Counts already filled on this response (a fragment may be filled in a second
    pass) are reused, never looked up again.
    """
    known = request.__dict__.setdefault("_readership_views", {})
    wanted = {int(a) for a in args if a.isdigit()} - known.keys()
    if wanted:
        known.update(views_totals(article_ids=wanted))
    own = getattr(request, "page_cache_meta", {}).get("article")
    language = get_language()
    html = {}
    for arg in args:
        if not arg.isdigit():
            continue
        snippet = views_snippet(known[int(arg)], language)
        if settings.READERSHIP_BEACON and own == int(arg):
            snippet += beacon_script(own)
        html[arg] = snippet
    return html


def views_most_read(*, hours, section_id=None, count=MOST_READ_COUNT):
    """Return the published articles read most in the last ``hours``, most read first."""
    start = timezone.now().replace(minute=0, second=0, microsecond=0) - timedelta(hours=hours - 1)
    published = ArticlePage.objects.published()
    if section_id is not None:
        published = published.filter(section_id=section_id)
    ranking = list(
        ArticleHourlyViews.objects.filter(hour__gte=start, article__in=published.values("pk"))
        .values("article")
        .annotate(total=Sum("views"))
        .order_by("-total", "-article")
        .values_list("article", flat=True)[:count]
    )
    articles = ArticlePage.objects.filter(pk__in=ranking).for_listing().in_bulk()
    return [articles[pk] for pk in ranking if pk in articles]


@live.register("mostread", fragment=True)
def most_read_block(args, request):
    """Fill „Meistgelesen“ (``all`` or a section's id), rebuilt at most once a minute."""
    keys = {arg: f"readership:mostread:{arg}" for arg in args if arg == "all" or arg.isdigit()}
    cached = cache.get_many(keys.values())
    blocks = {}
    fresh = {}
    now = time.time()
    for arg, key in keys.items():
        # The age is checked here too: the cache's own expiry runs on another clock (Redis).
        if key in cached and now - cached[key][1] < MOST_READ_SECONDS:
            blocks[arg] = cached[key][0]
            continue
        if not fresh:
            views_flush()  # the lists read the database; bring it up to date first
        section_id = None if arg == "all" else int(arg)
        periods = [
            (_("24 hours"), views_most_read(hours=24, section_id=section_id)),
            (_("7 days"), views_most_read(hours=24 * 7, section_id=section_id)),
        ]
        html = render_to_string(
            "readership/mostread.html", {"periods": periods, "block_id": f"meistgelesen-{arg}"}
        )
        blocks[arg] = html
        fresh[key] = (html, now)
    if fresh:
        cache.set_many(fresh, MOST_READ_SECONDS)
    return blocks
