"""Comment counts: exact, approved only, current on cached pages, one lookup per page."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from redaktion.comments.services import (
    comment_count_forget,
    comment_counts,
    live_comment_counts,
)
from redaktion.comments.tests.conftest import approved
from redaktion.news.tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_counts_are_one_query_for_all_articles_then_cached(article, django_assert_num_queries):
    others = [make_article(title=f"Artikel {i}") for i in range(5)]
    approved(article)
    approved(article, status="pending")
    approved(others[0])
    pks = [article.pk] + [o.pk for o in others]
    with django_assert_num_queries(1):
        counts = comment_counts(pks)
    assert counts[article.pk] == 1
    assert counts[others[0].pk] == 1
    assert counts[others[1].pk] == 0
    with django_assert_num_queries(0):
        assert comment_counts(pks) == counts


def test_teasers_show_nothing_for_zero_and_the_article_page_says_so(article):
    other = make_article(title="Anderer Artikel")
    approved(other)
    approved(other)
    request = RequestFactory().get("/")
    request.page_cache_meta = {"article": article.pk}
    result = live_comment_counts([str(article.pk), str(other.pk), "x"], request)
    assert "Noch keine Kommentare" in result[str(article.pk)]
    assert result[str(other.pk)] == '<span class="count count--comments">2 Kommentare</span>'
    request.page_cache_meta = {}
    assert str(article.pk) not in live_comment_counts([str(article.pk)], request)


def test_home_page_teaser_count_is_current_on_a_cached_page(reader, article):
    assert "count--comments" not in reader.get("/").content.decode()
    approved(article)
    response = reader.get("/")
    assert response["X-Cache"] == "HIT"
    assert '<span class="count count--comments">1 Kommentar</span>' in response.content.decode()


def test_comment_section_query_budget(reader, article):
    """The section adds the same few queries whether an article has 1 or 30 comments."""
    root = approved(article, name="Anna")
    reader.get(f"{article.url}?v=0")  # warm the per-process caches (site root, settings)
    # Counts are cached between requests; measure both requests with a cold count.
    comment_count_forget(article.pk)
    with CaptureQueriesContext(connection) as few:
        assert reader.get(f"{article.url}?v=1").status_code == 200
    for i in range(30):
        approved(article, name=f"Leser {i}", parent=root if i % 2 else None)
    comment_count_forget(article.pk)
    with CaptureQueriesContext(connection) as many:
        assert reader.get(f"{article.url}?v=2").status_code == 200
    assert len(many) == len(few)
    ours = [
        q["sql"]
        for q in many.captured_queries
        if "comments_" in q["sql"] or "datenschutz" in q["sql"]
    ]
    # The thread, one query for the closed flag and the privacy page, and the count.
    assert len(ours) <= 3, ours


def test_a_cache_hit_with_comments_runs_no_query(reader, article, django_assert_num_queries):
    approved(article)
    reader.get(article.url)
    with django_assert_num_queries(0):
        response = reader.get(article.url)
    assert response["X-Cache"] == "HIT"
    assert "1 Kommentar" in response.content.decode()
