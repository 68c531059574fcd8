from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """What editors, not operators, decide about the site."""

    class Address(models.TextChoices):
        FORMAL = "formal", _("Formal („Sie“)")
        INFORMAL = "informal", _("Informal („du“)")

    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    address = models.CharField(
        _("form of address"),
        max_length=10,
        choices=Address.choices,
        default=Address.FORMAL,
        help_text=_("How the site speaks to readers in forms and notices."),
    )

    panels = [FieldPanel("tagline"), FieldPanel("address")]

    class Meta:
        verbose_name = _("site settings")

    def __str__(self):
        return str(self.site)

    @property
    def informal(self):
        return self.address == self.Address.INFORMAL
