"""Holding back the per-article refresh during bulk changes, and spotting an incomplete index."""

import pytest

from redaktion.discovery.models import SearchEntry
from redaktion.discovery.services import (
    discovery_deferred,
    search_index_incomplete,
    search_index_rebuild,
)
from redaktion.news.tests.factories import make_article, make_home, make_section

pytestmark = pytest.mark.django_db


def test_publishing_inside_the_block_holds_the_refresh_back(django_capture_on_commit_callbacks):
    """Inside discovery_deferred a publish enqueues nothing; the article's id is handed back."""
    section = make_section(make_home(), title="Politik")
    with django_capture_on_commit_callbacks(execute=True), discovery_deferred() as held_back:
        article = make_article(section, title="Landtagswahl in Bayern")
    assert held_back == {article.pk}
    assert not SearchEntry.objects.filter(pk=article.pk).exists()
    assert search_index_incomplete()
    search_index_rebuild()
    assert SearchEntry.objects.filter(pk=article.pk).exists()
    assert not search_index_incomplete()


def test_publishing_after_the_block_refreshes_again(django_capture_on_commit_callbacks):
    """The block ends with its scope: the next publish refreshes the index as usual."""
    section = make_section(make_home(), title="Politik")
    with discovery_deferred():
        pass
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(section, title="Wahlkampf in Bayern")
    assert SearchEntry.objects.filter(pk=article.pk).exists()
    assert not search_index_incomplete()


def test_an_article_unpublished_while_held_back_makes_the_index_incomplete(
    django_capture_on_commit_callbacks,
):
    """An index entry of an article no longer published counts as incomplete too."""
    section = make_section(make_home(), title="Politik")
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(section, title="Haushalt beschlossen")
    assert not search_index_incomplete()
    with django_capture_on_commit_callbacks(execute=True), discovery_deferred() as held_back:
        article.unpublish()
    assert held_back == {article.pk}
    assert SearchEntry.objects.filter(pk=article.pk).exists()
    assert search_index_incomplete()
