"""A reader comments and replies without JavaScript, on cached pages."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from redaktion.comments.models import ClientHash, ClosedArticle, Comment
from redaktion.comments.services import comment_approve
from redaktion.comments.tests.conftest import approved, form_data, post

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_article_page_has_a_cacheable_form_without_tokens(reader, article):
    """The form is in the shared HTML: no CSRF token, no cookie, a fresh signed stamp."""
    first = reader.get(article.url)
    second = reader.get(article.url)
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    html = second.content.decode()
    assert 'id="kommentar-formular"' in html
    assert f'action="/kommentieren/{article.pk}/"' in html
    assert "csrfmiddlewaretoken" not in html
    assert not second.cookies
    assert "<!--live:" not in html
    stamps = re.findall(r'name="stamp" value="([^"]+)"', html)
    assert len(stamps) == 1
    assert "Ihre E-Mail-Adresse wird nicht veröffentlicht." in html
    assert "Erforderliche Felder sind mit * markiert." in html


def test_informal_address_uses_du(reader, article):
    """With the informal setting the form says „Deine“."""
    from wagtail.models import Site

    from redaktion.core.models import SiteSettings

    settings_ = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings_.address = "informal"
    settings_.save()
    html = reader.get(article.url).content.decode()
    assert "Deine E-Mail-Adresse wird nicht veröffentlicht." in html
    assert "Ihre E-Mail-Adresse" not in html


def test_privacy_page_is_linked(reader, article):
    """The form links the page with the slug „datenschutz“."""
    from redaktion.news.models import HomePage, StandardPage

    home = HomePage.objects.get()
    page = home.add_child(
        instance=StandardPage(title="Datenschutz", slug="datenschutz", body="<p>Text</p>")
    )
    page.save_revision().publish()
    html = reader.get(article.url).content.decode()
    assert 'href="/datenschutz/"' in html


def test_first_comment_is_held_and_appears_after_approval_on_the_cached_page(reader, article):
    """A new address waits; approval invalidates the cached page and updates the count."""
    reader.get(article.url)
    response = post(reader, article)
    assert response.status_code == 303
    assert response["Location"] == f"{article.url}?kommentar=wartet#kommentare"
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.verdicts["new_author"]["verdict"] == "hold"
    page = reader.get(article.url)
    assert page["X-Cache"] == "HIT"
    assert "Ein sachlicher Beitrag" not in page.content.decode()
    assert "Noch keine Kommentare" in page.content.decode()

    comment_approve(comments=[comment])
    page = reader.get(article.url)
    assert page["X-Cache"] == "MISS"
    html = page.content.decode()
    assert "Ein sachlicher Beitrag" in html
    assert "1 Kommentar" in html
    assert "erika@example.org" not in html


def test_notice_after_posting(reader, article):
    """The redirect's flag shows a thank-you notice."""
    html = reader.get(f"{article.url}?kommentar=wartet").content.decode()
    assert "sobald die Moderation ihn freigegeben hat" in html


def test_known_address_goes_live_at_once(reader, article):
    """Later comments from an approved address are published without waiting."""
    approved(article, email="erika@example.org")
    reader.get(article.url)
    response = post(reader, article, email="Erika@Example.org", body="Noch ein Gedanke dazu.")
    comment = Comment.objects.latest("pk")
    assert comment.status == Comment.Status.APPROVED
    assert (
        response["Location"] == f"{article.url}?kommentar=veroeffentlicht#kommentar-{comment.pk}"
    )
    html = reader.get(article.url).content.decode()
    assert "Noch ein Gedanke dazu." in html
    assert "2 Kommentare" in html


def test_replies_are_threaded_two_levels_deep(reader, article):
    """A reply to a reply is shown indented below its parent."""
    root = approved(article, name="Anna", body="Erster Beitrag.")
    child = approved(article, name="Bert", body="Antwort auf Anna.", parent=root)
    approved(article, name="Carla", body="Antwort auf Bert.", parent=child)
    approved(article, name="Dora", body="Zweiter Beitrag.")
    html = reader.get(article.url).content.decode()
    order = [html.index(t) for t in ("Erster", "Antwort auf Anna", "Antwort auf Bert", "Zweiter")]
    assert order == sorted(order)
    assert f'class="comment comment--depth-2" id="kommentar-{child.pk}"' in html
    assert "comment--depth-3" in html
    assert "als Antwort auf Bert" in html


