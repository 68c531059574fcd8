from django.shortcuts import get_object_or_404, render

from redaktion.news.models import ArticlePage, Author, Tag
from redaktion.news.pagination import listing_page
from redaktion.pagecache import tags
from redaktion.pagecache.tags import depends_on

PER_PAGE = 12


def author_detail(request, slug):
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    depends_on(tags.author(author.pk), tags.author_list(author.pk))
    articles = ArticlePage.objects.published().filter(article_authors__author=author).for_listing()
    page_obj = listing_page(articles, request.GET.get("seite"), per_page=PER_PAGE)
    return render(
        request,
        "news/author_detail.html",
        {"author": author, "page_obj": page_obj, "show_section": True},
    )


def author_list(request):
    depends_on(tags.AUTHOR_LIST)
    authors = Author.objects.select_related("photo")
    return render(request, "news/author_list.html", {"authors": authors})


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    depends_on(tags.tag(tag.pk), tags.tag_list(tag.pk))
    articles = ArticlePage.objects.published().filter(tags=tag).for_listing()
    page_obj = listing_page(articles, request.GET.get("seite"), per_page=PER_PAGE)
    return render(
        request, "news/tag_detail.html", {"tag": tag, "page_obj": page_obj, "show_section": True}
    )
