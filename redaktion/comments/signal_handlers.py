"""
Keep cached pages and counts in step with comments, whoever changes them: the
services, the admin's edit and delete views, or the WordPress importer, which
creates rows directly.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from redaktion.comments.models import ClosedArticle, Comment
from redaktion.comments.services import comment_count_forget
from redaktion.pagecache import tags
from redaktion.pagecache.tags import invalidate


def thread_changed(article_id):
    invalidate(f"comments:{article_id}")
    transaction.on_commit(lambda: comment_count_forget(article_id))


@receiver(post_save, sender=Comment)
@receiver(post_delete, sender=Comment)
def on_comment_change(sender, instance, **kwargs):
    # Pending and spam comments change nothing a reader sees: a spam wave must
    # not empty the page cache.
    if instance.is_public:
        thread_changed(instance.article_id)


@receiver(post_save, sender=ClosedArticle)
@receiver(post_delete, sender=ClosedArticle)
def on_closed_change(sender, instance, **kwargs):
    # The form appears or disappears on the article page only.
    invalidate(tags.page(instance.article_id), f"comments:{instance.article_id}")
