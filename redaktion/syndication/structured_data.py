"""Schema.org JSON-LD for articles, the home page, section fronts and author pages."""

import json

from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

# Same escaping as Django's json_script: nothing in the data can close the <script> element.
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}

LOGO_PATH = "syndication/logo.png"
LOGO_SIZE = 512
# Google asks for images in 16:9, 4:3 and 1:1, at least 1200 pixels wide where possible.
ARTICLE_IMAGE_SPECS = (
    "fill-1200x675|format-jpeg",
    "fill-1200x900|format-jpeg",
    "fill-1200x1200|format-jpeg",
)


def json_ld(data):
    """Return ``data`` as a safe <script type="application/ld+json"> element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


def iso(moment):
    return timezone.localtime(moment).replace(microsecond=0).isoformat() if moment else None


def image_object(rendition, absolute):
    return {
        "@type": "ImageObject",
        "url": absolute(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
    }


def publisher(*, name, absolute):
    return {
        "@type": "NewsMediaOrganization",
        "name": name,
        "url": absolute("/"),
        "logo": {
            "@type": "ImageObject",
            "url": absolute(static(LOGO_PATH)),
            "width": LOGO_SIZE,
            "height": LOGO_SIZE,
        },
    }


def breadcrumbs(trail, absolute):
    """A BreadcrumbList from (name, path) pairs, home first."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": absolute(path)}
            for i, (name, path) in enumerate(trail, start=1)
        ],
    }


def news_article(*, article, url, site_name, renditions, authors, tags, section_path, absolute):
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.title[:110],
        "description": article.search_description or article.teaser,
        "datePublished": iso(article.first_published_at),
        "dateModified": iso(
            max(
                article.first_published_at, article.last_published_at or article.first_published_at
            )
        ),
        "author": [
            {"@type": "Person", "name": author.name, "url": absolute(author.get_absolute_url())}
            for author in authors
        ],
        "publisher": publisher(name=site_name, absolute=absolute),
        "isAccessibleForFree": True,
        "inLanguage": "de",
    }
    if renditions:
        data["image"] = [image_object(r, absolute) for r in renditions]
    if article.section_id and section_path:
        data["articleSection"] = article.section.title
    if tags:
        data["keywords"] = [tag.name for tag in tags]
    if article.kicker:
        data["alternativeHeadline"] = article.kicker
    return data


def website(*, site_name, description, absolute):
    data = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": site_name,
        "url": absolute("/"),
        "inLanguage": "de",
        **({"description": description} if description else {}),
        "publisher": publisher(name=site_name, absolute=absolute),
    }
    try:
        search = reverse("search")
    except NoReverseMatch:
        # Without the search page installed there is nothing to announce.
        return data
    data["potentialAction"] = {
        "@type": "SearchAction",
        "target": {
            "@type": "EntryPoint",
            "urlTemplate": absolute(search) + "?q={search_term_string}",
        },
        "query-input": "required name=search_term_string",
    }
    return data


def profile_page(*, author, url, photo, absolute):
    person = {
        "@type": "Person",
        "name": author.name,
        "url": url,
    }
    if author.role:
        person["jobTitle"] = author.role
    if author.bio:
        person["description"] = author.bio
    if photo is not None:
        person["image"] = image_object(photo, absolute)
    return {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": url,
        "mainEntity": person,
    }
