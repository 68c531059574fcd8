from datetime import timedelta

from django.db import models
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import (
    FieldPanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager, PageQuerySet, PageViewRestriction
from wagtail.search import index

from redaktion.core.text import german_slugify, reading_minutes
from redaktion.discovery.panels import related_articles_tab
from redaktion.news.blocks import ArticleBodyBlock
from redaktion.news.pagination import listing_page
from redaktion.pagecache import tags
from redaktion.pagecache.tags import depends_on


def restricted_q():
    """Pages behind a password or login, and everything below them.

    Wagtail's public() joins every restriction to its page, which SQLite answers by
    scanning the whole page table; this asks the small restriction table first.
    """
    paths = Page.objects.filter(pk__in=PageViewRestriction.objects.values("page_id")).values_list(
        "path", flat=True
    )
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition if condition else Q(pk__in=[])


class ArticleQuerySet(PageQuerySet):
    def published(self):
        """Articles a reader may see now: live, not restricted, and not dated in the future."""
        return self.live().exclude(restricted_q()).filter(first_published_at__lte=timezone.now())

    def for_listing(self):
        # Ordered on wagtailcore_page's own columns, so its index on the date serves the order.
        # The teaser images' renditions come in one query, not one per teaser.
        return (
            self.select_related("lead_image", "section")
            .prefetch_related("lead_image__renditions")
            .order_by("-first_published_at", "-id")
        )


class SlugFromTitleMixin:
    """Give pages German slugs: „Größe“ becomes „groesse“, not „grosse“ or „größe“."""

    def full_clean(self, *args, **kwargs):
        if self.title and (not self.slug or self.slug in self._naive_slugs()):
            self.slug = german_slugify(self.title)
        super().full_clean(*args, **kwargs)

    def _naive_slugs(self):
        """What other slug rules make of the title: the admin's JavaScript spells ß as ss
        but drops the umlauts' dots, Django's slugify drops ß too."""
        from django.utils.text import slugify

        return {
            slugify(self.title),
            slugify(self.title.replace("ß", "ss")),
            slugify(self.title, allow_unicode=True),
        }


class HomePage(SlugFromTitleMixin, Page):
    max_count = 1
    subpage_types = ["news.SectionPage", "news.StandardPage"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        depends_on(tags.LIST_ALL)
        articles = ArticlePage.objects.published().for_listing()
        lead = articles.first()
        context["lead"] = lead
        ranked = (
            articles.exclude(pk=lead.pk if lead else None)
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=[F("section")],
                    order_by=[F("first_published_at").desc(), F("id").desc()],
                )
            )
            .filter(rank__lte=4)
        )
        by_section = {}
        for article in ranked:
            by_section.setdefault(article.section_id, []).append(article)
        context["section_blocks"] = [
            (section, by_section[section.pk])
            for section in SectionPage.objects.live().public().order_by("path")
            if section.pk in by_section
        ]
        return context


class SectionPage(SlugFromTitleMixin, Page):
    """A Ressort: its articles live below it, and its front lists them newest first."""

    colour = models.CharField(
        _("badge colour"),
        max_length=7,
        default="#b3261e",
        help_text=_(
            "Hex colour of the section badge, e.g. #b3261e. Keep it dark enough for white text."
        ),
    )
    description = models.TextField(_("description"), blank=True)

    parent_page_types = ["news.HomePage"]
    subpage_types = ["news.ArticlePage"]
    content_panels = [*Page.content_panels, FieldPanel("description"), FieldPanel("colour")]

    PER_PAGE = 12

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        depends_on(tags.section_list(self.pk))
        # child_of() filters on the page tree's path, which lets the database walk the date
        # index instead of sorting every article of the section.
        articles = ArticlePage.objects.published().child_of(self).for_listing()
        context["page_obj"] = listing_page(
            articles, request.GET.get("seite"), per_page=self.PER_PAGE
        )
        return context


class StandardPage(SlugFromTitleMixin, Page):
    """A page outside the news flow: Impressum, Datenschutz, Über uns."""

    body = RichTextField(_("text"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])

    parent_page_types = ["news.HomePage"]
    subpage_types = []
    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")


