"""The count on pages: German format, one number per article per page, current behind the cache."""

import re

import pytest
from django.test import RequestFactory
from django.utils import translation

from redaktion.news.tests.factories import make_article
from redaktion.readership.services import (
    article_record_view,
    article_set_legacy_views,
    views_count,
    views_flush,
    views_label,
)

from .conftest import visit

pytestmark = pytest.mark.django_db


def shown_counts(html, article):
    """Every view count the page shows for ``article``'s teasers and meta lines, in order."""
    return re.findall(r'<span class="count count--views">([^<]*)</span>', html)


@pytest.mark.parametrize(
    ("count", "label"),
    [
        (0, "0 Aufrufe"),
        (1, "1 Aufruf"),
        (2, "2 Aufrufe"),
        (1234, "1.234 Aufrufe"),
        (1234567, "1.234.567 Aufrufe"),
    ],
)
def test_counts_are_written_the_german_way(count, label):
    with translation.override("de"):
        assert views_label(count) == label


def test_the_article_page_shows_its_count_and_it_stays_current_when_cached(reader, newsroom):
    article = newsroom["article"]
    first = visit(reader, article.url, ip="192.0.2.1")
    assert first["X-Cache"] == "MISS"
    assert "0 Aufrufe" in first.content.decode()  # filled before this view was counted
    second = visit(reader, article.url, ip="192.0.2.2")
    assert second["X-Cache"] == "HIT"
    assert '<span class="count count--views">1 Aufruf</span>' in second.content.decode()
    views_flush()
    third = visit(reader, article.url, ip="192.0.2.3")
    assert '<span class="count count--views">2 Aufrufe</span>' in third.content.decode()


def test_one_article_shows_one_number_everywhere_on_a_page(
    reader, newsroom, django_capture_on_commit_callbacks
):
    """The home page shows an article as lead story and in „Meistgelesen“: the same count in both."""
    article = newsroom["article"]
    with django_capture_on_commit_callbacks(execute=True):
        article_set_legacy_views(article_id=article.pk, views=1233)
    visit(reader, article.url)
    html = visit(reader, "/").content.decode()
    assert html.count("1.234 Aufrufe") >= 2, html
    lead_and_lists = re.findall(rf'href="{article.url}".*?count--views">([^<]*)<', html, re.S)
    assert set(lead_and_lists) == {"1.234 Aufrufe"}


def test_a_second_fill_on_the_same_response_reuses_the_first_numbers(newsroom):
    """„Verpasst?“ and „Meistgelesen“ are filled in a second pass; counts read in the first stay."""
    article = newsroom["article"]
    request = RequestFactory().get("/")
    with translation.override("de"):
        first = views_count([str(article.pk)], request)
        reader = RequestFactory().get(
            "/",
            REMOTE_ADDR="192.0.2.9",
            HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        )
        assert article_record_view(article_id=article.pk, request=reader)
        again = views_count([str(article.pk), str(newsroom["other"].pk)], request)
    assert again[str(article.pk)] == first[str(article.pk)]
    assert "0 Aufrufe" in again[str(article.pk)]


def test_counts_on_a_cached_page_need_no_query(reader, newsroom, django_assert_num_queries):
    """On a page cache hit the counts come from the counter store, not the database."""
    for i in range(3):
        make_article(newsroom["politik"], title=f"Noch ein Artikel {i}")
    url = newsroom["article"].url
    visit(reader, url, ip="192.0.2.1")
    with django_assert_num_queries(0):
        response = visit(reader, url, ip="192.0.2.2")
    assert response["X-Cache"] == "HIT"
    assert "1 Aufruf" in response.content.decode()
