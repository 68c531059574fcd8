from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CreditedImage(AbstractImage):
    """An image whose credit, source and licence travel with it wherever it is shown."""

    credit = models.CharField(
        _("credit"),
        max_length=255,
        help_text=_("Printed under the image wherever it appears, e.g. „Foto: Anna Berg“."),
    )
    source = models.CharField(
        _("source"), max_length=255, blank=True, help_text=_("Agency, photographer or archive.")
    )
    licence = models.CharField(
        _("licence"),
        max_length=255,
        blank=True,
        help_text=_("e.g. „CC BY 4.0“ or „Alle Rechte vorbehalten“."),
    )

    admin_form_fields = (*Image.admin_form_fields, "credit", "source", "licence")

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("choose_image", "Can choose image")]


class CreditedRendition(AbstractRendition):
    image = models.ForeignKey(CreditedImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
