import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from redaktion.news.tests.factories import (
    make_article,
    make_author,
    make_home,
    make_image,
    make_section,
)
from redaktion.pagecache.store import get_store

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    home = make_home()
    politik = make_section(home, title="Politik", colour="#b3261e")
    kultur = make_section(home, title="Kultur", colour="#a35a00")
    anna = make_author(name="Anna Berg", role="Politik", bio="Schreibt über Landtage.")
    ole = make_author(name="Ole Sänger")
    image = make_image(credit="Foto: Mira Holm")
    lead = make_article(
        politik,
        title="„Wir bleiben“: Größe zeigt sich im Kleinen",
        kicker="Landtag",
        teaser="Ein Vorspann über den Landtag.",
        authors=[anna, ole],
        tags=["Landtag", "Wahlen"],
        lead_image=image,
        lead_image_caption="Der Plenarsaal am Morgen.",
    )
    others = [
        make_article(kultur if i % 2 else politik, title=f"Meldung {i}", lead_image=image)
        for i in range(8)
    ]
    return {
        "home": home,
        "politik": politik,
        "kultur": kultur,
        "anna": anna,
        "lead": lead,
        "others": others,
    }


def test_article_page_shows_the_reference_elements(reader, newsroom):
    """Badge, typographic headline, German date, authors, reading time, credit, tags, „Verpasst?“."""
    lead = newsroom["lead"]
    response = reader.get(lead.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert lead.url == "/politik/wir-bleiben-groesse-zeigt-sich-im-kleinen/"
    assert 'class="badge"' in html and ">Politik</a>" in html
    assert "„Wir bleiben“: Größe zeigt sich im Kleinen" in html
    assert lead.first_published_at.strftime("%Y") in html and "Lesezeit" in html
    assert "Anna Berg</a> und <a" in html
    assert "Foto: Mira Holm" in html and "Der Plenarsaal am Morgen." in html
    assert 'href="/themen/landtag/"' in html
    assert "Verpasst?" in html
    assert 'lang="de"' in html


def missed_block(html):
    return html[
        html.index('<aside class="missed"') : html.index(
            "</aside>", html.index('<aside class="missed"')
        )
    ]


def test_missed_block_never_repeats_the_article(reader, newsroom):
    """„Verpasst?“ shows the six newest other articles, never the one being read."""
    lead = newsroom["lead"]
    block = missed_block(reader.get(lead.url).content.decode())
    assert block.count('<article class="teaser') == 6
    assert lead.url not in block
    other = newsroom["others"][-1]
    assert other.url in missed_block(reader.get(lead.url).content.decode())
    assert other.url not in missed_block(reader.get(other.url).content.decode())


def test_updated_articles_say_so(reader, newsroom, django_capture_on_commit_callbacks):
    """An article republished well after its first appearance says „aktualisiert am …“."""
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    lead = newsroom["lead"]
    assert "aktualisiert" not in reader.get(lead.url).content.decode()
    with (
        time_machine.travel(timezone.now() + timedelta(hours=3)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        lead.save_revision().publish()
    assert "aktualisiert am" in reader.get(lead.url).content.decode()


def test_home_shows_lead_and_sections(reader, newsroom):
    response = reader.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["lead"].pk == newsroom["others"][-1].pk
    assert 'id="ressort-politik"' in html and 'id="ressort-kultur"' in html


def test_section_front_lists_only_its_articles_and_paginates(reader, newsroom):
    for i in range(14):
        make_article(newsroom["kultur"], title=f"Kulturmeldung {i}")
    first = reader.get(newsroom["kultur"].url)
    titles = [a.title for a in first.context["page_obj"]]
    assert len(titles) == 12 and all(t.startswith(("Kultur", "Meldung")) for t in titles)
    assert "Wir bleiben" not in first.content.decode()
    second = reader.get(newsroom["kultur"].url + "?seite=2")
    assert second.status_code == 200 and 'rel="prev"' in second.content.decode()


def test_author_and_tag_pages(reader, newsroom):
    author = reader.get("/autoren/anna-berg/")
    assert author.status_code == 200
    assert "Schreibt über Landtage." in author.content.decode()
    assert [a.pk for a in author.context["page_obj"]] == [newsroom["lead"].pk]
    tag = reader.get("/themen/wahlen/")
    assert tag.status_code == 200 and [a.pk for a in tag.context["page_obj"]] == [
        newsroom["lead"].pk
    ]
    assert reader.get("/autoren/").status_code == 200
    assert reader.get("/autoren/niemand/").status_code == 404


def test_drafts_and_future_articles_are_not_served(reader, newsroom):
    from datetime import timedelta

    from django.utils import timezone

    draft = make_article(newsroom["politik"], title="Entwurf", live=False)
    future = make_article(
        newsroom["politik"], title="Zukunft", published_at=timezone.now() + timedelta(days=1)
    )
    assert reader.get(draft.url or "/politik/entwurf/").status_code == 404
    home = reader.get("/").content.decode()
    assert "Entwurf" not in home and "Zukunft" not in home
    assert reader.get(future.url).status_code == 404


def test_404_page_is_in_the_site_design(reader, newsroom):
    response = reader.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Testzeitung" in response.content.decode()
    assert "noindex" in response.content.decode()


def test_readers_get_no_cookies(reader, newsroom):
    for url in [
        "/",
        newsroom["politik"].url,
        newsroom["lead"].url,
        "/autoren/anna-berg/",
        "/themen/wahlen/",
    ]:
        response = reader.get(url)
        assert response.status_code == 200
        assert not response.cookies, url


@pytest.mark.parametrize("page", ["home", "section", "article"])
def test_query_budget_does_not_grow_with_the_archive(reader, newsroom, page):
    """Home, section front and article page need the same few queries for 10 or 30 articles."""

    def url():
        return {"home": "/", "section": newsroom["politik"].url, "article": newsroom["lead"].url}[
            page
        ]

    def render():
        """Render for a reader, bypassing the page cache."""
        get_store().clear()
        return reader.get(url())

    render()  # warm caches (site root paths, renditions)
    with CaptureQueriesContext(connection) as small:
        render()
    image = make_image()
    for i in range(20):
        make_article(newsroom["politik"], title=f"Mehr {i}", lead_image=image, tags=["Mehr"])
    render()
    with CaptureQueriesContext(connection) as large:
        render()
    assert len(large) == len(small)
    # The article page: routing through the tree (6), navigation and site settings (2), byline,
    # tags, lead image (3), „Verpasst?“ (2), comments (3), related and view counts.
    assert len(large) <= {"home": 14, "section": 14, "article": 24}[page]
