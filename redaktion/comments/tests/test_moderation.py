"""Moderation in the Wagtail admin: queue, bulk actions, menu count, role, e-mail."""

import pytest
from django.core import mail

from redaktion.comments.models import Comment
from redaktion.comments.services import comment_approve, comment_mark_spam, comment_reject
from redaktion.comments.tests.conftest import approved, post

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

INDEX = "/admin/snippets/comments/comment/"


def pending(article, n=3):
    return [
        Comment.objects.create(
            article=article,
            name=f"Neu {i}",
            email=f"neu{i}@example.org",
            body=f"Wartender Beitrag {i}",
            status="pending",
            verdicts={"new_author": {"verdict": "hold", "reason": "erster Kommentar"}},
        )
        for i in range(n)
    ]


def test_queue_lists_comments_with_reasons_but_no_addresses(moderator_client, article):
    pending(article)
    response = moderator_client.get(INDEX, {"status": "pending"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Wartender Beitrag 0" in html
    assert "erster Kommentar" in html
    assert "neu0@example.org" not in html


def test_menu_shows_the_pending_count(moderator_client, article):
    pending(article, 3)
    html = moderator_client.get("/admin/").content.decode()
    assert "Kommentare (3)" in html


def test_export_leaves_out_the_email_address(moderator_client, article):
    pending(article, 2)
    response = moderator_client.get(INDEX, {"export": "csv"})
    assert response.status_code == 200
    if response.streaming:
        content = b"".join(response.streaming_content).decode()
    else:
        content = response.content.decode()
    assert "Wartender Beitrag 0" in content
    assert "@example.org" not in content


@pytest.mark.parametrize(
    ("action", "status"), [("approve", "approved"), ("reject", "rejected"), ("spam", "spam")]
)
def test_bulk_actions(moderator_client, article, action, status):
    comments = pending(article, 2)
    url = f"/admin/bulk/comments/comment/{action}/"
    query = "&".join(f"id={c.pk}" for c in comments)
    confirm = moderator_client.get(f"{url}?{query}")
    assert confirm.status_code == 200
    response = moderator_client.post(f"{url}?{query}", {})
    assert response.status_code == 302
    assert set(Comment.objects.values_list("status", flat=True)) == {status}


def test_bulk_approval_shows_the_comments_on_the_cached_page(moderator_client, article):
    """An approved comment appears on the next page request, count included."""
    from django.test import Client

    anonymous = Client()
    comments = pending(article, 2)
    anonymous.get(article.url)
    assert anonymous.get(article.url)["X-Cache"] == "HIT"
    query = "&".join(f"id={c.pk}" for c in comments)
    moderator_client.post(f"/admin/bulk/comments/comment/approve/?{query}", {})
    page = anonymous.get(article.url)
    assert page["X-Cache"] == "MISS"
    assert "Wartender Beitrag 1" in page.content.decode()
    assert "2 Kommentare" in page.content.decode()


def test_unapproving_and_deleting_remove_the_comment_from_the_cached_page(reader, article):
    comment = approved(article, body="Bald weg.")
    assert "Bald weg." in reader.get(article.url).content.decode()
    comment_reject(comments=[comment])
    assert "Bald weg." not in reader.get(article.url).content.decode()
    comment_approve(comments=[comment])
    assert "Bald weg." in reader.get(article.url).content.decode()
    Comment.objects.get(pk=comment.pk).delete()
    html = reader.get(article.url).content.decode()
    assert "Bald weg." not in html
    assert "Noch keine Kommentare" in html


def test_editing_an_approved_comment_updates_the_page(reader, article):
    comment = approved(article, body="Tippfehlr.")
    reader.get(article.url)
    comment = Comment.objects.get(pk=comment.pk)
    comment.body = "Tippfehler behoben."
    comment.save()
    assert "Tippfehler behoben." in reader.get(article.url).content.decode()


def test_pending_comments_leave_the_cached_page_alone(reader, article):
    """A spam wave must not empty the page cache."""
    reader.get(article.url)
    comment_mark_spam(comments=pending(article, 2))
    assert reader.get(article.url)["X-Cache"] == "HIT"


def test_moderator_role_can_moderate_and_nothing_else(moderator_client, article):
    assert moderator_client.get(INDEX).status_code == 200
    assert moderator_client.get("/admin/snippets/comments/blockedpattern/").status_code == 200
    assert moderator_client.get(f"/admin/pages/{article.pk}/edit/").status_code in (302, 403)
    assert moderator_client.get("/admin/users/").status_code in (302, 403)
    assert moderator_client.get("/admin/images/").status_code in (302, 403)
    assert moderator_client.get("/admin/snippets/news/author/").status_code in (302, 403)


def test_moderation_group_has_only_comment_permissions():
    from django.contrib.auth.models import Group

    perms = Group.objects.get(name="Moderation").permissions.select_related("content_type")
    apps = {p.content_type.app_label for p in perms}
    assert apps == {"comments", "wagtailadmin"}
    assert {p.codename for p in perms if p.content_type.app_label == "wagtailadmin"} == {
        "access_admin"
    }


def test_moderators_are_emailed_about_pending_comments(reader, article, moderator):
    post(reader, article)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["moderation@example.org"]
    assert "Der Landtag tagt" in message.subject
    assert "Ein sachlicher Beitrag" in message.body
    # The commenter's address stays out of the mail.
    assert "erika@example.org" not in message.body


def test_no_email_when_the_comment_goes_live(reader, article, moderator):
    approved(article, email="erika@example.org")
    post(reader, article, body="Noch ein Gedanke dazu.")
    assert mail.outbox == []


def test_everyone_who_may_moderate_is_emailed_and_no_one_else(reader, article, django_user_model):
    """Superusers and users with the comment permission hear of it; an editor without it does not."""
    from django.contrib.auth.models import Permission

    django_user_model.objects.create_superuser("chefin", "chefin@example.org", "pw")
    helper = django_user_model.objects.create_user("helfer", "helfer@example.org", "pw")
    helper.user_permissions.add(
        Permission.objects.get(content_type__app_label="comments", codename="change_comment")
    )
    django_user_model.objects.create_user("autor", "autor@example.org", "pw")
    post(reader, article)
    assert sorted(mail.outbox[0].to) == ["chefin@example.org", "helfer@example.org"]
