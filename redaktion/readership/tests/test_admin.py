"""The reach report in the Wagtail admin."""

import pytest
from django.test import RequestFactory

from redaktion.readership.services import article_record_view

from .conftest import FIREFOX

pytestmark = pytest.mark.django_db


def read(article, times):
    for i in range(times):
        request = RequestFactory().get("/", REMOTE_ADDR=f"192.0.2.{i}", HTTP_USER_AGENT=FIREFOX)
        article_record_view(article_id=article.pk, request=request)


def test_the_report_lists_articles_by_views(editor_client, newsroom):
    read(newsroom["article"], 3)
    read(newsroom["other"], 1)
    response = editor_client.get("/admin/reichweite/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Reichweite" in html
    assert html.index("Der Landtag tagt") < html.index("Ein Theaterabend")


def test_an_article_shows_its_daily_views_with_bars(
    editor_client, newsroom, django_assert_max_num_queries
):
    article = newsroom["article"]
    read(article, 4)
    editor_client.get(f"/admin/reichweite/{article.pk}/")
    with django_assert_max_num_queries(40):
        response = editor_client.get(f"/admin/reichweite/{article.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "4 Aufrufe insgesamt" in html
    assert "width: 100%" in html
    table = html[html.index("readership-days") :].split("</table>")[0]
    assert table.count('<th scope="row">') == 30


def test_the_page_editor_links_to_the_report(editor_client, newsroom):
    article = newsroom["article"]
    html = editor_client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert f"/admin/reichweite/{article.pk}/" in html
    section = newsroom["politik"]
    assert (
        f"/admin/reichweite/{section.pk}/"
        not in editor_client.get(f"/admin/pages/{section.pk}/edit/").content.decode()
    )


def test_readers_cannot_see_the_report(reader, newsroom):
    assert reader.get("/admin/reichweite/").status_code == 302
    assert reader.get("/admin/reichweite/999999/").status_code == 302
