"""RSS 2.0 and Atom feeds for the whole site, each section, each author and each tag."""

import mimetypes
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Max, Prefetch, QuerySet
from django.db.models.functions import Coalesce, Greatest
from django.http import Http404
from django.http.request import split_domain_port
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import condition
from wagtail.images.models import SourceImageIOError

from redaktion.news.models import ArticleAuthor, ArticlePage, Author, SectionPage, Tag
from redaktion.pagecache import tags as cache_tags

MEDIA_NS = "http://search.yahoo.com/mrss/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
# Rendered body HTML uses site-relative links; feed readers need absolute ones.
_URL_ATTRIBUTE = re.compile(r'(\s(?:href|src|srcset)=")([^"]*)(")')
_RELATIVE_IN_SRCSET = re.compile(r"(^|,\s*)/(?!/)")
# RFC 4151 tag URIs need a date on which the site owned its host name. A fixed date keeps
# the GUID stable when the article's date, slug, title or section change.
TAG_URI_DATE = "2024"


class MediaRssFeed(Rss201rev2Feed):
    """RSS 2.0 with Media RSS (image with credit) and content:encoded for full text."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:media": MEDIA_NS, "xmlns:content": CONTENT_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])
        _add_media(handler, item.get("media"))


class MediaAtomFeed(Atom1Feed):
    """Atom with Media RSS and the full text as <content type="html">."""

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})
        _add_media(handler, item.get("media"))


def _add_media(handler, media):
    if not media:
        return
    handler.startElement(
        "media:content",
        {
            "url": media["url"],
            "type": media["type"],
            "medium": "image",
            "width": str(media["width"]),
            "height": str(media["height"]),
            "fileSize": str(media["length"]),
        },
    )
    if media["credit"]:
        handler.addQuickElement("media:credit", media["credit"])
    if media["caption"]:
        handler.addQuickElement("media:description", media["caption"])
    handler.endElement("media:content")


@dataclass
class FeedScope:
    """What one feed covers: its title, its page on the site and its articles."""

    title: str
    description: str
    link: str
    articles: QuerySet
    request: object = None


def articles_last_modified(articles):
    """Return when the newest of ``articles`` appeared or changed, or None."""
    return articles.aggregate(
        latest=Max(
            Greatest("first_published_at", Coalesce("last_published_at", "first_published_at"))
        )
    )["latest"]


def article_guid(article, request):
    """A tag URI from the host and the page id: it survives new slugs, titles and moves."""
    host, _port = split_domain_port(request.get_host())
    return f"tag:{host},{TAG_URI_DATE}:article:{article.pk}"


def lead_image_media(image, *, caption="", request):
    """Describe the original lead image for an enclosure; its size is stored, so no file I/O."""
    if image is None:
        return None
    try:
        length = image.file_size or image.get_file_size()
    except SourceImageIOError:
        # A lost original must not take the whole feed down; the item goes without image.
        return None
    return {
        "url": request.build_absolute_uri(image.file.url),
        "type": mimetypes.guess_type(image.file.name)[0] or "image/jpeg",
        "length": length,
        "width": image.width,
        "height": image.height,
        "credit": image.credit,
        "caption": caption or image.title,
    }


class ArticleFeed(Feed):
    """The site's newest articles; subclasses narrow the scope."""

    feed_type = MediaRssFeed

    def scope(self, request, **kwargs):
        cache_tags.depends_on(cache_tags.LIST_ALL)
        return FeedScope(
            title=_("%(site)s: latest articles") % {"site": site_name(request)},
            description=_("The newest articles of %(site)s.") % {"site": site_name(request)},
            link="/",
            articles=ArticlePage.objects.published(),
        )

    def __call__(self, request, *args, **kwargs):
        def render(request, *args, **kwargs):
            response = super(ArticleFeed, self).__call__(request, *args, **kwargs)
            # Django dates the feed by its newest listed item; the scope's newest change
            # (set by condition()) also covers edits to articles further down.
            response.headers.pop("Last-Modified", None)
            return response

        response = condition(last_modified_func=self.last_modified)(render)(
            request, *args, **kwargs
        )
        if response.status_code in (200, 304):
            patch_cache_control(
                response,
                public=True,
                max_age=settings.REDAKTION_SYNDICATION_MAX_AGE,
                s_maxage=settings.REDAKTION_SYNDICATION_MAX_AGE,
            )
        return response

    def last_modified(self, request, **kwargs):
        return articles_last_modified(self.scope(request, **kwargs).articles)

    def get_object(self, request, **kwargs):
        scope = self.scope(request, **kwargs)
        scope.request = request
        return scope

    def title(self, obj):
        return str(obj.title)

    def description(self, obj):
        return str(obj.description)

    def subtitle(self, obj):
        return str(obj.description)

    def link(self, obj):
        return obj.link

    def feed_url(self, obj):
        return obj.request.path

    def items(self, obj):
        articles = list(
            obj.articles.for_listing().prefetch_related(
                Prefetch(
                    "article_authors",
                    queryset=ArticleAuthor.objects.select_related("author").order_by("sort_order"),
                ),
                "tags",
            )[: settings.REDAKTION_FEED_ITEMS]
        )
        for article in articles:
            # Feed methods get the item only, so the request travels with it.
            article.feed_request = obj.request
            # The page cache drops this feed when an article or its lead image changes.
            cache_tags.depends_on(cache_tags.page(article.pk))
            if article.lead_image_id:
                cache_tags.depends_on(cache_tags.image(article.lead_image_id))
        return articles

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.search_description or item.teaser

    def item_link(self, item):
        return item.get_url(request=item.feed_request)

    def item_guid(self, item):
        return article_guid(item, item.feed_request)

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return max(item.first_published_at, item.last_published_at or item.first_published_at)

    def item_author_name(self, item):
        names = [byline.author.name for byline in item.article_authors.all()]
        return ", ".join(names) or None

    def item_author_link(self, item):
        bylines = list(item.article_authors.all())
        if len(bylines) == 1:
            return item.feed_request.build_absolute_uri(bylines[0].author.get_absolute_url())
        return None

    def item_categories(self, item):
        section = [item.section.title] if item.section else []
        return section + [tag.name for tag in item.tags.all()]

    def item_enclosures(self, item):
        media = lead_image_media(item.lead_image, request=item.feed_request)
        if not media:
            return []
        return [Enclosure(url=media["url"], length=str(media["length"]), mime_type=media["type"])]

    def item_extra_kwargs(self, item):
        extra = {
            "media": lead_image_media(
                item.lead_image, caption=item.lead_image_caption, request=item.feed_request
            )
        }
        if settings.REDAKTION_FEED_FULL_TEXT:
            extra["content_html"] = article_full_html(item, item.feed_request)
        return extra