def test_reply_link_prefills_the_parent(reader, article):
    """„Antworten“ works without JavaScript: a link that sets the parent field."""
    root = approved(article, name="Anna", body="Erster Beitrag.")
    html = reader.get(article.url).content.decode()
    assert f'href="?antwort={root.pk}#kommentar-formular"' in html
    reply_page = reader.get(f"{article.url}?antwort={root.pk}").content.decode()
    assert f'name="parent" value="{root.pk}"' in reply_page
    assert "Antwort an Anna" in reply_page
    post(reader, article, email="max@example.org", parent=str(root.pk), body="Da stimme ich zu.")
    reply = Comment.objects.get(body="Da stimme ich zu.")
    assert reply.parent == root


def test_reply_to_unknown_comment_is_refused(reader, article):
    response = post(reader, article, parent="999999")
    assert response.status_code == 400
    assert "existiert" in response.content.decode()
    assert not Comment.objects.exists()


def test_post_from_another_site_is_refused(reader, article):
    """Without CSRF tokens, the Origin header guards the form."""
    response = post(reader, article, origin="https://evil.example")
    assert response.status_code == 403
    response = post(reader, article, origin=None)
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_referer_suffices_when_origin_is_missing(reader, article):
    response = reader.post(
        f"/kommentieren/{article.pk}/",
        form_data(article),
        HTTP_REFERER=f"http://testserver{article.url}",
    )
    assert response.status_code == 303


def test_invalid_form_answers_with_a_private_page(reader, article):
    """Errors come back on an uncached page that keeps what the reader wrote."""
    response = post(reader, article, email="keine-adresse", body="Mein Text bleibt erhalten.")
    assert response.status_code == 400
    assert "private" in response["Cache-Control"]
    html = response.content.decode()
    assert "Mein Text bleibt erhalten." in html
    assert "gültige E-Mail-Adresse" in html
    assert re.search(r'name="stamp" value="[^"]+"', html)


def test_get_on_the_post_url_is_not_allowed(reader, article):
    assert reader.get(f"/kommentieren/{article.pk}/").status_code == 405


def test_unknown_article_is_a_clear_404(reader, article):
    response = reader.post("/kommentieren/999999/", form_data(article))
    assert response.status_code == 404


def test_closed_article_shows_no_form_and_refuses_posts(reader, article):
    approved(article, body="Ein alter Beitrag.")
    ClosedArticle.objects.create(article=article)
    html = reader.get(article.url).content.decode()
    assert "kommentar-formular" not in html
    assert "Ein alter Beitrag." in html
    assert "geschlossen" in html
    assert post(reader, article).status_code == 403


def test_comments_close_after_n_days(reader, article, settings):
    settings.REDAKTION_COMMENTS_CLOSE_AFTER_DAYS = 10
    type(article).objects.filter(pk=article.pk).update(
        first_published_at=timezone.now() - timedelta(days=11)
    )
    article.refresh_from_db()
    assert "kommentar-formular" not in reader.get(article.url).content.decode()
    assert post(reader, article).status_code == 403
    settings.REDAKTION_COMMENTS_CLOSE_AFTER_DAYS = 0
    assert post(reader, article).status_code == 303


def test_no_ip_address_is_stored(reader, article):
    """The rate limit keeps a keyed hash of address and browser, never the address."""
    post(reader, article, REMOTE_ADDR="203.0.113.77")
    stored = ClientHash.objects.get()
    assert "203.0.113.77" not in stored.digest
    assert re.fullmatch(r"[0-9a-f]{64}", stored.digest)
    comment = Comment.objects.get()
    for value in (comment.name, comment.body, str(comment.verdicts)):
        assert "203.0.113" not in value


def test_bad_reply_parameters_show_the_plain_form(reader, article):
    """A made-up or foreign ?antwort= is ignored, never an error."""
    for value in ("abc", "999999", "-1", "1e9", "%00", "<script>"):
        response = reader.get(article.url, {"antwort": value})
        assert response.status_code == 200
        assert "Antwort an" not in response.content.decode()


def test_preview_of_an_unsaved_article_renders_the_section():
    """Wagtail previews articles before they have a primary key."""
    from redaktion.comments.services import comment_section_facts
    from redaktion.news.models import ArticlePage

    assert comment_section_facts(article=ArticlePage(title="Neu")) == {
        "closed": False,
        "privacy_page": None,
    }
