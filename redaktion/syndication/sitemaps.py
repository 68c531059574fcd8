"""Sitemaps for search engines and the Google News sitemap, on Django's sitemap framework."""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from wagtail.models import Page

from redaktion.news.models import (
    ArticleAuthor,
    ArticlePage,
    Author,
    HomePage,
    SectionPage,
    StandardPage,
    Tag,
)

NEWS_WINDOW = timedelta(hours=48)
# Google reads at most 1,000 URLs from one News sitemap.
NEWS_LIMIT = 1000


def _changed(prefix=""):
    """The moment a page last changed for readers: republished, or its date reached."""
    return Greatest(
        f"{prefix}first_published_at",
        Coalesce(f"{prefix}last_published_at", f"{prefix}first_published_at"),
    )


class PageLocationMixin:
    def location(self, item):
        # Site-relative path; the framework adds scheme and host of the request.
        return item.get_url_parts()[2]


class ArticleSitemap(PageLocationMixin, Sitemap):
    """Every published article; the framework pages through it 50,000 URLs at a time."""

    def items(self):
        return (
            ArticlePage.objects.published()
            .annotate(changed=_changed())
            .only("url_path", "first_published_at", "last_published_at")
            .order_by("first_published_at", "pk")
        )

    def lastmod(self, item):
        return item.changed

    def get_latest_lastmod(self):
        return ArticlePage.objects.published().aggregate(latest=Max(_changed()))["latest"]


class PageSitemap(PageLocationMixin, Sitemap):
    """The home page, the section fronts and standard pages such as the Impressum."""

    page_models = (HomePage, SectionPage, StandardPage)

    def items(self):
        # Plain Page rows are enough for URLs and dates; cached because the index asks twice.
        if not hasattr(self, "_pages"):
            self._pages = list(
                Page.objects.live()
                .public()
                .type(*self.page_models)
                .only("path", "url_path", "last_published_at", "first_published_at")
                .order_by("path")
            )
        return self._pages

    def lastmod(self, item):
        newest_article = self._newest_article_by_parent().get(item.pk)
        candidates = [d for d in (item.last_published_at, newest_article) if d]
        return max(candidates) if candidates else None

    def _newest_article_by_parent(self):
        if not hasattr(self, "_newest_cache"):
            published = ArticlePage.objects.published()
            by_section = dict(
                published.values("section")
                .annotate(latest=Max(_changed()))
                .values_list("section", "latest")
            )
            home = HomePage.objects.values_list("pk", flat=True).first()
            # The home page shows the newest articles of all sections.
            by_section[home] = published.aggregate(latest=Max(_changed()))["latest"]
            self._newest_cache = by_section
        return self._newest_cache

    def get_latest_lastmod(self):
        dates = [d for d in (self.lastmod(page) for page in self.items()) if d]
        return max(dates) if dates else None


class AuthorSitemap(Sitemap):
    """Authors who have at least one published article."""

    def items(self):
        bylines = ArticleAuthor.objects.filter(
            author=OuterRef("pk"), article__in=ArticlePage.objects.published()
        )
        newest = (
            ArticlePage.objects.published()
            .filter(article_authors__author=OuterRef("pk"))
            .annotate(changed=_changed())
            .order_by("-changed")
            .values("changed")[:1]
        )
        return (
            Author.objects.filter(Exists(bylines))
            .annotate(latest=Subquery(newest))
            .order_by("slug")
        )

    def lastmod(self, item):
        return item.latest

    def get_latest_lastmod(self):
        return ArticlePage.objects.published().aggregate(latest=Max(_changed()))["latest"]


class TagSitemap(Sitemap):
    """Topics with at least one published article."""

    def items(self):
        newest = (
            ArticlePage.objects.published()
            .filter(tags=OuterRef("pk"))
            .annotate(changed=_changed())
            .order_by("-changed")
            .values("changed")[:1]
        )
        return (
            Tag.objects.annotate(latest=Subquery(newest))
            .filter(latest__isnull=False)
            .order_by("slug")
        )

    def lastmod(self, item):
        return item.latest

    def get_latest_lastmod(self):
        return ArticlePage.objects.published().aggregate(latest=Max(_changed()))["latest"]


class NewsSitemap(PageLocationMixin, Sitemap):
    """Articles first published in the last 48 hours, for Google News."""

    limit = NEWS_LIMIT

    def __init__(self, *, publication_name=None, language="de"):
        self.publication_name = publication_name
        self.language = language

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return (
            ArticlePage.objects.published()
            .filter(first_published_at__gte=since)
            .annotate(changed=_changed())
            .only("url_path", "title", "first_published_at", "last_published_at")
            .order_by("-first_published_at", "-pk")
        )

    def lastmod(self, item):
        return item.changed

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("changed"))["latest"]

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            url["publication_name"] = self.publication_name
            url["language"] = self.language
            url["publication_date"] = (
                timezone.localtime(url["item"].first_published_at)
                .replace(microsecond=0)
                .isoformat()
            )
        return urls


def sitemap_sections():
    """The sitemaps listed in the index, by the name used in their URL."""
    return {
        "seiten": PageSitemap,
        "artikel": ArticleSitemap,
        "autoren": AuthorSitemap,
        "themen": TagSitemap,
    }
