"""Connect Wagtail's publish signals to the discovery task; the work itself is in services."""

from functools import partial

from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from redaktion.discovery.services import article_discovery_defer
from redaktion.news.models import ArticlePage


@receiver(page_published)
@receiver(page_unpublished)
def article_changed(sender, instance, **kwargs):
    if isinstance(instance, ArticlePage) and not article_discovery_defer(article_id=instance.pk):
        from redaktion.discovery.tasks import discovery_refresh

        transaction.on_commit(partial(discovery_refresh.enqueue, article_id=instance.pk))