class SectionFeed(ArticleFeed):
    def scope(self, request, *, section):
        page = SectionPage.objects.live().public().filter(slug=section).order_by("path").first()
        if page is None:
            raise Http404("No such section.")
        cache_tags.depends_on(cache_tags.page(page.pk), cache_tags.section_list(page.pk))
        return FeedScope(
            title=f"{page.title} – {site_name(request)}",
            description=page.description
            or _("The newest articles in %(section)s.") % {"section": page.title},
            link=page.get_url(request=request),
            articles=ArticlePage.objects.published().filter(section=page),
        )


class AuthorFeed(ArticleFeed):
    def scope(self, request, *, slug):
        author = get_object_or_404(Author, slug=slug)
        cache_tags.depends_on(cache_tags.author(author.pk), cache_tags.author_list(author.pk))
        return FeedScope(
            title=f"{author.name} – {site_name(request)}",
            description=_("The newest articles by %(name)s.") % {"name": author.name},
            link=author.get_absolute_url(),
            articles=ArticlePage.objects.published().filter(article_authors__author=author),
        )


class TagFeed(ArticleFeed):
    def scope(self, request, *, slug):
        tag = get_object_or_404(Tag, slug=slug)
        cache_tags.depends_on(cache_tags.tag(tag.pk), cache_tags.tag_list(tag.pk))
        return FeedScope(
            title=f"{tag.name} – {site_name(request)}",
            description=_("The newest articles on %(topic)s.") % {"topic": tag.name},
            link=tag.get_absolute_url(),
            articles=ArticlePage.objects.published().filter(tags=tag),
        )


class AtomMixin:
    feed_type = MediaAtomFeed


class AtomArticleFeed(AtomMixin, ArticleFeed):
    pass


class AtomSectionFeed(AtomMixin, SectionFeed):
    pass


class AtomAuthorFeed(AtomMixin, AuthorFeed):
    pass


class AtomTagFeed(AtomMixin, TagFeed):
    pass


def article_full_html(article, request):
    """Render the article body as feed readers need it: absolute links, no scripts."""
    html = "".join(str(block) for block in article.body)
    base = request.build_absolute_uri("/")[:-1]

    def absolute(match):
        value = _RELATIVE_IN_SRCSET.sub(lambda m: f"{m.group(1)}{base}/", match.group(2))
        return f"{match.group(1)}{value}{match.group(3)}"

    return _URL_ATTRIBUTE.sub(absolute, html)


def site_name(request):
    from wagtail.models import Site

    if settings.SITE_NAME:
        return settings.SITE_NAME
    site = Site.find_for_request(request)
    return (site.site_name if site else "") or "Redaktion"
