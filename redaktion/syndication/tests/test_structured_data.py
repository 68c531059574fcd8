"""JSON-LD, Open Graph, canonical URLs and robots rules, read from the rendered pages."""

import json
import re
from datetime import datetime
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from redaktion.news.models import ArticlePage
from redaktion.news.tests.factories import make_article, make_image

pytestmark = pytest.mark.django_db

ISO_8601 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")
# Google's article structured data: the properties it reads, and what each must be.
GOOGLE_ARTICLE = {"headline", "image", "datePublished", "dateModified", "author", "publisher"}
SCHEMA_ORG_TYPES = {
    "NewsArticle",
    "BreadcrumbList",
    "ListItem",
    "WebSite",
    "SearchAction",
    "EntryPoint",
    "ProfilePage",
    "Person",
    "NewsMediaOrganization",
    "ImageObject",
    "WebPage",
}


class Head(HTMLParser):
    """Collect JSON-LD blocks, <meta> and <link> elements of a page."""

    def __init__(self, html):
        super().__init__()
        self.json_ld, self.meta, self.links, self.titles = [], {}, [], []
        self._in_json = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json = True
        elif tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta.setdefault(key, []).append(attrs.get("content"))
        elif tag == "link":
            self.links.append(attrs)

    def handle_endtag(self, tag):
        self._in_json = False

    def handle_data(self, data):
        if self._in_json:
            self.json_ld.append(json.loads(data))

    def of_type(self, kind):
        found = [block for block in self.json_ld if block["@type"] == kind]
        assert len(found) == 1, (kind, self.json_ld)
        return found[0]

    def one(self, key):
        values = self.meta.get(key, [])
        assert len(values) == 1, (key, values)
        return values[0]

    def canonical(self):
        (link,) = [link for link in self.links if link.get("rel") == "canonical"]
        return link["href"]


def head(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return Head(response.content.decode())


def types_in(data):
    """Every @type used anywhere in a JSON-LD tree."""
    if isinstance(data, dict):
        return {data.get("@type")} - {None} | set().union(*(types_in(v) for v in data.values()))
    if isinstance(data, list):
        return set().union(*(types_in(v) for v in data)) if data else set()
    return set()


def assert_image_object(image):
    assert image["@type"] == "ImageObject"
    assert image["url"].startswith("http://testserver/")
    assert isinstance(image["width"], int) and image["width"] > 0
    assert isinstance(image["height"], int) and image["height"] > 0


def test_article_has_news_article_markup(reader, newsroom):
    """The article page carries a NewsArticle with everything Google reads for articles."""
    lead = newsroom["lead"]
    page = head(reader, lead.url)
    article = page.of_type("NewsArticle")
    assert article["@context"] == "https://schema.org"
    assert GOOGLE_ARTICLE <= set(article)
    assert types_in(article) <= SCHEMA_ORG_TYPES
    assert article["headline"] == lead.title and len(article["headline"]) <= 110
    assert article["url"] == article["mainEntityOfPage"]["@id"] == f"http://testserver{lead.url}"
    assert len(article["image"]) == 3
    for image in article["image"]:
        assert_image_object(image)
    # 16:9, 4:3 and 1:1 from a 1600 × 900 original.
    # Wagtail never upscales, so the square is as large as the original's height allows.
    assert [(i["width"], i["height"]) for i in article["image"]] == [
        (1200, 675),
        (1200, 900),
        (900, 900),
    ]
    for key in ("datePublished", "dateModified"):
        assert ISO_8601.match(article[key]), article[key]
    assert datetime.fromisoformat(article["datePublished"]) == lead.first_published_at.replace(
        microsecond=0
    )
    assert article["author"] == [
        {"@type": "Person", "name": "Anna Berg", "url": "http://testserver/autoren/anna-berg/"},
        {
            "@type": "Person",
            "name": "Jan Özdemir",
            "url": "http://testserver/autoren/jan-oezdemir/",
        },
    ]
    publisher = article["publisher"]
    assert publisher["@type"] == "NewsMediaOrganization"
    assert publisher["name"] == "Testzeitung" and publisher["url"] == "http://testserver/"
    assert_image_object(publisher["logo"])
    assert (
        reader.get(publisher["logo"]["url"].removeprefix("http://testserver")).status_code == 200
    )
    assert article["articleSection"] == "Politik"
    assert article["keywords"] == ["Bundestag", "Haushalt"]
    assert article["isAccessibleForFree"] is True
    assert article["inLanguage"] == "de"
    assert article["description"] == lead.teaser


def test_article_breadcrumbs(reader, newsroom):
    """Article pages carry a BreadcrumbList: home, section, article."""
    lead = newsroom["lead"]
    crumbs = head(reader, lead.url).of_type("BreadcrumbList")["itemListElement"]
    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, "Testzeitung", "http://testserver/"),
        (2, "Politik", "http://testserver/politik/"),
        (3, lead.title, f"http://testserver{lead.url}"),
    ]
    assert {c["@type"] for c in crumbs} == {"ListItem"}


