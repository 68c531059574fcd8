from django_tasks import task

from redaktion.discovery import services


@task()
def discovery_refresh(article_id):
    """Re-index one article and recompute its related articles, outside the request."""
    services.article_discovery_refresh(article_id=article_id)
