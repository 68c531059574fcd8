from django.conf import settings
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from redaktion.core.models import SiteSettings


def site(request):
    """The site's name, its settings and its sections, fetched only if a template asks."""
    from redaktion.news.models import SectionPage

    def site_name():
        if settings.SITE_NAME:
            return settings.SITE_NAME
        current = Site.find_for_request(request)
        return (current.site_name if current else "") or "Redaktion"

    return {
        "site_name": SimpleLazyObject(site_name),
        "site_settings": SimpleLazyObject(lambda: SiteSettings.for_request(request)),
        "nav_sections": SimpleLazyObject(
            lambda: list(SectionPage.objects.live().order_by("path"))
        ),
    }