def test_article_open_graph_and_meta(reader, newsroom):
    """Open Graph, Twitter card, canonical URL, robots and description from the teaser."""
    lead = newsroom["lead"]
    page = head(reader, lead.url)
    url = f"http://testserver{lead.url}"
    assert page.canonical() == url
    assert page.one("robots") == "index, follow, max-image-preview:large"
    assert page.one("og:type") == "article"
    assert page.one("og:url") == url
    assert page.one("og:title") == lead.title
    assert page.one("og:site_name") == "Testzeitung"
    assert page.one("og:locale") == "de_DE"
    assert page.one("og:description") == lead.teaser
    assert page.one("description") == lead.teaser
    assert page.one("og:image").startswith("http://testserver/media/")
    assert int(page.one("og:image:width")) >= 1200
    assert page.one("twitter:card") == "summary_large_image"
    assert page.one("article:section") == "Politik"
    assert page.meta["article:tag"] == ["Bundestag", "Haushalt"]
    assert ISO_8601.match(page.one("article:published_time"))


def test_editor_description_wins_over_the_teaser(reader, newsroom):
    """When an editor sets Wagtail's search description, pages and markup use it."""
    lead = ArticlePage.objects.get(pk=newsroom["lead"].pk)
    lead.search_description = "Eigene Beschreibung für Suchmaschinen."
    lead.save_revision().publish()
    page = head(reader, lead.url)
    assert page.one("description") == "Eigene Beschreibung für Suchmaschinen."
    assert page.one("og:description") == "Eigene Beschreibung für Suchmaschinen."
    assert page.of_type("NewsArticle")["description"] == "Eigene Beschreibung für Suchmaschinen."


def test_json_is_escaped_inside_the_script_element(reader, newsroom):
    """A title with </script> cannot end the JSON-LD block early or inject markup."""
    article = make_article(
        newsroom["politik"], title="Böse </script><script>alert(1)</script> & Co"
    )
    html = reader.get(article.url).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert blocks and all(
        "<" not in block and "&" not in block.replace("\\u0026", "") for block in blocks
    )
    assert "<script>alert(1)" not in html
    news = next(json.loads(b) for b in blocks if json.loads(b)["@type"] == "NewsArticle")
    assert news["headline"] == "Böse </script><script>alert(1)</script> & Co"


def test_home_has_website_with_search_action(reader, newsroom):
    """The home page declares the WebSite and how to search it."""
    page = head(reader, "/")
    website = page.of_type("WebSite")
    assert website["url"] == "http://testserver/" and website["name"] == "Testzeitung"
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["@type"] == "EntryPoint"
    assert action["target"]["urlTemplate"] == "http://testserver/suche/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"
    assert types_in(website) <= SCHEMA_ORG_TYPES
    assert page.canonical() == "http://testserver/"
    assert page.one("og:type") == "website"


