"""The editor's side: writing and publishing an article through the Wagtail admin."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from redaktion.news.models import ArticlePage
from redaktion.news.tests.factories import make_article, make_author, make_image, make_section

pytestmark = pytest.mark.django_db


def article_form(**fields):
    return nested_form_data(
        {
            "kicker": "Stadtrat",
            "teaser": "Ein Vorspann über die Stadt.",
            "lead_image": "",
            "lead_image_caption": "",
            "body": streamfield(
                [("paragraph", rich_text("<p>Erster Absatz.</p>")), ("subhead", "Zwischentitel")]
            ),
            "tags": "Stadt, Größe",
            "related_overrides": inline_formset([]),
            **fields,
        }
    )


def test_editor_publishes_an_article_with_a_german_slug(editor_client, reader):
    """The admin's naive slug „grosse-plane“ becomes „groesse-plaene“; the article is live at once."""
    section = make_section(title="Politik")
    author = make_author(name="Anna Berg")
    url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", section.pk))
    assert editor_client.get(url).status_code == 200
    response = editor_client.post(
        url,
        article_form(
            title="Größe Pläne",
            slug="grosse-plane",
            article_authors=inline_formset([{"author": author.pk}]),
            **{"action-publish": "publish"},
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article = ArticlePage.objects.get(title="Größe Pläne")
    assert article.slug == "groesse-plaene"
    assert article.live and article.section_id == section.pk
    assert [a.name for a in article.authors] == ["Anna Berg"]
    assert sorted(t.slug for t in article.tags.all()) == ["groesse", "stadt"]
    assert reader.get("/politik/groesse-plaene/").status_code == 200


def test_an_article_is_published_only_with_an_author(editor_client):
    """A draft may lack an author (Wagtail defers required fields), a published article may not."""
    section = make_section(title="Politik")
    url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", section.pk))
    response = editor_client.post(
        url,
        article_form(
            title="Ohne Autor",
            slug="ohne-autor",
            article_authors=inline_formset([]),
            **{"action-publish": "publish"},
        ),
    )
    assert response.status_code == 200
    assert not ArticlePage.objects.filter(title="Ohne Autor").exists()


def test_edit_view_and_image_form_show_what_editors_need(editor_client):
    article = make_article(make_section(), title="Bestehender Artikel", authors=[make_author()])
    edit = editor_client.get(reverse("wagtailadmin_pages:edit", args=(article.pk,)))
    assert edit.status_code == 200
    assert "Dachzeile" in edit.content.decode() and "Vorspann" in edit.content.decode()
    image = make_image(credit="Foto: Mira Holm")
    image_form = editor_client.get(reverse("wagtailimages:edit", args=(image.pk,)))
    assert image_form.status_code == 200
    html = image_form.content.decode()
    assert 'name="credit"' in html and 'name="licence"' in html and "Foto: Mira Holm" in html
