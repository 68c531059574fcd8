"""Tell the page cache what changed. Wagtail publishes through signals, so listening is the only way in."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from redaktion.core.models import SiteSettings
from redaktion.images.models import CreditedImage
from redaktion.news.models import ArticlePage, Author, Tag
from redaktion.pagecache import tags
from redaktion.pagecache.tags import invalidate


def article_tags(article):
    """Every page that shows the article, and every listing it may newly enter."""
    return [
        tags.page(article.pk),
        tags.LIST_ALL,
        tags.section_list(article.section_id),
        *(tags.author_list(item.author_id) for item in article.article_authors.all()),
        *(tags.tag_list(tag.pk) for tag in article.tags.all()),
    ]


def page_changed(page):
    page = page.specific
    if isinstance(page, ArticlePage):
        invalidate(*article_tags(page))
    else:
        # Sections, home and standard pages appear in the navigation of every page.
        invalidate(tags.page(page.pk), tags.LAYOUT)


@receiver(page_published)
def on_publish(sender, instance, **kwargs):
    page_changed(instance)


@receiver(page_unpublished)
def on_unpublish(sender, instance, **kwargs):
    page_changed(instance)


@receiver(pre_delete)
def on_delete(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.live:
        page_changed(instance)


@receiver(post_page_move)
def on_move(sender, instance, parent_page_before, parent_page_after, **kwargs):
    page_changed(instance)
    invalidate(tags.section_list(parent_page_before.pk), tags.section_list(parent_page_after.pk))


@receiver(post_save, sender=Author)
@receiver(post_delete, sender=Author)
def on_author_change(sender, instance, **kwargs):
    invalidate(tags.author(instance.pk), tags.AUTHOR_LIST)


@receiver(post_save, sender=Tag)
@receiver(post_delete, sender=Tag)
def on_tag_change(sender, instance, **kwargs):
    invalidate(tags.tag(instance.pk))


@receiver(post_save, sender=CreditedImage)
@receiver(post_delete, sender=CreditedImage)
def on_image_change(sender, instance, **kwargs):
    invalidate(tags.image(instance.pk))


@receiver(post_save, sender=SiteSettings)
def on_settings_change(sender, instance, created, **kwargs):
    # Settings are created with their defaults on first use; that changes no page.
    if not created:
        invalidate(tags.LAYOUT)
