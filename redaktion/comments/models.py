import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from redaktion.comments.text import render_body, safe_url

MAX_NAME = 80
MAX_BODY = 5000


class CommentQuerySet(models.QuerySet):
    def approved(self):
        """Comments a reader may see: the one public path for comments."""
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        SPAM = "spam", _("spam")

    article = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    name = models.CharField(_("name"), max_length=255)
    # Never rendered publicly: not in pages, feeds or admin list exports.
    email = models.EmailField(_("e-mail address"), max_length=254)
    website = models.URLField(_("website"), max_length=200, blank=True)
    body = models.TextField(_("comment"))
    # Rendered once on write: escaped text, paragraphs and http(s) links only.
    body_html = models.TextField(editable=False, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("written at"), db_index=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    # Each spam rule's verdict, so a moderator sees why a comment was held.
    verdicts = models.JSONField(_("spam rule verdicts"), default=dict, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    panels = [
        FieldPanel("status"),
        FieldPanel("name"),
        FieldPanel("email"),
        FieldPanel("website"),
        FieldPanel("body"),
    ]

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["article", "status", "created_at"])]

    def __str__(self):
        excerpt = " ".join(self.body.split())[:60]
        return f"{self.name}: {excerpt}"

    def save(self, *args, **kwargs):
        if self.created_at is None:
            self.created_at = timezone.now()
        self.body_html = render_body(self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "body_html"}
        super().save(*args, **kwargs)
        self.loaded_status = self.status

    def get_absolute_url(self):
        return f"{self.article.url}#kommentar-{self.pk}"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Whether a change is visible to readers depends on the status before it.
        instance.loaded_status = instance.__dict__.get("status")
        return instance

    @property
    def is_public(self):
        """True if readers see (or saw, before this change) the comment."""
        approved = self.Status.APPROVED
        return self.status == approved or getattr(self, "loaded_status", None) == approved

    @property
    def safe_website(self):
        return safe_url(self.website)

    @property
    def held_because(self):
        """The rules that held this comment, for the moderation list."""
        return ", ".join(
            f"{rule}: {verdict.get('reason', '')}".strip(": ")
            for rule, verdict in (self.verdicts or {}).items()
            if isinstance(verdict, dict) and verdict.get("verdict") in ("hold", "spam")
        )


class BlockedPattern(models.Model):
    """A word or pattern that holds (or marks as spam) every comment containing it."""

    class Kind(models.TextChoices):
        WORD = "word", _("word or phrase")
        REGEX = "regex", _("regular expression")

    class Action(models.TextChoices):
        HOLD = "hold", _("hold for moderation")
        SPAM = "spam", _("mark as spam")

    pattern = models.CharField(_("pattern"), max_length=200)
    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices, default=Kind.WORD)
    action = models.CharField(
        _("action"), max_length=4, choices=Action.choices, default=Action.HOLD
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    panels = [FieldPanel("pattern"), FieldPanel("kind"), FieldPanel("action"), FieldPanel("note")]

    class Meta:
        ordering = ["pattern"]
        verbose_name = _("blocked word or pattern")
        verbose_name_plural = _("blocklist")

    def __str__(self):
        return self.pattern

    def clean(self):
        if self.kind == self.Kind.REGEX:
            try:
                re.compile(self.pattern)
            except re.error as exc:
                raise ValidationError(
                    {"pattern": _("This is not a valid regular expression: %s") % exc}
                ) from None

    def regex(self):
        if self.kind == self.Kind.REGEX:
            return re.compile(self.pattern, re.IGNORECASE)
        return re.compile(rf"\b{re.escape(self.pattern)}\b", re.IGNORECASE)


class ClosedArticle(models.Model):
    """An article that takes no more comments; existing ones stay visible."""

    article = models.OneToOneField(
        "news.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="comments_closed",
    )
    closed_at = models.DateTimeField(_("closed at"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    panels = [FieldPanel("article"), FieldPanel("note")]

    class Meta:
        verbose_name = _("article closed for comments")
        verbose_name_plural = _("articles closed for comments")

    def __str__(self):
        return str(self.article)


class ClientHash(models.Model):
    """
    One comment post by one client, for the rate limit. The client is a keyed hash
    of address and user agent: the raw IP address is never stored, and rows are
    deleted after a few days.
    """

    digest = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("client hash")
        verbose_name_plural = _("client hashes")

    def __str__(self):
        return self.digest[:12]
