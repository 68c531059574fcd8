"""GDPR requests and the deletion of rate-limit hashes."""

import json
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from redaktion.comments.models import ClientHash, Comment
from redaktion.comments.tests.conftest import approved

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_export_writes_every_comment_of_one_address(article, tmp_path):
    approved(article, email="Anna@Example.org", body="Eins.")
    approved(article, email="anna@example.org", body="Zwei.", status="pending")
    approved(article, email="bert@example.org", body="Fremd.")
    target = tmp_path / "anna.json"
    call_command("comments_gdpr", "--email", "anna@example.org", "--export", str(target))
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [c["text"] for c in data["comments"]] == ["Eins.", "Zwei."]
    assert data["comments"][0]["article"] == "Der Landtag tagt"


def test_delete_removes_them_and_updates_the_page(reader, article):
    approved(article, email="anna@example.org", body="Bitte löschen.")
    approved(article, email="bert@example.org", body="Bleibt.")
    assert "Bitte löschen." in reader.get(article.url).content.decode()
    call_command("comments_gdpr", "--email", "anna@example.org", "--delete")
    assert list(Comment.objects.values_list("body", flat=True)) == ["Bleibt."]
    html = reader.get(article.url).content.decode()
    assert "Bitte löschen." not in html
    assert "1 Kommentar" in html


@pytest.mark.parametrize(
    "args",
    [
        ["--email", "keine-adresse", "--delete"],
        ["--email", "a@b.de"],
        ["--email", "a@b.de", "--export", "/nonexistent/dir/x.json"],
    ],
)
def test_bad_gdpr_calls_get_a_clear_error(article, args):
    with pytest.raises(CommandError):
        call_command("comments_gdpr", *args)


def test_purge_deletes_hashes_older_than_the_retention(settings):
    settings.REDAKTION_COMMENTS_HASH_RETENTION_DAYS = 7
    now = timezone.now()
    ClientHash.objects.create(digest="old", created_at=now - timedelta(days=7, minutes=1))
    ClientHash.objects.create(digest="new", created_at=now - timedelta(days=6))
    call_command("purge_comment_hashes")
    assert list(ClientHash.objects.values_list("digest", flat=True)) == ["new"]
