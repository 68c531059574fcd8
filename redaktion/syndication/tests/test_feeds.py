"""RSS 2.0 and Atom feeds, parsed strictly and checked field by field."""

import re
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
import time_machine
from defusedxml import ElementTree
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date

from redaktion.news.models import ArticlePage
from redaktion.news.tests.factories import make_article

pytestmark = pytest.mark.django_db

NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "media": "http://search.yahoo.com/mrss/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
RFC822 = re.compile(r"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$")
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
ABSOLUTE = re.compile(r"^http://testserver/")


def fetch(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    return response, ElementTree.fromstring(response.content)


def rss_items(client, url):
    _, rss = fetch(client, url)
    return rss.findall("channel/item")


def rfc822(text):
    assert RFC822.match(text), text
    return parsedate_to_datetime(text)


def rfc3339(text):
    assert RFC3339.match(text), text
    return datetime.fromisoformat(text)


def test_rss_feed_fields(reader, newsroom):
    """The site feed is RSS 2.0 with absolute links, RFC-822 dates, credits and a self link."""
    lead = newsroom["lead"]
    response, rss = fetch(reader, "/feed/")
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    channel = rss.find("channel")
    assert channel.findtext("title") == "Testzeitung: neueste Artikel"
    assert channel.findtext("link") == "http://testserver/"
    assert channel.findtext("description")
    assert channel.findtext("language") == "de"
    self_link = channel.find("atom:link", NS)
    assert self_link.get("rel") == "self"
    assert self_link.get("href") == "http://testserver/feed/"
    rfc822(channel.findtext("lastBuildDate"))

    items = channel.findall("item")
    # Newest first: the review was published a moment after the lead.
    assert [item.findtext("title") for item in items] == ["Theater im Kiez", lead.title]
    item = next(i for i in items if i.findtext("title") == lead.title)
    assert item.findtext("link") == f"http://testserver{lead.url}"
    assert item.findtext("description") == lead.teaser
    assert rfc822(item.findtext("pubDate")) == lead.first_published_at.replace(microsecond=0)
    guid = item.find("guid")
    assert guid.get("isPermaLink") == "false"
    assert guid.text == f"tag:testserver,2024:article:{lead.pk}"
    assert item.findtext("dc:creator", namespaces=NS) == "Anna Berg, Jan Özdemir"
    assert {c.text for c in item.findall("category")} == {"Politik", "Bundestag", "Haushalt"}

    image = newsroom["image"]
    enclosure = item.find("enclosure")
    assert ABSOLUTE.match(enclosure.get("url"))
    assert enclosure.get("url").endswith(image.file.url)
    assert enclosure.get("type") == "image/jpeg"
    assert int(enclosure.get("length")) == image.file.size > 0
    media = item.find("media:content", NS)
    assert media.get("url") == enclosure.get("url")
    assert media.get("medium") == "image"
    assert (media.get("width"), media.get("height")) == ("1600", "900")
    assert media.findtext("media:credit", namespaces=NS) == "Foto: Anna Berg / dpa"
    assert media.findtext("media:description", namespaces=NS) == "Der Reichstag am Morgen"
    # Summary mode is the default: no full text.
    assert item.find("content:encoded", NS) is None


def test_atom_feed_fields(reader, newsroom):
    """The Atom feed has ids, RFC-3339 dates, authors, enclosure links and a self link."""
    lead = newsroom["lead"]
    response, feed = fetch(reader, "/politik/feed/atom/")
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    assert feed.findtext("atom:title", namespaces=NS) == "Politik – Testzeitung"
    assert feed.findtext("atom:subtitle", namespaces=NS) == "Aus Bund und Ländern."
    links = {link.get("rel"): link.get("href") for link in feed.findall("atom:link", NS)}
    assert links == {
        "alternate": "http://testserver/politik/",
        "self": "http://testserver/politik/feed/atom/",
    }
    rfc3339(feed.findtext("atom:updated", namespaces=NS))

    (entry,) = feed.findall("atom:entry", NS)
    assert entry.findtext("atom:title", namespaces=NS) == lead.title
    assert entry.findtext("atom:id", namespaces=NS) == f"tag:testserver,2024:article:{lead.pk}"
    assert rfc3339(entry.findtext("atom:published", namespaces=NS)) == lead.first_published_at
    assert rfc3339(entry.findtext("atom:updated", namespaces=NS)) == lead.last_published_at
    assert [a.findtext("atom:name", namespaces=NS) for a in entry.findall("atom:author", NS)] == [
        "Anna Berg, Jan Özdemir"
    ]
    summary = entry.find("atom:summary", NS)
    assert summary.get("type") == "html" and summary.text == lead.teaser
    entry_links = {link.get("rel"): link for link in entry.findall("atom:link", NS)}
    assert entry_links["alternate"].get("href") == f"http://testserver{lead.url}"
    enclosure = entry_links["enclosure"]
    assert ABSOLUTE.match(enclosure.get("href"))
    assert enclosure.get("type") == "image/jpeg"
    assert int(enclosure.get("length")) == newsroom["image"].file.size
    media = entry.find("media:content", NS)
    assert media.findtext("media:credit", namespaces=NS) == "Foto: Anna Berg / dpa"


def test_guid_survives_a_new_slug_and_title(reader, newsroom):
    """Renaming an article changes its link but not its GUID, so readers see no duplicate."""
    lead = newsroom["lead"]
    before = {i.findtext("guid"): i.findtext("link") for i in rss_items(reader, "/feed/")}
    lead = ArticlePage.objects.get(pk=lead.pk)
    lead.title = "Ganz neuer Titel"
    lead.slug = "ganz-neuer-titel"
    lead.save_revision().publish()
    after = {i.findtext("guid"): i.findtext("link") for i in rss_items(reader, "/feed/")}
    guid = f"tag:testserver,2024:article:{lead.pk}"
    assert set(before) == set(after)
    assert before[guid] != after[guid] == "http://testserver/politik/ganz-neuer-titel/"


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_scoped_feeds_list_only_their_articles(reader, newsroom, kind):
    """Section, author and tag feeds list exactly their own articles, and link to themselves."""
    lead, review = newsroom["lead"], newsroom["review"]
    suffix = "" if kind == "rss" else "atom/"
    expected = {
        "/politik/feed/": {lead.title},
        "/kultur/feed/": {review.title},
        "/autoren/anna-berg/feed/": {lead.title},
        "/autoren/jan-oezdemir/feed/": {lead.title, review.title},
        "/themen/haushalt/feed/": {lead.title},
        "/themen/buehne/feed/": {review.title},
    }
    for base, titles in expected.items():
        url = base + suffix
        _, root = fetch(reader, url)
        if kind == "rss":
            got = {item.findtext("title") for item in root.findall("channel/item")}
            self_href = root.find("channel/atom:link", NS).get("href")
        else:
            got = {e.findtext("atom:title", namespaces=NS) for e in root.findall("atom:entry", NS)}
            self_href = next(
                link.get("href")
                for link in root.findall("atom:link", NS)
                if link.get("rel") == "self"
            )
        assert got == titles, url
        assert self_href == f"http://testserver{url}"


def test_unknown_scopes_answer_404(reader, newsroom):
    """A feed for a section, author or topic that does not exist is a 404, not a 500."""
    for url in ["/gibtsnicht/feed/", "/autoren/niemand/feed/", "/themen/nichts/feed/atom/"]:
        assert reader.get(url).status_code == 404, url


def test_full_text_is_a_setting(reader, newsroom, settings):
    """With REDAKTION_FEED_FULL_TEXT the whole body travels along, with absolute links."""
    make_article(
        newsroom["politik"],
        title="Langtext",
        body=[
            {"type": "paragraph", "value": '<p>Siehe <a href="/politik/">Politik</a>.</p>'},
            {"type": "quote", "value": {"text": "Ein Satz.", "attribution": "Jemand"}},
        ],
    )
    settings.REDAKTION_FEED_FULL_TEXT = True
    item = next(i for i in rss_items(reader, "/feed/") if i.findtext("title") == "Langtext")
    html = item.findtext("content:encoded", namespaces=NS)
    assert '<a href="http://testserver/politik/">Politik</a>' in html
    assert "Ein Satz." in html
    assert item.findtext("description") == "Ein kurzer Vorspann."
    _, atom = fetch(reader, "/feed/atom/")
    entry = next(
        e
        for e in atom.findall("atom:entry", NS)
        if e.findtext("atom:title", namespaces=NS) == "Langtext"
    )
    assert entry.find("atom:content", NS).get("type") == "html"
    assert "http://testserver/politik/" in entry.findtext("atom:content", namespaces=NS)


def test_last_modified_and_not_modified(reader, newsroom):
    """Feeds carry Last-Modified, answer 304 when nothing changed, and 200 after a publish."""
    response = reader.get("/feed/")
    newest = max(newsroom["lead"].last_published_at, newsroom["review"].last_published_at)
    assert response["Last-Modified"] == http_date(newest.timestamp())
    again = reader.get("/feed/", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert again.status_code == 304
    assert again.content == b""
    make_article(newsroom["kultur"], title="Neu", published_at=timezone.now())
    fresh = reader.get("/feed/", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert fresh.status_code == 200
    assert b"<title>Neu</title>" in fresh.content
    # Another section's feed did not change.
    politik = reader.get("/politik/feed/")
    assert (
        reader.get("/politik/feed/", HTTP_IF_MODIFIED_SINCE=politik["Last-Modified"]).status_code
        == 304
    )


def test_feeds_are_public_and_cacheable(reader, newsroom, settings):
    """Feeds are the same for every reader: public, with s-maxage for CDNs, and no cookies."""
    settings.REDAKTION_SYNDICATION_MAX_AGE = 120
    for url in ["/feed/", "/feed/atom/", "/politik/feed/", "/themen/haushalt/feed/atom/"]:
        response = reader.get(url)
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"public", "max-age=120", "s-maxage=120"} <= cache_control, url
        assert not response.cookies


def test_scheduled_and_draft_articles_stay_out_until_their_time(reader, newsroom):
    """A scheduled article is in no feed before its time and in all of its feeds after it."""
    when = timezone.now() + timedelta(hours=3)
    make_article(newsroom["politik"], title="Später", published_at=when, tags=["Haushalt"])
    make_article(newsroom["politik"], title="Entwurf", live=False)
    urls = ["/feed/", "/politik/feed/", "/themen/haushalt/feed/", "/feed/atom/"]
    for url in urls:
        assert b"Sp\xc3\xa4ter" not in reader.get(url).content, url
        assert b"Entwurf" not in reader.get(url).content, url
    with time_machine.travel(when + timedelta(minutes=1)):
        for url in urls:
            assert b"Sp\xc3\xa4ter" in reader.get(url).content, url
            assert b"Entwurf" not in reader.get(url).content, url


def test_feed_queries_do_not_grow_with_the_items(reader, newsroom):
    """A feed needs the same few queries for 2 or 12 articles."""
    reader.get("/feed/")
    with CaptureQueriesContext(connection) as small:
        reader.get("/feed/")
    for i in range(10):
        make_article(
            newsroom["politik"],
            title=f"Mehr {i}",
            lead_image=newsroom["image"],
            authors=[newsroom["anna"]],
            tags=["Mehr"],
        )
    reader.get("/feed/")
    with CaptureQueriesContext(connection) as large:
        response = reader.get("/feed/")
    assert response.content.count(b"<item>") == 12
    assert len(large) == len(small) <= 8


def test_pages_announce_their_feeds(reader, newsroom):
    """Pages carry autodiscovery links to the site feed and to the feed of what they show."""
    expected = {
        "/": ["/feed/"],
        newsroom["politik"].url: ["/feed/", "/politik/feed/"],
        newsroom["lead"].url: ["/feed/", "/politik/feed/"],
        "/autoren/anna-berg/": ["/feed/", "/autoren/anna-berg/feed/"],
        "/themen/haushalt/": ["/feed/", "/themen/haushalt/feed/"],
    }
    for url, feeds in expected.items():
        html = reader.get(url).content.decode()
        found = re.findall(
            r'<link rel="alternate" type="application/rss\+xml" title="[^"]+" href="([^"]+)">',
            html,
        )
        atom = re.findall(
            r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">',
            html,
        )
        assert found == feeds, url
        assert atom == [f"{feed}atom/" for feed in feeds], url
        for href in found + atom:
            assert reader.get(href).status_code == 200, href


def test_a_lost_image_file_does_not_break_the_feed(reader, newsroom):
    """When an original image file is gone, the feed still answers, without that enclosure."""
    image = newsroom["image"]
    type(image).objects.filter(pk=image.pk).update(file_size=None)
    image.file.storage.delete(image.file.name)
    items = rss_items(reader, "/feed/")
    lead = next(i for i in items if i.findtext("title") == newsroom["lead"].title)
    assert lead.find("enclosure") is None
    assert lead.find("media:content", NS) is None
