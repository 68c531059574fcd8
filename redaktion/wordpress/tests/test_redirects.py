"""Every old WordPress URL answers with a 301 to the new page."""

import pytest

from redaktion.images.models import CreditedImage
from redaktion.news.models import ArticlePage, SectionPage, StandardPage
from redaktion.wordpress.models import WordPressItem


def page_for(wp_id, kind="post"):
    return WordPressItem.objects.get(kind=kind, wp_id=str(wp_id)).page.specific


@pytest.fixture
def old(german_import, reader):
    def get(path):
        response = reader.get(path)
        assert response.status_code == 301, (path, response.status_code)
        return response["Location"]

    return get


def test_permalinks_and_query_forms_redirect_to_the_article(old):
    """The permalink, its feed, ?p= and the guid all lead to the article."""
    bridge = page_for(101)
    assert bridge.url == "/politik/groesse-zaehlt/"
    assert old("/2024/10/26/groesse-zaehlt/") == bridge.url
    assert old("/2024/10/26/groesse-zaehlt") == bridge.url
    assert old("/2024/10/26/groesse-zaehlt/feed/") == bridge.url
    assert old("/?p=101") == bridge.url
    assert old("/index.php?p=101") == bridge.url


def test_pages_redirect_by_permalink_and_page_id(old):
    """Static pages answer on ?page_id= and ?p= as well as their own path."""
    about = StandardPage.objects.get(title="Über uns")
    # The old path is the new one: the page answers itself, no redirect needed.
    assert about.url == "/ueber-uns/"
    assert old("/?page_id=110") == about.url
    assert old("/?p=110") == about.url


def test_archives_redirect_to_sections_tags_and_authors(old):
    """Category, tag and author archives and their feeds point to the new fronts."""
    politik = SectionPage.objects.get(slug="politik")
    assert old("/category/politik/") == politik.url
    assert old("/?cat=3") == politik.url
    assert old("/category/politik/feed/") == "/politik/feed/"
    assert old("/category/politik/bundestag/") == "/themen/bundestag/"
    assert old("/category/bundestag/") == "/themen/bundestag/"
    assert old("/tag/energiewende/") == "/themen/energiewende/"
    assert old("/tag/energiewende/feed/") == "/themen/energiewende/feed/"
    assert old("/?tag=energiewende") == "/themen/energiewende/"
    assert old("/author/jweiss/") == "/autoren/juergen-weiss/"
    assert old("/?author=7") == "/autoren/juergen-weiss/"
    assert old("/author/jweiss/feed/") == "/autoren/juergen-weiss/feed/"


def test_attachment_pages_and_upload_urls_redirect(old):
    """Attachment pages lead to their post; upload URLs to the imported file."""
    assert old("/2024/10/26/groesse-zaehlt/bruecke/") == page_for(101).url
    assert old("/?attachment_id=202") == page_for(102).url
    wald = CreditedImage.objects.get(title="Wald")
    assert old("/?attachment_id=204") == wald.file.url
    assert old("/wp-content/uploads/2024/10/bruecke.jpg") == (
        CreditedImage.objects.get(title="bruecke").file.url
    )


def test_unknown_and_draft_ids_do_not_redirect(german_import, reader):
    """?p= for a draft or an unknown ID is not answered with a redirect."""
    assert reader.get("/?p=103").status_code == 200
    assert reader.get("/?p=99999").status_code == 200
    assert not ArticlePage.objects.filter(pk=page_for(103).pk, live=True).exists()


def test_redirect_is_answered_with_few_queries(
    german_import, reader, django_assert_max_num_queries
):
    """The ?p= lookup costs a site lookup and one redirect query, not a scan."""
    with django_assert_max_num_queries(4):
        assert reader.get("/?p=102").status_code == 301
