"""
Views as stored: daily rows per article for history and the admin chart, hourly rows
(kept for eight days) for „Meistgelesen“, and one total per article. All are written
only by `services.views_flush`, in batches, with `F()`-style additions.
"""

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

# Hourly rows older than this are deleted; „Meistgelesen“ looks back at most 7 days.
HOURLY_KEEP_DAYS = 8


class ArticleViews(models.Model):
    """The total for one article: counted here plus what WordPress counted before."""

    article = models.OneToOneField(
        "news.ArticlePage",
        verbose_name=_("article"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="view_stats",
    )
    views = models.PositiveBigIntegerField(_("views"), default=0)
    legacy_views = models.PositiveBigIntegerField(
        _("views from the old site"),
        default=0,
        help_text=_("Views counted by WordPress before the move; added to the total."),
    )

    class Meta:
        verbose_name = _("article views")
        verbose_name_plural = _("article views")

    def __str__(self):
        return f"{self.article_id}: {self.total}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The count shown on pages is read from the counter store; a changed
        # legacy figure must replace it there.
        from redaktion.readership.services import views_forget_totals

        article_ids = [self.article_id]
        transaction.on_commit(lambda: views_forget_totals(article_ids=article_ids))

    @property
    def total(self):
        return self.views + self.legacy_views


class ArticleDailyViews(models.Model):
    article = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="daily_views",
    )
    date = models.DateField(_("date"))
    views = models.PositiveBigIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("daily views")
        verbose_name_plural = _("daily views")
        constraints = [
            models.UniqueConstraint(fields=["article", "date"], name="readership_daily_unique")
        ]

    def __str__(self):
        return f"{self.article_id} {self.date}: {self.views}"


class ArticleHourlyViews(models.Model):
    article = models.ForeignKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="hourly_views"
    )
    hour = models.DateTimeField(_("hour"))
    views = models.PositiveBigIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("hourly views")
        verbose_name_plural = _("hourly views")
        constraints = [
            models.UniqueConstraint(fields=["article", "hour"], name="readership_hourly_unique")
        ]
        indexes = [models.Index(fields=["hour"], name="readership_hourly_hour")]

    def __str__(self):
        return f"{self.article_id} {self.hour:%Y-%m-%d %H}: {self.views}"


class FlushedBatch(models.Model):
    """A batch of counts written to the database; applying it twice is refused."""

    batch = models.CharField(max_length=64, primary_key=True)
    flushed_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("flushed batch")
        verbose_name_plural = _("flushed batches")

    def __str__(self):
        return self.batch
