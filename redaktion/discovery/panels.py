from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import InlinePanel, ObjectList


def related_articles_tab():
    """The article editor's „Related articles“ tab: pin or exclude related articles."""
    return ObjectList(
        [
            InlinePanel(
                "related_overrides",
                label=_("Related article rule"),
                help_text=_(
                    "Related articles are chosen by content. Pin an article to show it first, "
                    "or exclude one that should never appear. Takes effect when you publish."
                ),
            )
        ],
        heading=_("Related articles"),
    )
