"""Reading WXR files: versions, namespace forms, CDATA, and broken files."""

import io

import pytest
from django.core.management import CommandError, call_command

from redaktion import cli
from redaktion.news.models import ArticlePage, Author, SectionPage
from redaktion.wordpress.models import WordPressItem
from redaktion.wordpress.tests.conftest import FIXTURES, GERMAN, run_import
from redaktion.wordpress.wxr import Export, WXRError, read_export


@pytest.mark.parametrize(
    ("name", "version", "namespace"),
    [
        ("deutsch-wxr-1.0-http.xml", "1.0", "http://wordpress.org/export/1.0/"),
        ("deutsch-wxr-1.1-http.xml", "1.1", "http://wordpress.org/export/1.1/"),
        ("deutsch-wxr-1.2-https.xml", "1.2", "https://wordpress.org/export/1.2/"),
    ],
)
def test_reads_every_wxr_version_in_both_namespace_forms(name, version, namespace):
    """WXR 1.0, 1.1 and 1.2 with http:// and https:// namespaces give the same item fields."""
    export = Export()
    items = [data for kind, data in read_export(FIXTURES / name, export) if kind == "item"]
    assert export.version == version
    assert export.namespace == namespace
    first = items[0]
    assert first["wp:post_type"] == "post"
    assert first["title"].startswith(("Schöne Grüße", "„Größe zählt“"))
    assert isinstance(first["id"], int)


def test_cdata_split_across_sections_is_joined():
    """A ``]]>`` inside content, written as two CDATA sections, comes out as one text."""
    items = [d for k, d in read_export(FIXTURES / "deutsch-wxr-1.0-http.xml") if k == "item"]
    assert "Ein Text mit ]]> in CDATA und „Zitat“." in items[0]["content:encoded"]


def test_ip_addresses_are_never_read():
    """The commenter's IP address is dropped while parsing, so nothing later can store it."""
    items = [d for k, d in read_export(GERMAN) if k == "item"]
    comments = [c for item in items for c in item["comments"]]
    assert comments
    assert all("wp:comment_author_IP" not in c for c in comments)
    assert "203.0.113.7" not in repr(items)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "line"), [("kaputt.xml", 166), ("abgeschnitten.xml", 128)])
def test_broken_file_names_the_line_and_imports_nothing(name, line):
    """Malformed and truncated files stop with the line number before anything is written."""
    with pytest.raises(CommandError, match=f"Zeile {line}"):
        run_import(FIXTURES / name)
    assert WordPressItem.objects.count() == 0
    assert ArticlePage.objects.count() == 0
    assert SectionPage.objects.count() == 0
    assert Author.objects.count() == 0


@pytest.mark.django_db
def test_plain_rss_is_not_taken_for_a_wordpress_export(tmp_path):
    """An RSS feed without the WordPress namespace is refused with a sentence saying so."""
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
        "<item><title>a</title></item></channel></rss>",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="kein WordPress-Export"):
        run_import(feed)
    assert WordPressItem.objects.count() == 0


def test_html_file_is_refused(tmp_path):
    """A file that is XML but not RSS is refused, not half-read."""
    page = tmp_path / "page.xml"
    page.write_text("<html><body/></html>", encoding="utf-8")
    with pytest.raises(WXRError, match="beginnt mit <html>"):
        list(read_export(page))


@pytest.mark.django_db
def test_missing_file_is_a_clear_command_error(tmp_path):
    """The command names the missing file instead of failing with a traceback."""
    with pytest.raises(CommandError, match="gibt es nicht"):
        call_command("import_wordpress", str(tmp_path / "fehlt.xml"), stdout=io.StringIO())


def test_cli_reports_missing_file_and_exits_non_zero(tmp_path, capsys):
    """`redaktion import-wordpress fehlt.xml` prints one sentence and exits with 1."""
    assert cli.main(["import-wordpress", str(tmp_path / "fehlt.xml")]) == 1
    error = capsys.readouterr().err
    assert "fehlt.xml does not exist" in error
    assert "Traceback" not in error


def test_cli_reports_missing_media_folder(tmp_path, capsys):
    """A wrong --media-dir is caught before the import starts."""
    assert cli.main(["import-wordpress", str(GERMAN), "--media-dir", str(tmp_path / "x")]) == 1
    assert "media folder" in capsys.readouterr().err
