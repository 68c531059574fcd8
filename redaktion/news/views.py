from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from redaktion.news.models import ArticlePage, Author, Tag

PER_PAGE = 12


def author_detail(request, slug):
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    articles = ArticlePage.objects.published().filter(article_authors__author=author).for_listing()
    page_obj = Paginator(articles, PER_PAGE).get_page(request.GET.get("seite"))
    return render(request, "news/author_detail.html", {"author": author, "page_obj": page_obj})


def author_list(request):
    authors = Author.objects.select_related("photo")
    return render(request, "news/author_list.html", {"authors": authors})


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    articles = ArticlePage.objects.published().filter(tags=tag).for_listing()
    page_obj = Paginator(articles, PER_PAGE).get_page(request.GET.get("seite"))
    return render(request, "news/tag_detail.html", {"tag": tag, "page_obj": page_obj})
