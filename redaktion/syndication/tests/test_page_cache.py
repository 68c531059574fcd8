"""Feeds and sitemaps are kept by the page cache and dropped when an article is published."""

import pytest

from redaktion.news.tests.factories import make_article
from redaktion.pagecache.store import get_store

pytestmark = pytest.mark.django_db

PAGE_CACHE = "redaktion.pagecache.middleware.PageCacheMiddleware"


@pytest.fixture
def cached_reader(reader, settings):
    settings.MIDDLEWARE = [PAGE_CACHE, *settings.MIDDLEWARE]
    get_store().clear()
    return reader


@pytest.mark.parametrize(
    "url",
    [
        "/feed/",
        "/feed/atom/",
        "/politik/feed/",
        "/autoren/anna-berg/feed/",
        "/themen/haushalt/feed/",
        "/sitemap.xml",
        "/sitemap-artikel.xml",
        "/sitemap-news.xml",
    ],
)
def test_publishing_drops_cached_feeds_and_sitemaps(
    cached_reader, newsroom, url, django_capture_on_commit_callbacks
):
    """A cached feed or sitemap is served from the cache until a new article in it is published."""
    assert cached_reader.get(url)["X-Cache"] == "MISS"
    assert cached_reader.get(url)["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(
            newsroom["politik"], title="Eilmeldung", authors=[newsroom["anna"]], tags=["Haushalt"]
        )
        article.save_revision().publish()
    response = cached_reader.get(url)
    assert response["X-Cache"] == "MISS"
    if url != "/sitemap.xml":  # the index lists sitemaps, not articles
        assert f"http://testserver{article.url}".encode() in response.content
