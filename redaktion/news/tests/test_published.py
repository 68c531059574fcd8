from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from redaktion.news.models import ArticlePage
from redaktion.news.tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def titles(queryset):
    return {article.title for article in queryset}


def test_published_lists_live_articles_of_the_past():
    """A live article dated in the past is published."""
    make_article(title="Heute")
    assert titles(ArticlePage.objects.published()) == {"Heute"}


def test_drafts_are_not_published():
    """A draft never appears in a public listing."""
    make_article(title="Entwurf", live=False)
    assert not ArticlePage.objects.published().exists()


def test_future_articles_appear_at_their_time():
    """A live article dated in the future is listed from its time on, not before."""
    when = timezone.now() + timedelta(hours=2)
    make_article(title="Später", published_at=when)
    assert not ArticlePage.objects.published().exists()
    with time_machine.travel(when + timedelta(seconds=1)):
        assert titles(ArticlePage.objects.published()) == {"Später"}


def test_private_articles_are_not_published():
    """An article behind a password or login restriction is not listed publicly."""
    from wagtail.models import PageViewRestriction

    article = make_article(title="Geheim")
    PageViewRestriction.objects.create(page=article, restriction_type="password", password="x")
    assert not ArticlePage.objects.published().exists()


def test_article_knows_its_section():
    """The article's section is its parent page, also after a move."""
    politik = make_section(title="Politik")
    kultur = make_section(title="Kultur")
    article = make_article(politik, title="Umzug")
    assert article.section_id == politik.pk
    article.move(kultur, pos="last-child")
    article.refresh_from_db()
    assert article.section_id == kultur.pk
