from redaktion.news.models import ArticlePage

MISSED_COUNT = 6


def article_missed(*, article, exclude=(), count=MISSED_COUNT):
    """Return the newest articles for „Verpasst?“, never the article itself or what the page shows elsewhere."""
    shown = {article.pk, *exclude}
    return list(ArticlePage.objects.published().exclude(pk__in=shown).for_listing()[:count])
