"""Buffered counts reach the database exactly once, in daily and hourly rows and totals."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone

from redaktion.readership.models import (
    ArticleDailyViews,
    ArticleHourlyViews,
    ArticleViews,
    FlushedBatch,
)
from redaktion.readership.services import (
    article_record_view,
    article_set_legacy_views,
    views_flush,
    views_totals,
)
from redaktion.readership.store import get_counter

from .conftest import FIREFOX

pytestmark = pytest.mark.django_db


def request_from(ip, *, ua=FIREFOX):
    return RequestFactory().get("/", REMOTE_ADDR=ip, HTTP_USER_AGENT=ua, HTTP_ACCEPT_LANGUAGE="de")


def test_flush_writes_daily_and_hourly_rows_and_the_total(newsroom):
    article = newsroom["article"]
    for i in range(3):
        assert article_record_view(article_id=article.pk, request=request_from(f"192.0.2.{i}"))
    assert views_flush() == 3
    assert views_flush() == 0
    day = ArticleDailyViews.objects.get(article=article)
    assert (day.date, day.views) == (timezone.localdate(), 3)
    assert ArticleHourlyViews.objects.get(article=article).views == 3
    assert ArticleViews.objects.get(article=article).views == 3
    assert views_totals(article_ids=[article.pk]) == {article.pk: 3}


def test_counts_add_up_across_flushes_and_days(newsroom):
    article = newsroom["article"]
    article_record_view(article_id=article.pk, request=request_from("192.0.2.1"))
    views_flush()
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        article_record_view(article_id=article.pk, request=request_from("192.0.2.1"))
        article_record_view(article_id=article.pk, request=request_from("192.0.2.2"))
        views_flush()
    assert sorted(ArticleDailyViews.objects.values_list("views", flat=True)) == [1, 2]
    assert ArticleViews.objects.get(article=article).views == 3


def test_a_batch_left_by_a_crash_is_applied_exactly_once(newsroom):
    """A flush that died after taking its batch loses nothing; one that died after writing doubles nothing."""
    article = newsroom["article"]
    counter = get_counter()
    article_record_view(article_id=article.pk, request=request_from("192.0.2.1"))
    lost_batch, _rows = counter.take()  # the process dies here
    article_record_view(article_id=article.pk, request=request_from("192.0.2.2"))
    written_batch, _rows = counter.take()
    FlushedBatch.objects.create(batch=written_batch)  # ...and this one died after its commit
    ArticleViews.objects.create(article=article, views=1)
    assert views_totals(article_ids=[article.pk]) == {article.pk: 3}  # shown while pending: 1+2
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        assert views_flush() == 1
    assert ArticleViews.objects.get(article=article).views == 2
    assert counter.leftovers() == []
    assert views_totals(article_ids=[article.pk]) == {article.pk: 2}
    assert lost_batch != written_batch


def test_views_of_a_deleted_article_are_dropped(newsroom):
    other = newsroom["other"]
    article_record_view(article_id=other.pk, request=request_from("192.0.2.1"))
    other.delete()
    assert views_flush() == 0
    assert get_counter().leftovers() == []


def test_wordpress_views_are_added_to_the_total(newsroom, django_capture_on_commit_callbacks):
    article = newsroom["article"]
    article_record_view(article_id=article.pk, request=request_from("192.0.2.1"))
    assert views_totals(article_ids=[article.pk]) == {article.pk: 1}
    with django_capture_on_commit_callbacks(execute=True):
        article_set_legacy_views(article_id=article.pk, views=1200)
    assert views_totals(article_ids=[article.pk]) == {article.pk: 1201}
    views_flush()
    assert views_totals(article_ids=[article.pk]) == {article.pk: 1201}
    with pytest.raises(ValueError, match="negative"):
        article_set_legacy_views(article_id=article.pk, views=-1)


def test_the_flush_command_writes_pending_views(newsroom, capsys):
    article = newsroom["article"]
    article_record_view(article_id=article.pk, request=request_from("192.0.2.1"))
    call_command("readership_flush")
    assert "1 views written." in capsys.readouterr().out
    assert ArticleViews.objects.get(article=article).views == 1


@pytest.mark.parametrize("buffer_seconds", [0, 1])
def test_concurrent_readers_are_counted_exactly(newsroom, settings, buffer_seconds):
    """Eight threads, 50 visitors each, every visitor reloading, flushes running meanwhile:
    the stored count equals the number of distinct visitors, no view lost or doubled,
    written one by one or through the process's buffer."""
    settings.READERSHIP_BUFFER_SECONDS = buffer_seconds
    article, other = newsroom["article"], newsroom["other"]
    threads, visitors = 8, 50
    counted = []
    barrier = threading.Barrier(threads)

    def read(worker):
        barrier.wait()
        mine = 0
        for v in range(visitors):
            request = request_from(f"10.{worker}.{v // 250}.{v % 250}")
            for target in (article, other, article):  # the second look at `article` is a reload
                mine += article_record_view(article_id=target.pk, request=request)
        counted.append(mine)

    workers = [threading.Thread(target=read, args=(w,)) for w in range(threads)]
    for worker in workers:
        worker.start()
    flushed = 0
    while any(worker.is_alive() for worker in workers):
        flushed += views_flush()  # the database belongs to this thread
    for worker in workers:
        worker.join()
    flushed += views_flush()
    expected = threads * visitors
    assert flushed == 2 * expected
    if not buffer_seconds:
        assert sum(counted) == 2 * expected
    assert ArticleViews.objects.get(article=article).views == expected
    assert ArticleViews.objects.get(article=other).views == expected
    assert ArticleDailyViews.objects.get(article=article).views == expected
    assert views_totals(article_ids=[article.pk, other.pk]) == {
        article.pk: expected,
        other.pk: expected,
    }


def test_buffered_views_are_deduplicated_when_written(newsroom, settings):
    """With buffering, a reload waiting in the same batch as the first view is still dropped."""
    settings.READERSHIP_BUFFER_SECONDS = 60
    article = newsroom["article"]
    for ip in ("192.0.2.1", "192.0.2.1", "192.0.2.2"):
        assert article_record_view(article_id=article.pk, request=request_from(ip))
    assert get_counter().pending([article.pk]) == {}
    from redaktion.readership.services import buffer

    assert buffer.drain() == 2
    assert get_counter().pending([article.pk]) == {article.pk: 2}
