"""„Meistgelesen“ on the home page and section fronts."""

from datetime import timedelta

import pytest
import time_machine
from django.test import RequestFactory
from django.utils import timezone

from redaktion.news.tests.factories import make_article
from redaktion.readership.services import article_record_view, most_read_block, views_most_read

from .conftest import FIREFOX, visit

pytestmark = pytest.mark.django_db


def read(article, times, *, prefix="198.51.100"):
    for i in range(times):
        request = RequestFactory().get("/", REMOTE_ADDR=f"{prefix}.{i}", HTTP_USER_AGENT=FIREFOX)
        article_record_view(article_id=article.pk, request=request)


def test_most_read_ranks_by_views_within_the_period(newsroom):
    article, other = newsroom["article"], newsroom["other"]
    old = make_article(newsroom["politik"], title="Alt, aber viel gelesen")
    with time_machine.travel(timezone.now() - timedelta(days=3)):
        read(old, 5, prefix="198.51.101")
    read(article, 2)
    read(other, 3)
    most_read_block(["all"], RequestFactory().get("/"))  # flushes before it reads
    assert views_most_read(hours=24) == [other, article]
    assert views_most_read(hours=24 * 7) == [old, other, article]
    assert views_most_read(hours=24, section_id=newsroom["politik"].pk) == [article]


def test_unpublished_articles_leave_the_list(newsroom):
    article, other = newsroom["article"], newsroom["other"]
    read(article, 2)
    read(other, 1)
    most_read_block(["all"], RequestFactory().get("/"))
    article.unpublish()
    assert views_most_read(hours=24) == [other]


def test_the_home_page_and_section_fronts_show_most_read(reader, newsroom):
    read(newsroom["article"], 2)
    read(newsroom["other"], 1)
    home = visit(reader, "/").content.decode()
    assert "Meistgelesen" in home
    assert "24 Stunden" in home and "7 Tage" in home
    block = home[home.index('class="most-read"') :]
    assert block.index("Der Landtag tagt") < block.index("Ein Theaterabend")
    politik = visit(reader, newsroom["politik"].url).content.decode()
    block = politik[politik.index('class="most-read"') :]
    assert "Der Landtag tagt" in block and "Ein Theaterabend" not in block


def test_most_read_updates_within_a_minute_on_a_cached_page(reader, newsroom):
    article, other = newsroom["article"], newsroom["other"]
    read(article, 1)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        first = visit(reader, "/").content.decode()
    assert "Der Landtag tagt" in first[first.index('class="most-read"') :]
    read(other, 3)
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        cached = visit(reader, "/")
    assert (
        "Ein Theaterabend"
        not in cached.content.decode()[cached.content.decode().index('class="most-read"') :]
    )
    with time_machine.travel(start + timedelta(seconds=61), tick=False):
        fresh = visit(reader, "/")
    assert fresh["X-Cache"] == "HIT"
    block = fresh.content.decode()[fresh.content.decode().index('class="most-read"') :]
    assert block.index("Ein Theaterabend") < block.index("Der Landtag tagt")


def test_a_site_without_views_shows_no_empty_block(reader, newsroom):
    assert "most-read" not in visit(reader, "/").content.decode()


def test_bad_arguments_give_nothing_not_an_error(newsroom):
    assert most_read_block(["abc", "12x"], RequestFactory().get("/")) == {}
