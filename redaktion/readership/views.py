from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from redaktion.news.models import ArticlePage
from redaktion.readership.models import ArticleDailyViews, ArticleViews
from redaktion.readership.services import article_record_view, views_flush, views_totals

REPORT_DAYS = 30


@csrf_exempt  # a reader has no token and no cookie; the request changes nothing but a count
@require_POST
@never_cache
def beacon(request, article_id):
    """Count a view sent by the page itself (sites behind a CDN, REDAKTION_VIEW_BEACON=1)."""
    if not settings.READERSHIP_BEACON:
        raise Http404("Views are counted by the server on this site.")
    key = f"readership:published:{article_id}"
    published = cache.get(key)
    if published is None:
        published = ArticlePage.objects.published().filter(pk=article_id).exists()
        cache.set(key, published, 300)
    if not published:
        raise Http404("No such article.")
    article_record_view(article_id=article_id, request=request, method="POST")
    return HttpResponse(status=204)


class ReachIndexView(WagtailAdminTemplateMixin, TemplateView):
    """The most read articles of all time, with links to their daily figures."""

    page_title = _("Reach")
    header_icon = "view"
    template_name = "readership/admin/index.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        views_flush()
        stats = list(
            ArticleViews.objects.select_related("article").order_by(
                "-views", "-legacy_views", "-article_id"
            )[:50]
        )
        context["rows"] = [(s.article, s.views, s.legacy_views, s.total) for s in stats]
        return context


class ArticleReachView(WagtailAdminTemplateMixin, TemplateView):
    """Daily views of one article over the last 30 days, as a table with bars."""

    header_icon = "view"
    template_name = "readership/admin/article.html"

    def get_page_title(self):
        return _("Reach")

    def get_page_subtitle(self):
        return self.article.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("readership_report"), "label": _("Reach")},
            {"url": "", "label": self.article.title},
        ]

    def dispatch(self, request, *args, **kwargs):
        self.article = get_object_or_404(ArticlePage, pk=kwargs["article_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        views_flush()
        today = timezone.localdate()
        first = today - timedelta(days=REPORT_DAYS - 1)
        stored = dict(
            ArticleDailyViews.objects.filter(article=self.article, date__gte=first).values_list(
                "date", "views"
            )
        )
        days = [(first + timedelta(days=i)) for i in range(REPORT_DAYS)]
        peak = max(stored.values(), default=0) or 1
        context["days"] = [
            (day, stored.get(day, 0), round(100 * stored.get(day, 0) / peak)) for day in days
        ]
        context["period_total"] = sum(stored.values())
        stats = ArticleViews.objects.filter(pk=self.article.pk).first()
        context["legacy_views"] = stats.legacy_views if stats else 0
        context["total"] = views_totals(article_ids=[self.article.pk])[self.article.pk]
        context["article"] = self.article
        return context
