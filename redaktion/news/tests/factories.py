"""Small builders for tests: a home page, sections, authors, images and articles."""

import io
from datetime import timedelta

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.models import Page, Site

from redaktion.images.models import CreditedImage
from redaktion.news.models import ArticleAuthor, ArticlePage, Author, HomePage, SectionPage


def make_image(
    *, credit="Foto: Anna Berg", title="Testbild", colour=(40, 90, 160), size=(320, 180)
):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "JPEG")
    image = CreditedImage(
        title=title, credit=credit, description=title, file=ImageFile(buffer, name="test.jpg")
    )
    image.save()
    return image


def make_home(*, title="Testzeitung"):
    home = HomePage.objects.first()
    if home:
        return home
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title=title, slug="start"))
    home.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    old = site.root_page_id
    site.root_page = home
    site.hostname = "testserver"
    site.site_name = title
    site.save()
    Page.objects.filter(pk=old).exclude(pk=home.pk).delete()
    return home


def make_section(home=None, *, title="Politik", colour="#b3261e", description=""):
    home = home or make_home()
    section = SectionPage(title=title, colour=colour, description=description)
    home.add_child(instance=section)
    section.save_revision().publish()
    return section


def make_author(*, name="Anna Berg", **fields):
    return Author.objects.create(name=name, **fields)


def make_article(
    section=None,
    *,
    title="Ein Artikel",
    teaser="Ein kurzer Vorspann.",
    body=None,
    authors=(),
    tags=(),
    lead_image=None,
    published_at=None,
    live=True,
    **fields,
):
    """Create an article below ``section``; ``published_at`` may lie in the future or past."""
    section = section or SectionPage.objects.first() or make_section()
    article = ArticlePage(
        title=title,
        teaser=teaser,
        body=body
        if body is not None
        else [{"type": "paragraph", "value": "<p>Text des Artikels.</p>"}],
        lead_image=lead_image,
        **fields,
    )
    article.tags.add(*tags)
    article.article_authors = [
        ArticleAuthor(author=a, sort_order=i) for i, a in enumerate(authors)
    ]
    section.add_child(instance=article)
    revision = article.save_revision()
    if live:
        revision.publish()
        when = published_at or timezone.now() - timedelta(minutes=5)
        ArticlePage.objects.filter(pk=article.pk).update(
            first_published_at=when, last_published_at=when
        )
        article.refresh_from_db()
    else:
        ArticlePage.objects.filter(pk=article.pk).update(live=False)
        article.refresh_from_db()
    return article
