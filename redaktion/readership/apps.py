from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadershipConfig(AppConfig):
    name = "redaktion.readership"
    label = "readership"
    verbose_name = _("Readership")

    def ready(self):
        # Registers the live parts ("views", "mostread") and the page cache hook.
        from redaktion.readership import services  # noqa: F401