def test_author_page_is_a_profile_page(reader, newsroom):
    """Author pages carry ProfilePage with the Person, their role, bio and photo."""
    anna = newsroom["anna"]
    anna.photo = make_image(title="Anna Berg", size=(600, 600))
    anna.save()
    page = head(reader, "/autoren/anna-berg/")
    profile = page.of_type("ProfilePage")
    person = profile["mainEntity"]
    assert person["@type"] == "Person"
    assert person["name"] == "Anna Berg"
    assert person["url"] == profile["url"] == "http://testserver/autoren/anna-berg/"
    assert person["jobTitle"] == "Leiterin Politik"
    assert person["description"] == "Schreibt über Berlin."
    assert_image_object(person["image"])
    assert page.one("og:type") == "profile"
    assert page.one("og:image") == person["image"]["url"]
    assert page.canonical() == "http://testserver/autoren/anna-berg/"


def test_listing_pages_have_canonical_urls_with_page_numbers(reader, newsroom):
    """Section and topic fronts are canonical to themselves, keeping a real page number only."""
    for number in range(12):  # enough for a second page
        make_article(newsroom["politik"], title=f"Weitere Meldung {number}")
    assert head(reader, "/politik/").canonical() == "http://testserver/politik/"
    assert (
        head(reader, "/politik/?seite=2&utm_source=x").canonical()
        == "http://testserver/politik/?seite=2"
    )
    assert head(reader, "/politik/?seite=1").canonical() == "http://testserver/politik/"
    assert (
        head(reader, "/themen/haushalt/?seite=<x>").canonical()
        == "http://testserver/themen/haushalt/"
    )
    crumbs = head(reader, "/politik/").of_type("BreadcrumbList")["itemListElement"]
    assert [c["item"] for c in crumbs] == ["http://testserver/", "http://testserver/politik/"]


def test_previews_are_not_indexed(newsroom, rf):
    """A Wagtail preview says noindex and claims no canonical URL."""
    lead = ArticlePage.objects.get(pk=newsroom["lead"].pk)
    response = lead.make_preview_request()
    page = Head(response.content.decode())
    assert page.one("robots") == "noindex, nofollow"
    assert not [link for link in page.links if link.get("rel") == "canonical"]


def test_error_pages_claim_nothing(reader, newsroom):
    """A 404 keeps its own noindex and gets no canonical URL or article markup."""
    page = head(reader, "/gibtsnicht/", status=404)
    assert page.one("robots") == "noindex"
    assert not page.json_ld
    assert not [link for link in page.links if link.get("rel") == "canonical"]


def test_pages_load_nothing_from_other_hosts(reader, newsroom):
    """All the new head markup points to this site only."""
    for url in [
        "/",
        "/politik/",
        newsroom["lead"].url,
        "/autoren/anna-berg/",
        "/themen/haushalt/",
    ]:
        page = head(reader, url)
        for link in page.links:
            assert link["href"].startswith(("/", "http://testserver/")), link
        for values in page.meta.values():
            for value in values:
                if value and value.startswith("http"):
                    assert value.startswith("http://testserver/"), value


def test_head_markup_adds_no_queries(reader, newsroom, settings):
    """The structured data reuses what the page loads anyway: the article page needs no extra query."""
    url = newsroom["lead"].url
    reader.get(url)
    with CaptureQueriesContext(connection) as with_markup:
        reader.get(url)
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [str(_empty_seo_dir(settings))]},
    ]
    reader.get(url)
    with CaptureQueriesContext(connection) as without_markup:
        response = reader.get(url)
    assert b"application/ld+json" not in response.content
    assert len(with_markup) == len(without_markup)


def _empty_seo_dir(settings):
    """A template folder whose seo.html is empty, to render pages without the head markup."""
    folder = settings.DATA_DIR / "test-no-seo"
    (folder / "syndication" / "includes").mkdir(parents=True, exist_ok=True)
    (folder / "syndication" / "includes" / "seo.html").write_text("")
    return folder
