"""Wagtail's admin search index: found after a save, without a pass over every entry per save."""

import pytest
from django.core.management import call_command
from django.db.models.functions import Length
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from redaktion.core import search
from redaktion.news.tests.factories import make_article, make_home, make_section

pytestmark = pytest.mark.django_db


def entry(page):
    return IndexEntry.objects.annotate(title_length=Length("title")).get(
        object_id=str(page.pk), content_type_id=page.content_type_id
    )


def test_saved_article_is_found_by_the_admin_search():
    """The backend still indexes on save: the editor finds the new article at once."""
    article = make_article(make_section(make_home()), title="Gemeinderat tagt im Rathaus")
    results = get_search_backend().search("Gemeinderat", Page)
    assert article.pk in [page.pk for page in results]


def test_a_save_reads_only_the_newest_titles_and_writes_only_its_own_entry(monkeypatch):
    """
    The title norm of a saved page uses the average title length of the newest entries,
    and no other entry is rewritten: an older entry left at the default norm stays so.
    """
    monkeypatch.setattr(search, "TITLE_SAMPLE", 2)
    section = make_section(make_home(), title="Lokales")
    old = make_article(section, title="Ein sehr, sehr langer Titel aus dem alten Archiv")
    IndexEntry.objects.filter(object_id=str(old.pk)).update(title_norm=1.0)
    make_article(section, title="Kurz")
    new = make_article(section, title="Mittel lang")
    newest = list(
        IndexEntry.objects.annotate(title_length=Length("title"))
        .filter(title_length__gt=0)
        .order_by("-pk")
        .values_list("title_length", flat=True)[:2]
    )
    assert entry(new).title_norm == pytest.approx(sum(newest) / 2 / entry(new).title_length)
    assert entry(old).title_norm == 1.0


def test_update_index_sets_exact_norms_for_every_entry(monkeypatch):
    """The full rebuild still averages over all entries and rewrites every norm."""
    monkeypatch.setattr(search, "TITLE_SAMPLE", 1)
    section = make_section(make_home(), title="Lokales")
    articles = [
        make_article(section, title=t) for t in ("Kurz", "Etwas länger", "Am längsten hier")
    ]
    call_command("update_index", verbosity=0)
    lengths = list(
        IndexEntry.objects.annotate(title_length=Length("title"))
        .filter(title_length__gt=0)
        .values_list("title_length", flat=True)
    )
    average = sum(lengths) / len(lengths)
    for article in articles:
        assert entry(article).title_norm == pytest.approx(average / entry(article).title_length)
