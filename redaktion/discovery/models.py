from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.models import Orderable


class SearchEntry(models.Model):
    """
    One published article as the search index and the related-article scorer see it.

    The token columns hold analysed text (see `text.py`). On SQLite an FTS5 table
    `discovery_fts` mirrors them through triggers; on PostgreSQL a generated, weighted
    `tsvector` column with a GIN index does. Both are created in the migration.
    """

    article = models.OneToOneField(
        "news.ArticlePage",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="search_entry",
    )
    section = models.ForeignKey(
        "news.SectionPage", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(db_index=True)
    title_tokens = models.TextField(blank=True)
    teaser_tokens = models.TextField(blank=True)
    body_tokens = models.TextField(blank=True)
    # Compound parts and tag names: found by search, but they have no position in the text.
    extra_tokens = models.TextField(blank=True)
    # Top TF-IDF weights {stem: weight}, normalised to length 1, for related articles.
    vector = models.JSONField(default=dict)
    tag_ids = models.JSONField(default=list)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self):
        return f"search entry {self.article_id}"


class RelatedTerm(models.Model):
    """
    One of an article's strongest TF-IDF terms, for finding related-article candidates.

    Read impact-ordered: for each of an article's terms only the articles where that term
    weighs most are fetched, so the cost per article stays bounded however large the
    archive or however common the term.
    """

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="terms")
    stem = models.CharField(max_length=64)
    weight = models.FloatField()

    class Meta:
        indexes = [
            models.Index(fields=["stem", "-weight", "-entry"], name="discovery_term_impact")
        ]
        verbose_name = _("related-article term")
        verbose_name_plural = _("related-article terms")

    def __str__(self):
        return f"{self.stem} {self.weight:.3f} ({self.entry_id})"


class LexiconWord(models.Model):
    """A stem of the corpus with its document frequency: IDF for scoring, dictionary for compounds."""

    stem = models.CharField(max_length=64, unique=True)
    documents = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("lexicon word")
        verbose_name_plural = _("lexicon words")

    def __str__(self):
        return self.stem


class RelatedArticle(models.Model):
    """A computed related article: written after publish, read with one query on the page."""

    article = models.ForeignKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="discovery_related"
    )
    related = models.ForeignKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="discovery_related_in"
    )
    score = models.FloatField()
    rank = models.PositiveSmallIntegerField()
    pinned = models.BooleanField(default=False)

    class Meta:
        ordering = ["article", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["article", "related"], name="discovery_related_unique")
        ]
        verbose_name = _("related article")
        verbose_name_plural = _("related articles")

    def __str__(self):
        return f"{self.article_id} → {self.related_id} ({self.score:.3f})"


class RelatedOverride(Orderable):
    """An editor's choice: always show this article as related, or never."""

    class Kind(models.TextChoices):
        PIN = "pin", _("always show (pinned)")
        EXCLUDE = "exclude", _("never show")

    article = ParentalKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="related_overrides"
    )
    other = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("rule"), max_length=8, choices=Kind.choices, default=Kind.PIN)

    panels = [PageChooserPanel("other", page_type="news.ArticlePage"), FieldPanel("kind")]

    class Meta(Orderable.Meta):
        verbose_name = _("related article rule")
        verbose_name_plural = _("related article rules")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.other_id}"
