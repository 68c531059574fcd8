from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "redaktion.news"
    label = "news"
    verbose_name = _("News")

    def ready(self):
        from redaktion.news import services, signal_handlers  # noqa: F401
