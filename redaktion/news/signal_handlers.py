from django.dispatch import receiver
from wagtail.signals import post_page_move

from redaktion.news.models import ArticlePage, SectionPage


@receiver(post_page_move)
def keep_article_section(sender, instance, parent_page_after, **kwargs):
    """Wagtail saves a moved page as a plain Page, so the article's section copy is updated here."""
    if issubclass(sender, ArticlePage):
        section = (
            parent_page_after.pk
            if issubclass(parent_page_after.specific_class, SectionPage)
            else None
        )
        ArticlePage.objects.filter(pk=instance.pk).update(section=section)
