"""Every feed, sitemap and article page of the demo newsroom passes the checks."""

from datetime import timedelta

import pytest
from django.utils import timezone

from redaktion.demo.services import demo_load
from redaktion.news.models import ArticlePage, Author, SectionPage, Tag
from redaktion.syndication.tests.test_feeds import NS as FEED_NS
from redaktion.syndication.tests.test_feeds import fetch, rfc822, rfc3339
from redaktion.syndication.tests.test_sitemaps import NS as SITEMAP_NS
from redaktion.syndication.tests.test_sitemaps import locations, valid_xml
from redaktion.syndication.tests.test_structured_data import GOOGLE_ARTICLE, head

pytestmark = pytest.mark.django_db


def check_rss(client, url):
    _, rss = fetch(client, url)
    channel = rss.find("channel")
    assert channel.find("atom:link", FEED_NS).get("href") == f"http://testserver{url}"
    guids = []
    for item in channel.findall("item"):
        assert item.findtext("title")
        assert item.findtext("link").startswith("http://testserver/")
        rfc822(item.findtext("pubDate"))
        guids.append(item.findtext("guid"))
        enclosure = item.find("enclosure")
        if enclosure is not None:
            assert enclosure.get("url").startswith("http://testserver/")
            assert int(enclosure.get("length")) > 0
            assert enclosure.get("type").startswith("image/")
            assert item.find("media:content/media:credit", FEED_NS).text
    assert len(guids) == len(set(guids)), url
    return guids


def check_atom(client, url):
    _, feed = fetch(client, url)
    rfc3339(feed.findtext("atom:updated", namespaces=FEED_NS))
    ids = []
    for entry in feed.findall("atom:entry", FEED_NS):
        rfc3339(entry.findtext("atom:published", namespaces=FEED_NS))
        rfc3339(entry.findtext("atom:updated", namespaces=FEED_NS))
        ids.append(entry.findtext("atom:id", namespaces=FEED_NS))
    return ids


def test_demo_newsroom_passes_every_check(reader, settings):
    """Feeds, sitemaps and structured data of „Der Rundblick“ are all valid and consistent."""
    settings.REDAKTION_FEED_FULL_TEXT = True
    now = timezone.now()
    demo_load(now=now)
    published = ArticlePage.objects.published()
    assert published.exists()

    scopes = ["/feed/"]
    scopes += [f"/{s.slug}/feed/" for s in SectionPage.objects.live()]
    scopes += [f"/autoren/{a.slug}/feed/" for a in Author.objects.all()]
    scopes += [f"/themen/{t.slug}/feed/" for t in Tag.objects.all()[:10]]
    for url in scopes:
        assert check_rss(reader, url) == check_atom(reader, f"{url}atom/"), url

    index = valid_xml(reader, "/sitemap.xml")
    listed = []
    for url in locations(index):
        listed += locations(valid_xml(reader, url.removeprefix("http://testserver")))
    article_urls = {f"http://testserver{a.url}" for a in published}
    assert article_urls <= set(listed)
    assert len(listed) == len(set(listed))

    news = valid_xml(reader, "/sitemap-news.xml")
    recent = published.filter(first_published_at__gte=timezone.now() - timedelta(hours=48))
    assert set(locations(news)) == {f"http://testserver{a.url}" for a in recent}
    assert len(news.findall("sm:url", SITEMAP_NS)) == recent.count()

    for article in published:
        page = head(reader, article.url)
        markup = page.of_type("NewsArticle")
        assert GOOGLE_ARTICLE <= set(markup), article.url
        assert markup["author"], article.url
        page.of_type("BreadcrumbList")
        assert page.canonical() == f"http://testserver{article.url}"
    head(reader, "/").of_type("WebSite")
    for author in Author.objects.all():
        head(reader, author.get_absolute_url()).of_type("ProfilePage")
