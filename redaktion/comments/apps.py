from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "redaktion.comments"
    label = "comments"
    verbose_name = _("Comments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Live-part resolvers (counts, form stamps) and cache invalidation.
        from redaktion.comments import services, signal_handlers  # noqa: F401
