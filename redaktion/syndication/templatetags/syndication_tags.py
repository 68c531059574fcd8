"""The page head for search engines, feed readers and link previews: one tag in base.html."""

from django import template
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from redaktion.news.models import ArticlePage, Author, HomePage, SectionPage, Tag
from redaktion.syndication import structured_data as sd
from redaktion.syndication.feeds import site_name as feed_site_name

register = template.Library()

OG_IMAGE_SPEC = sd.ARTICLE_IMAGE_SPECS[0]
AUTHOR_PHOTO_SPEC = "fill-400x400|format-jpeg"


@register.simple_tag(takes_context=True)
def syndication_head(context):
    """Render canonical URL, robots, feed links, Open Graph and JSON-LD for what the page shows."""
    request = context.get("request")
    if request is None or "site_name" not in context:
        # Error pages render without context processors and must not touch the database.
        return ""
    page = context.get("page")
    author = context.get("author")
    tag = context.get("tag")
    absolute = request.build_absolute_uri
    name = str(context["site_name"] or feed_site_name(request))
    head = {
        "site_name": name,
        "feeds": [_site_feeds(name)],
        "noindex": getattr(request, "is_preview", False),
        "og_type": "website",
        "scripts": [],
    }

    if isinstance(page, ArticlePage):
        _article(head, page, request, absolute, name)
    elif isinstance(page, HomePage):
        description = page.search_description or getattr(
            context.get("site_settings"), "tagline", ""
        )
        _describe(head, request, page.get_url(request), page.seo_title or name, description)
        head["scripts"].append(
            sd.website(site_name=name, description=description, absolute=absolute)
        )
    elif isinstance(page, SectionPage):
        path = page.get_url(request)
        _describe(
            head,
            request,
            path,
            page.seo_title or page.title,
            page.search_description or page.description,
        )
        head["feeds"].append(_scope_feeds(page.title, "section_feed", page.slug))
        head["scripts"].append(sd.breadcrumbs([(name, "/"), (page.title, path)], absolute))
    elif page is not None and hasattr(page, "get_url"):
        _describe(
            head,
            request,
            page.get_url(request),
            page.seo_title or page.title,
            page.search_description,
        )
        head["noindex"] = head["noindex"] or not page.live
    elif isinstance(author, Author):
        _author(head, author, request, absolute, name)
    elif isinstance(tag, Tag):
        path = tag.get_absolute_url()
        _describe(head, request, path, tag.name, "")
        head["feeds"].append(_scope_feeds(tag.name, "tag_feed", tag.slug))
        head["scripts"].append(sd.breadcrumbs([(name, "/"), (tag.name, path)], absolute))
    head["scripts"] = [sd.json_ld(data) for data in head["scripts"]]
    return render_to_string("syndication/includes/head.html", head)


def _describe(head, request, path, title, description, image=None):
    head["indexable"] = True
    head["canonical"] = _canonical(request, path)
    head["og_title"] = title
    head["description"] = description
    if image is not None:
        head["og_image"] = image


def _canonical(request, path):
    """The page's own URL, keeping only a real page number of a listing."""
    url = request.build_absolute_uri(path)
    page_number = request.GET.get("seite", "")
    if page_number.isdigit() and int(page_number) > 1:
        url += f"?seite={int(page_number)}"
    return url


def _site_feeds(name):
    return {
        "title": name,
        "rss": reverse("syndication:feed"),
        "atom": reverse("syndication:feed_atom"),
    }


def _scope_feeds(title, url_name, slug):
    return {
        "title": title,
        "rss": reverse(f"syndication:{url_name}", args=[slug]),
        "atom": reverse(f"syndication:{url_name}_atom", args=[slug]),
    }


def _article(head, page, request, absolute, name):
    path = page.get_url(request)
    url = absolute(path)
    renditions = []
    if page.lead_image is not None:
        by_spec = page.lead_image.get_renditions(*sd.ARTICLE_IMAGE_SPECS)
        renditions = [by_spec[spec] for spec in sd.ARTICLE_IMAGE_SPECS]
    authors = page.authors
    # Prefetched so that the article template's own tag list reuses this one query.
    prefetch_related_objects([page], "tags")
    tags = list(page.tags.all())
    section = page.section if page.section_id else None
    section_path = section.get_url(request) if section else None
    og_image = None
    if renditions:
        alt = page.lead_image_caption or page.lead_image.title
        og_image = {"rendition": renditions[0], "url": absolute(renditions[0].url), "alt": alt}
    _describe(
        head,
        request,
        path,
        page.seo_title or page.title,
        page.search_description or page.teaser,
        og_image,
    )
    head["noindex"] = head["noindex"] or not page.live
    head["og_type"] = "article"
    head["article"] = {
        "published": sd.iso(page.first_published_at),
        "modified": sd.iso(
            max(page.first_published_at, page.last_published_at or page.first_published_at)
        )
        if page.first_published_at
        else None,
        "section": section.title if section else "",
        "tags": [tag.name for tag in tags],
        "authors": [absolute(author.get_absolute_url()) for author in authors],
    }
    if section:
        head["feeds"].append(_scope_feeds(section.title, "section_feed", section.slug))
    if page.first_published_at:
        head["scripts"].append(
            sd.news_article(
                article=page,
                url=url,
                site_name=name,
                renditions=renditions,
                authors=authors,
                tags=tags,
                section_path=section_path,
                absolute=absolute,
            )
        )
    trail = [(name, "/")]
    if section:
        trail.append((section.title, section_path))
    trail.append((page.title, path))
    head["scripts"].append(sd.breadcrumbs(trail, absolute))


def _author(head, author, request, absolute, name):
    path = author.get_absolute_url()
    photo = author.photo.get_rendition(AUTHOR_PHOTO_SPEC) if author.photo_id else None
    og_image = (
        {"rendition": photo, "url": absolute(photo.url), "alt": author.name} if photo else None
    )
    _describe(head, request, path, author.name, author.bio, og_image)
    head["og_type"] = "profile"
    head["feeds"].append(_scope_feeds(author.name, "author_feed", author.slug))
    head["scripts"].append(
        sd.profile_page(author=author, url=absolute(path), photo=photo, absolute=absolute)
    )
    head["scripts"].append(
        sd.breadcrumbs(
            [(name, "/"), (_("Authors"), reverse("author_list")), (author.name, path)], absolute
        )
    )
