from functools import wraps

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition, require_safe
from wagtail.models import Page

from redaktion.news.models import ArticlePage
from redaktion.pagecache import tags as cache_tags
from redaktion.syndication.feeds import articles_last_modified, site_name
from redaktion.syndication.sitemaps import NewsSitemap, sitemap_sections


def public_cache(view):
    """Mark a response as the same for every reader, for browsers and CDNs alike."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code in (200, 304):
            seconds = settings.REDAKTION_SYNDICATION_MAX_AGE
            patch_cache_control(response, public=True, max_age=seconds, s_maxage=seconds)
        return response

    return wrapped


def _site_last_modified(request, *args, **kwargs):
    # Sitemaps list every article, author and topic: any publish may change them.
    cache_tags.depends_on(cache_tags.LIST_ALL, cache_tags.AUTHOR_LIST)
    """The newest change among published articles and the other live pages."""
    pages = (
        Page.objects.live()
        .public()
        .not_type(ArticlePage)
        .aggregate(latest=Max("last_published_at"))
    )["latest"]
    dates = [d for d in (articles_last_modified(ArticlePage.objects.published()), pages) if d]
    return max(dates) if dates else None


def _without_framework_date(view):
    """Drop the sitemap framework's Last-Modified so condition() sets one for all views alike."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.headers.pop("Last-Modified", None)
        return response

    return wrapped


@require_safe
@public_cache
@condition(last_modified_func=_site_last_modified)
@_without_framework_date
def sitemap_index(request):
    return sitemap_views.index(
        request, sitemaps=sitemap_sections(), sitemap_url_name="syndication:sitemap"
    )


@require_safe
@public_cache
@condition(last_modified_func=_site_last_modified)
@_without_framework_date
def sitemap(request, section):
    return sitemap_views.sitemap(request, sitemaps=sitemap_sections(), section=section)


@require_safe
@public_cache
@condition(last_modified_func=_site_last_modified)
@_without_framework_date
def news_sitemap(request):
    news = NewsSitemap(publication_name=site_name(request), language=settings.LANGUAGE_CODE[:2])
    return sitemap_views.sitemap(
        request, sitemaps={"news": news}, template_name="syndication/sitemap_news.xml"
    )


@require_safe
@public_cache
def robots_txt(request):
    """Point crawlers at the sitemaps and keep them out of the admin and the search results."""
    lines = ["User-agent: *", f"Disallow: {reverse('wagtailadmin_home')}"]
    try:
        # Search result pages are endless and thin; crawlers should not wander into them.
        lines.append(f"Disallow: {reverse('search')}")
    except NoReverseMatch:
        pass
    lines += [
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('syndication:sitemap_index'))}",
        f"Sitemap: {request.build_absolute_uri(reverse('syndication:news_sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
