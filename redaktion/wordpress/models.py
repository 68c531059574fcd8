from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class WordPressItem(models.Model):
    """
    One thing imported from WordPress and what it became here.

    The row is written in the same transaction as the thing itself, so it marks the
    item as done: a second run skips it (same checksum) or updates it (changed), and
    an interrupted run picks up where it stopped.
    """

    class Kind(models.TextChoices):
        POST = "post", _("post")
        PAGE = "page", _("page")
        ATTACHMENT = "attachment", _("attachment")
        CATEGORY = "category", _("category")
        TAG = "tag", _("tag")
        AUTHOR = "author", _("author")
        COMMENT = "comment", _("comment")

    # The old site's host: two blogs merged into one Redaktion keep their IDs apart.
    source = models.CharField(_("old site"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # Post and comment IDs; author logins and term nicenames for the others, because
    # WXR 1.0 has no author or term IDs.
    wp_id = models.CharField(_("WordPress ID"), max_length=255)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    old_url = models.URLField(_("old URL"), max_length=1000, blank=True)
    checksum = models.CharField(max_length=64, blank=True)
    sticky = models.BooleanField(_("sticky in WordPress"), default=False)
    legacy_views = models.PositiveBigIntegerField(
        _("views counted by WordPress"),
        null=True,
        blank=True,
        help_text=_("From post_views_count, views, _post_views or post_views meta."),
    )
    # Set while a body still links to an item that had not been imported yet.
    links_pending = models.BooleanField(default=False)
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("imported WordPress item")
        verbose_name_plural = _("imported WordPress items")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "wp_id"], name="wordpress_item_unique"
            )
        ]
        indexes = [models.Index(fields=["links_pending"], name="wordpress_links_pending")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.wp_id}"
