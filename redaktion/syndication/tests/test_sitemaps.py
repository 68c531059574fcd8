"""Sitemaps, the Google News sitemap and robots.txt, validated against their XML schemas."""

from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import etree
from wagtail.models import PageViewRestriction

from redaktion.news.tests.factories import make_article
from redaktion.syndication.sitemaps import ArticleSitemap

pytestmark = pytest.mark.django_db

SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "schemas" / "sitemap.xsd")))
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def valid_xml(client, url):
    """Fetch ``url`` and return its parsed XML after checking it against the XSD."""
    response = client.get(url)
    assert response.status_code == 200, url
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    document = etree.fromstring(response.content, parser)
    assert SCHEMA.validate(document), (url, SCHEMA.error_log.last_error)
    return document


def locations(document):
    return [loc.text for loc in document.iterfind(".//sm:loc", NS)]


def test_schema_rejects_a_broken_news_entry():
    """The schema check is real: a News entry without its title fails validation."""
    broken = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
      xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url>
      <loc>http://testserver/a/</loc><news:news><news:publication><news:name>X</news:name>
      <news:language>de</news:language></news:publication>
      <news:publication_date>2026-01-01T10:00:00+01:00</news:publication_date>
      </news:news></url></urlset>"""
    assert not SCHEMA.validate(etree.fromstring(broken))


def test_index_lists_every_sitemap_with_lastmod(reader, newsroom):
    """The index is valid and points to the page, article, author and topic sitemaps."""
    index = valid_xml(reader, "/sitemap.xml")
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    assert locations(index) == [
        "http://testserver/sitemap-seiten.xml",
        "http://testserver/sitemap-artikel.xml",
        "http://testserver/sitemap-autoren.xml",
        "http://testserver/sitemap-themen.xml",
    ]
    assert len(index.findall(".//sm:lastmod", NS)) == 4
    for url in locations(index):
        valid_xml(reader, url.removeprefix("http://testserver"))


def test_sitemaps_list_published_content_only(reader, newsroom):
    """Drafts, restricted and scheduled articles, and empty authors and topics are left out."""
    lead, review = newsroom["lead"], newsroom["review"]
    make_article(newsroom["politik"], title="Entwurf", live=False, tags=["Geheim"])
    secret = make_article(newsroom["politik"], title="Geschlossen")
    PageViewRestriction.objects.create(page=secret, restriction_type="password", password="x")
    make_article(
        newsroom["politik"],
        title="Später",
        published_at=timezone.now() + timedelta(days=1),
        tags=["Zukunft"],
    )
    articles = valid_xml(reader, "/sitemap-artikel.xml")
    assert sorted(locations(articles)) == sorted(
        [f"http://testserver{lead.url}", f"http://testserver{review.url}"]
    )
    assert all(lastmod.text for lastmod in articles.iterfind(".//sm:lastmod", NS))
    pages = valid_xml(reader, "/sitemap-seiten.xml")
    assert locations(pages) == [
        "http://testserver/",
        "http://testserver/politik/",
        "http://testserver/kultur/",
    ]
    authors = valid_xml(reader, "/sitemap-autoren.xml")
    assert locations(authors) == [
        "http://testserver/autoren/anna-berg/",
        "http://testserver/autoren/jan-oezdemir/",
    ]
    topics = valid_xml(reader, "/sitemap-themen.xml")
    assert locations(topics) == [
        "http://testserver/themen/buehne/",
        "http://testserver/themen/bundestag/",
        "http://testserver/themen/haushalt/",
    ]


def test_article_sitemap_splits_into_pages(reader, newsroom, monkeypatch):
    """Past the limit (50,000 in production) the index lists the article sitemap page by page."""
    monkeypatch.setattr(ArticleSitemap, "limit", 1)
    index = valid_xml(reader, "/sitemap.xml")
    assert "http://testserver/sitemap-artikel.xml?p=2" in locations(index)
    first = locations(valid_xml(reader, "/sitemap-artikel.xml?p=1"))
    second = locations(valid_xml(reader, "/sitemap-artikel.xml?p=2"))
    assert len(first) == len(second) == 1 and first != second
    assert reader.get("/sitemap-artikel.xml?p=3").status_code == 404
    assert reader.get("/sitemap-artikel.xml?p=abc").status_code == 404
    assert reader.get("/sitemap-gibtsnicht.xml").status_code == 404


def test_news_sitemap_holds_exactly_the_last_48_hours(reader, newsroom):
    """The News sitemap lists the articles of the last 48 hours with name, language, date, title."""
    now = timezone.now()
    fresh = make_article(
        newsroom["politik"], title="Vor 47 Stunden", published_at=now - timedelta(hours=47)
    )
    make_article(
        newsroom["politik"], title="Vor 49 Stunden", published_at=now - timedelta(hours=49)
    )
    make_article(newsroom["politik"], title="Morgen", published_at=now + timedelta(hours=20))
    make_article(newsroom["politik"], title="Entwurf", live=False)
    news = valid_xml(reader, "/sitemap-news.xml")
    titles = {t.text for t in news.iterfind(".//news:title", NS)}
    assert titles == {newsroom["lead"].title, newsroom["review"].title, "Vor 47 Stunden"}
    entry = next(
        url
        for url in news.iterfind("sm:url", NS)
        if url.findtext("news:news/news:title", namespaces=NS) == "Vor 47 Stunden"
    )
    assert entry.findtext("sm:loc", namespaces=NS) == f"http://testserver{fresh.url}"
    assert entry.findtext("news:news/news:publication/news:name", namespaces=NS) == "Testzeitung"
    assert entry.findtext("news:news/news:publication/news:language", namespaces=NS) == "de"
    published = entry.findtext("news:news/news:publication_date", namespaces=NS)
    assert (
        published
        == timezone.localtime(fresh.first_published_at).replace(microsecond=0).isoformat()
    )

    # Two hours later the 47-hour-old article has dropped out and „Morgen“ is still ahead.
    with time_machine.travel(now + timedelta(hours=2)):
        titles = {
            t.text for t in valid_xml(reader, "/sitemap-news.xml").iterfind(".//news:title", NS)
        }
        assert titles == {newsroom["lead"].title, newsroom["review"].title}
    with time_machine.travel(now + timedelta(hours=21)):
        titles = {
            t.text for t in valid_xml(reader, "/sitemap-news.xml").iterfind(".//news:title", NS)
        }
        assert titles == {newsroom["lead"].title, newsroom["review"].title, "Morgen"}


def test_scheduled_article_appears_in_no_sitemap_before_its_time(reader, newsroom):
    """A scheduled article is in no sitemap, and its topic not in the topic sitemap, until its time."""
    when = timezone.now() + timedelta(hours=5)
    later = make_article(newsroom["kultur"], title="Premiere", published_at=when, tags=["Oper"])
    urls = ["/sitemap-artikel.xml", "/sitemap-news.xml", "/sitemap-themen.xml"]
    for url in urls:
        body = reader.get(url).content
        assert later.url.encode() not in body and b"Premiere" not in body and b"/oper/" not in body
    with time_machine.travel(when + timedelta(minutes=1)):
        assert later.url.encode() in reader.get("/sitemap-artikel.xml").content
        assert b"Premiere" in reader.get("/sitemap-news.xml").content
        assert b"/themen/oper/" in reader.get("/sitemap-themen.xml").content


def test_sitemaps_are_public_with_last_modified(reader, newsroom):
    """Sitemaps are cacheable by CDNs, not indexed themselves, and answer 304 when unchanged."""
    for url in ["/sitemap.xml", "/sitemap-artikel.xml", "/sitemap-news.xml"]:
        response = reader.get(url)
        assert "public" in response["Cache-Control"] and "s-maxage=" in response["Cache-Control"]
        assert response["X-Robots-Tag"].startswith("noindex")
        assert not response.cookies
        again = reader.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
        assert again.status_code == 304, url
    assert reader.post("/sitemap.xml").status_code == 405


def test_sitemap_queries_do_not_grow(reader, newsroom):
    """Each sitemap needs the same few queries for 2 or 12 articles."""
    budgets = {
        "/sitemap.xml": 24,
        "/sitemap-seiten.xml": 10,
        "/sitemap-artikel.xml": 8,
        "/sitemap-autoren.xml": 8,
        "/sitemap-themen.xml": 8,
        "/sitemap-news.xml": 8,
    }
    counts = {}
    for url in budgets:
        reader.get(url)
        with CaptureQueriesContext(connection) as queries:
            reader.get(url)
        counts[url] = len(queries)
    for i in range(10):
        make_article(
            newsroom["politik"], title=f"Mehr {i}", authors=[newsroom["anna"]], tags=[f"T{i}"]
        )
    for url, count in counts.items():
        with CaptureQueriesContext(connection) as queries:
            reader.get(url)
        assert len(queries) == count <= budgets[url], (url, len(queries))


def test_robots_txt_points_to_both_sitemaps(reader, db):
    """robots.txt names the sitemap index and the News sitemap and keeps crawlers out of search."""
    response = reader.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news.xml" in lines
    assert "Disallow: /admin/" in lines and "Disallow: /suche/" in lines
    assert lines[0] == "User-agent: *"
