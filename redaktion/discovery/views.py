from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.formats import number_format

from redaktion.discovery.forms import SearchForm
from redaktion.discovery.query import clean_query
from redaktion.discovery.services import COUNT_CAP, search_articles
from redaktion.news.models import SectionPage

PER_PAGE = 10


def search(request):
    """The search page: the same for every reader, so the page cache may keep it."""
    sections = list(SectionPage.objects.live().public().order_by("path"))
    form = SearchForm(request.GET or None, sections=sections)
    context = {
        "form": form,
        "sections": sections,
        "page_obj": None,
        "query": "",
        "count_cap": number_format(COUNT_CAP, force_grouping=True),
    }
    if form.is_bound and form.is_valid():
        query, truncated = clean_query(form.cleaned_data["q"])
        parsed, results, match_all = search_articles(
            query=query,
            section=form.section,
            since=form.cleaned_data.get("von"),
            until=form.cleaned_data.get("bis"),
            order=form.order,
        )
        context.update(
            query=query,
            truncated=truncated or parsed.truncated,
            unusable=bool(query) and not parsed,
            match_all=match_all,
            filtered=bool(
                form.section or form.cleaned_data.get("von") or form.cleaned_data.get("bis")
            ),
        )
        if results is not None:
            context["page_obj"] = Paginator(results, PER_PAGE).get_page(request.GET.get("seite"))
            context["capped"] = results.capped
    elif form.is_bound:
        context["query"] = clean_query(request.GET.get("q", ""))[0]
    return render(request, "discovery/search.html", context)
