"""Which requests count as a view, and that counting keeps nothing personal."""

import sqlite3
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from redaktion.readership.services import is_bot, views_flush, views_totals
from redaktion.readership.store import SQLiteCounter, get_counter

from .conftest import CHROME, FIREFOX, visit

pytestmark = pytest.mark.django_db


def total(article):
    return views_totals(article_ids=[article.pk])[article.pk]


def test_a_view_is_counted_on_a_miss_and_on_a_hit(reader, newsroom):
    """Two readers: one renders the page, the other gets it from the page cache; both count."""
    article = newsroom["article"]
    first = visit(reader, article.url, ip="203.0.113.1")
    second = visit(reader, article.url, ip="203.0.113.2")
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    assert total(article) == 2
    assert total(newsroom["other"]) == 0


def test_reloads_count_once_per_visitor_and_day(reader, newsroom):
    """The same browser reloading counts once; another language or browser is another visitor."""
    article = newsroom["article"]
    for _ in range(5):
        visit(reader, article.url)
    assert total(article) == 1
    visit(reader, article.url, ua=CHROME)
    visit(reader, article.url, language="en-US")
    assert total(article) == 3


def test_the_next_day_counts_again(reader, newsroom):
    """The secret rotates daily, so the same visitor is counted again tomorrow."""
    article = newsroom["article"]
    visit(reader, article.url)
    with time_machine.travel(timezone.now() + timedelta(days=1, hours=1)):
        visit(reader, article.url)
    assert total(article) == 2


def test_a_shorter_window_counts_again_after_it(reader, newsroom, settings, embedded_counter):
    """REDAKTION_VIEW_WINDOW sets how long a visitor's view stays counted."""
    settings.READERSHIP_WINDOW = 1800
    article = newsroom["article"]
    start = timezone.localtime().replace(hour=10, minute=0) + timedelta(days=1)
    with time_machine.travel(start, tick=False):
        visit(reader, article.url)
        visit(reader, article.url)
    with time_machine.travel(start + timedelta(minutes=20), tick=False):
        visit(reader, article.url)
    with time_machine.travel(start + timedelta(minutes=31), tick=False):
        visit(reader, article.url)
    assert total(article) == 2


@pytest.mark.parametrize(
    "ua",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "WhatsApp/2.23.20.0",
        "Mastodon/4.3.0 (http.rb/5.2.0; +https://social.example/)",
        "Mozilla/5.0 (compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36",
        "curl/8.5.0",
        "python-requests/2.32.3",
        "Mozilla/5.0",
        "",
    ],
)
def test_bots_monitors_and_tools_are_not_counted(reader, newsroom, ua):
    article = newsroom["article"]
    assert visit(reader, article.url, ua=ua).status_code == 200
    assert total(article) == 0


def test_browsers_are_not_taken_for_bots():
    for ua in (
        FIREFOX,
        CHROME,
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    ):
        assert not is_bot(ua), ua


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
        {"HTTP_PURPOSE": "prefetch"},
        {"HTTP_X_MOZ": "prefetch"},
    ],
)
def test_prefetches_are_not_counted(reader, newsroom, headers):
    article = newsroom["article"]
    visit(reader, article.url, **headers)
    assert total(article) == 0
    visit(reader, article.url)
    assert total(article) == 1


def test_head_requests_and_listings_are_not_counted(reader, newsroom):
    article = newsroom["article"]
    reader.head(article.url, REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT=FIREFOX)
    visit(reader, "/")
    visit(reader, newsroom["politik"].url)
    assert total(article) == 0


def test_missing_pages_are_not_counted(reader, newsroom):
    assert visit(reader, newsroom["article"].url + "gibt-es-nicht/").status_code == 404
    assert views_flush() == 0


def test_the_admin_preview_never_counts(editor_client, newsroom):
    """Previews live under /admin/, which the page cache (and so the counter) never serves."""
    article = newsroom["article"]
    response = editor_client.get(
        f"/admin/pages/{article.pk}/edit/preview/",
        HTTP_USER_AGENT=FIREFOX,
        REMOTE_ADDR="203.0.113.5",
    )
    assert response.status_code == 200
    visit(editor_client, article.url)  # a logged-in editor is not served by the page cache
    assert total(article) == 0


def test_counting_writes_nothing_to_the_browser(reader, newsroom):
    response = visit(reader, newsroom["article"].url)
    assert not response.cookies
    assert "Set-Cookie" not in response


def test_no_address_or_user_agent_is_stored(reader, newsroom, tmp_path, embedded_counter):
    """The embedded store holds only digests, counts and totals: no address, agent or language."""
    visit(reader, newsroom["article"].url, ip="198.51.100.23", language="de-AT")
    counter = get_counter()
    assert isinstance(counter, SQLiteCounter)
    assert counter.seen_count() == 1
    views_flush()
    raw = (tmp_path / "readership.sqlite3").read_bytes()
    wal = tmp_path / "readership.sqlite3-wal"
    raw += wal.read_bytes() if wal.exists() else b""
    for secret in (b"198.51.100.23", b"Firefox", b"de-AT", settings.SECRET_KEY.encode()):
        assert secret not in raw
    tables = sqlite3.connect(tmp_path / "readership.sqlite3").execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'"
    )
    assert {name for (name,) in tables} == {"seen", "pending", "totals"}


def test_behind_a_proxy_the_forwarded_address_tells_visitors_apart(reader, newsroom, settings):
    settings.READERSHIP_CLIENT_IP_HEADER = "X-Forwarded-For"
    article = newsroom["article"]
    for address in ("198.51.100.1", "198.51.100.2", "198.51.100.2"):
        visit(reader, article.url, ip="10.0.0.1", HTTP_X_FORWARDED_FOR=f"1.2.3.4, {address}")
    assert total(article) == 2


def test_settings_refuse_a_window_longer_than_a_day(monkeypatch):
    import importlib

    from django.core.exceptions import ImproperlyConfigured

    import redaktion.settings as settings_module

    monkeypatch.setenv("REDAKTION_VIEW_WINDOW", "172800")
    with pytest.raises(ImproperlyConfigured, match="longer than a day"):
        importlib.reload(settings_module)
    monkeypatch.delenv("REDAKTION_VIEW_WINDOW")
    importlib.reload(settings_module)
    assert settings_module.READERSHIP_WINDOW == settings.READERSHIP_WINDOW