class Author(models.Model):
    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    role = models.CharField(
        _("role"), max_length=255, blank=True, help_text=_("e.g. „Leiterin Politik“")
    )
    bio = models.TextField(_("short biography"), blank=True)
    photo = models.ForeignKey(
        "images.CreditedImage",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("bio"),
        FieldPanel("photo"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = german_slugify(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("author", args=[self.slug])


class Tag(TagBase):
    """A topic. Its slug follows German rules like every other slug on the site."""

    free_tagging = True

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def slugify(self, tag, i=None):
        slug = german_slugify(tag, max_length=90)
        return f"{slug}-{i}" if i is not None else slug

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("tag", args=[self.slug])


class ArticleTag(ItemBase):
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = ParentalKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticleAuthor(Orderable):
    article = ParentalKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="article_authors"
    )
    author = models.ForeignKey(
        Author, verbose_name=_("author"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")


class ArticlePage(SlugFromTitleMixin, Page):
    kicker = models.CharField(
        _("kicker"), max_length=80, blank=True, help_text=_("Dachzeile above the headline.")
    )
    teaser = models.TextField(
        _("teaser"), max_length=600, help_text=_("Vorspann: one or two sentences.")
    )
    lead_image = models.ForeignKey(
        "images.CreditedImage",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_caption = models.CharField(_("lead image caption"), max_length=400, blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("tags"))
    # The section is the parent page; it is kept here too so that listings
    # can join it instead of walking the page tree.
    section = models.ForeignKey(
        SectionPage,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Rendered once on write, never per request.
    body_text = models.TextField(editable=False, blank=True)
    reading_minutes = models.PositiveSmallIntegerField(editable=False, default=1)

    objects = PageManager.from_queryset(ArticleQuerySet)()

    parent_page_types = ["news.SectionPage"]
    subpage_types = []
    content_panels = [
        FieldPanel("kicker"),
        FieldPanel("title", classname="title"),
        FieldPanel("teaser"),
        MultiFieldPanel(
            [FieldPanel("lead_image"), FieldPanel("lead_image_caption")], heading=_("Lead image")
        ),
        FieldPanel("body"),
        MultipleChooserPanel(
            "article_authors", chooser_field_name="author", heading=_("Authors"), min_num=1
        ),
        FieldPanel("tags"),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("first_published_at")]
    # Editors pin or exclude related articles (redaktion.discovery) in their own tab.
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
            related_articles_tab(),
        ]
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("kicker"),
        index.SearchField("teaser"),
        index.SearchField("body_text"),
        index.FilterField("first_published_at"),
        index.FilterField("section"),
    ]

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def save(self, *args, **kwargs):
        parent = self.get_parent() if self.path else None
        if parent is not None:
            self.section_id = parent.pk if issubclass(parent.specific_class, SectionPage) else None
        self.body_text = self.render_body_text()
        self.reading_minutes = reading_minutes(f"{self.teaser} {self.body_text}")
        super().save(*args, **kwargs)

    def route(self, request, path_components):
        # Live but dated in the future (imported, or set by hand): not there yet for readers.
        if (
            not path_components
            and self.first_published_at
            and self.first_published_at > timezone.now()
        ):
            raise Http404
        return super().route(request, path_components)

    def render_body_text(self):
        parts = []
        for block in self.body:
            if block.block_type == "paragraph":
                parts.append(strip_tags(block.value.source))
            elif block.block_type == "subhead":
                parts.append(block.value)
            elif block.block_type == "quote":
                parts.append(block.value["text"])
        return "\n\n".join(part.strip() for part in parts if part.strip())

    @cached_property
    def authors(self):
        return [item.author for item in self.article_authors.select_related("author__photo")]

    @property
    def was_updated(self):
        """True when the article was republished well after it first appeared."""
        if not (self.first_published_at and self.last_published_at):
            return False
        return self.last_published_at - self.first_published_at > timedelta(minutes=15)

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # Lets the page cache tell, on hits too, which article a response shows.
        response.page_cache_meta = {"article": self.pk}
        return response

    def get_context(self, request, *args, **kwargs):
        from redaktion.discovery.services import related_for_article

        context = super().get_context(request, *args, **kwargs)
        # Related first: „Verpasst?“ is told their ids so it never repeats them.
        context["related"] = related_for_article(article=self)
        context["related_ids"] = ",".join(str(a.pk) for a in context["related"])
        return context
