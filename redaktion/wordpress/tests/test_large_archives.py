"""Importing into a large archive: discovery once at the end, a per-post cost the archive does not raise."""

from contextlib import contextmanager

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from redaktion.core import search
from redaktion.discovery.models import RelatedArticle, SearchEntry
from redaktion.discovery.services import search_articles, search_index_incomplete
from redaktion.news.models import ArticlePage
from redaktion.wordpress import services

pytestmark = pytest.mark.django_db

TOPICS = ["Straßenbahn", "Haushalt", "Hochwasser", "Wärmepumpe", "Bürgerentscheid"]


def write_export(path, first, last):
    """A WXR 1.2 export of posts ``first``..``last``, one topic word each, one comment each."""
    items = []
    for n in range(first, last + 1):
        topic = TOPICS[n % len(TOPICS)]
        items.append(
            f"<item><title>{topic}: Bericht {n}</title>"
            f"<link>https://archiv.example.de/2024/03/bericht-{n}/</link>"
            "<dc:creator>anna</dc:creator>"
            f"<content:encoded><![CDATA[<p>Der Stadtrat berät über {topic}. Bericht {n} "
            "aus dem Rathaus.</p>]]></content:encoded>"
            f"<wp:post_id>{n}</wp:post_id>"
            "<wp:post_date_gmt>2024-03-01 08:00:00</wp:post_date_gmt>"
            f"<wp:post_name>bericht-{n}</wp:post_name><wp:status>publish</wp:status>"
            "<wp:post_type>post</wp:post_type>"
            '<category domain="category" nicename="lokales">Lokales</category>'
            f"<wp:comment><wp:comment_id>{n}</wp:comment_id>"
            "<wp:comment_author>Leserin</wp:comment_author>"
            "<wp:comment_date_gmt>2024-03-02 10:00:00</wp:comment_date_gmt>"
            "<wp:comment_content>Danke!</wp:comment_content>"
            "<wp:comment_approved>1</wp:comment_approved>"
            "<wp:comment_parent>0</wp:comment_parent></wp:comment></item>"
        )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:wp="https://wordpress.org/export/1.2/"><channel>'
        "<title>Archiv-Zeitung</title><link>https://archiv.example.de</link>"
        "<wp:wxr_version>1.2</wp:wxr_version>"
        "<wp:base_blog_url>https://archiv.example.de</wp:base_blog_url>"
        "<wp:author><wp:author_login>anna</wp:author_login>"
        "<wp:author_display_name>Anna Berg</wp:author_display_name></wp:author>"
        f"{''.join(items)}</channel></rss>",
        encoding="utf-8",
    )
    return path


def titles(query):
    _parsed, results, _all = search_articles(query=query)
    return {article.title for article in results[0:100]}


def test_search_and_related_cover_the_imported_articles(
    tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    """No refresh per article during the run; one rebuild at the end indexes them all."""
    refreshed = []
    monkeypatch.setattr(
        "redaktion.discovery.services.article_discovery_refresh",
        lambda *, article_id: refreshed.append(article_id),
    )
    # Each item commits on its own in a real run; here the after-commit work runs too.
    with django_capture_on_commit_callbacks(execute=True):
        report = services.wordpress_import(path=write_export(tmp_path / "a.xml", 1, 10))
    assert refreshed == []
    assert report.discovery == {"indexed": 10, "related": 10}
    assert titles("Hochwasser") == {"Hochwasser: Bericht 2", "Hochwasser: Bericht 7"}
    bridge = ArticlePage.objects.get(title="Straßenbahn: Bericht 5")
    related = set(RelatedArticle.objects.filter(article=bridge).values_list("related", flat=True))
    assert ArticlePage.objects.get(title="Straßenbahn: Bericht 10").pk in related
    assert not search_index_incomplete()


def test_a_second_run_with_nothing_to_do_leaves_discovery_alone(tmp_path):
    """An unchanged export and a complete index: no rebuild, so a re-run stays quick."""
    export = write_export(tmp_path / "a.xml", 1, 5)
    services.wordpress_import(path=export)
    report = services.wordpress_import(path=export)
    assert report.discovery == {}
    assert SearchEntry.objects.count() == 5


def test_run_stopped_before_the_rebuild_is_completed_by_the_next(tmp_path, monkeypatch):
    """Stopped after the last item, nothing is left to import, but the re-run rebuilds the index."""
    export = write_export(tmp_path / "a.xml", 1, 6)
    original = services._Importer.finish

    def stop(self):
        raise KeyboardInterrupt

    monkeypatch.setattr(services._Importer, "finish", stop)
    with pytest.raises(KeyboardInterrupt):
        services.wordpress_import(path=export)
    assert ArticlePage.objects.count() == 6
    assert SearchEntry.objects.count() == 0
    monkeypatch.setattr(services._Importer, "finish", original)
    report = services.wordpress_import(path=export)
    assert report.created == {}
    assert report.discovery["indexed"] == 6
    assert titles("Straßenbahn") == {"Straßenbahn: Bericht 5"}


def test_dry_run_does_not_touch_discovery(tmp_path):
    """A dry run rolls everything back, so there is nothing to index afterwards."""
    report = services.wordpress_import(path=write_export(tmp_path / "a.xml", 1, 3), dry_run=True)
    assert report.discovery == {}
    assert SearchEntry.objects.count() == 0


@contextmanager
def sqlite_steps():
    """Count SQLite's virtual machine steps (in hundreds): rows read, not wall time."""
    steps = [0]
    if connection.vendor != "sqlite":
        yield steps
        return

    def tick():
        steps[0] += 1
        return 0

    connection.ensure_connection()
    connection.connection.set_progress_handler(tick, 100)
    try:
        yield steps
    finally:
        connection.connection.set_progress_handler(None, 100)


def test_cost_per_post_does_not_grow_with_the_archive(
    tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    """
    Ten posts cost as many queries into an archive of 130 as into one of 10, and on
    SQLite nearly the same work: no query per post reads the whole archive.
    """
    # The rebuild at the end reads every article by design, once per run, not per post.
    monkeypatch.setattr(services, "_discovery_rebuild", lambda report, progress: None)
    # Wagtail's title norms read a fixed number of the newest index entries; below that
    # number the sample is the whole (small) table, so make the test's archive larger.
    monkeypatch.setattr(search, "TITLE_SAMPLE", 5)

    def run(first, last):
        # Each item commits on its own in a real run: count the after-commit work too.
        with django_capture_on_commit_callbacks(execute=True):
            services.wordpress_import(path=write_export(tmp_path / f"{first}.xml", first, last))

    def cost(first, last):
        """Return (queries, SQLite steps) per post for importing posts first..last."""
        with CaptureQueriesContext(connection) as queries, sqlite_steps() as steps:
            run(first, last)
        return len(queries) / (last - first + 1), steps[0] / (last - first + 1)

    run(1, 10)
    small_queries, small_steps = cost(11, 20)
    run(21, 130)
    large_queries, large_steps = cost(131, 140)
    assert large_queries == small_queries
    if connection.vendor == "sqlite":
        assert large_steps < small_steps * 1.1, (small_steps, large_steps)
