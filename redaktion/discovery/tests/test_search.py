"""The search page: German word forms, compounds, phrases, prefixes, filters, and odd input."""

from datetime import timedelta

import pytest
from django.utils import timezone

from redaktion.discovery.models import SearchEntry
from redaktion.discovery.services import search_articles
from redaktion.discovery.tests.corpus import SEARCH_CASES
from redaktion.news.tests.factories import make_article, make_home, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def few(db):
    """Two indexed articles: enough for tests about odd input, quicker than the corpus."""
    from redaktion.discovery.services import search_index_rebuild

    section = make_section(make_home(), title="Politik")
    articles = [
        make_article(section, title="Briefwahl auf Rekordniveau", teaser="Die Wahl per Post."),
        make_article(section, title="Haushalt beschlossen", teaser="Der Landtag stimmt zu."),
    ]
    search_index_rebuild()
    return articles


def titles(query, **filters):
    _, results, _ = search_articles(query=query, **filters)
    return [a.title for a in results[0:50]] if results is not None else []


@pytest.mark.parametrize(("query", "expected", "unexpected"), SEARCH_CASES)
def test_search_test_set(corpus, query, expected, unexpected):
    """Each query of the test set finds its expected articles and not the off-topic ones."""
    found = titles(query)
    for title in expected:
        assert title in found, f"{query!r} misses {title!r}; found {found}"
    for title in unexpected:
        assert title not in found, f"{query!r} wrongly finds {title!r}"


def test_compound_part_finds_the_compound(db):
    """„Wahl“ finds an article that only says „Bundestagswahl“, once „Wahl“ is a word of the corpus."""
    from redaktion.discovery.services import search_index_rebuild

    section = make_section(make_home(), title="Politik")
    compound = make_article(
        section,
        title="Kanzlerfrage offen",
        teaser="Die Bundestagswahl entscheidet über das Kanzleramt.",
        body=[{"type": "paragraph", "value": "<p>Der Bundestag bekommt neue Abgeordnete.</p>"}],
    )
    make_article(section, title="Die Wahl im Ausland", teaser="Eine Wahl in Frankreich.")
    search_index_rebuild()
    entry = SearchEntry.objects.get(pk=compound.pk)
    assert "wahl" not in f"{entry.title_tokens} {entry.teaser_tokens} {entry.body_tokens}".split()
    assert compound.title in titles("Wahl")
    assert compound.title in titles("Wahlen")


def test_headline_hits_rank_first(corpus):
    """An article about the word in its headline ranks above one that mentions it in passing."""
    assert titles("Briefwahl")[0] == "Briefwahl auf Rekordniveau"


def test_section_and_date_filters(corpus):
    """Filters narrow the results to a section and a date range."""
    sport = corpus["sections"]["Sport"]
    found = titles("Trainer", section=sport)
    assert found and all(corpus["articles"][t].section_id == sport.pk for t in found)
    today = timezone.localdate()
    assert titles("Trainer", since=today + timedelta(days=1)) == []
    assert titles("Trainer", until=today - timedelta(days=30)) == []


def test_sort_by_date_puts_newest_first(corpus):
    """Sorting by date orders hits newest first."""
    _, results, _ = search_articles(query="Wahl", order="date")
    dates = [a.first_published_at for a in results[0:20]]
    assert dates == sorted(dates, reverse=True) and len(dates) >= 3


def test_unpublished_and_future_articles_are_not_found(db):
    """Drafts, unpublished and future-dated articles never show up."""
    section = make_section(make_home(), title="Politik")
    from redaktion.discovery.services import search_index_rebuild, search_index_update

    live = make_article(section, title="Haushaltsdebatte im Landtag")
    future = make_article(
        section, title="Haushaltsdebatte morgen", published_at=timezone.now() + timedelta(days=1)
    )
    make_article(section, title="Haushaltsdebatte Entwurf", live=False)
    search_index_rebuild()
    search_index_update(article=future)  # even if it slipped into the index
    assert titles("Haushaltsdebatte") == [live.title]
    live.unpublish()
    from redaktion.discovery.services import article_discovery_refresh

    article_discovery_refresh(article_id=live.pk)
    assert titles("Haushaltsdebatte") == []


def test_search_page_highlights_and_paginates(reader, db, django_assert_max_num_queries):
    """Hits are highlighted in a snippet, and page two keeps the query and filters."""
    section = make_section(make_home(), title="Politik")
    for i in range(13):
        make_article(
            section,
            title=f"Bericht {i}",
            teaser="Jede Wahl zählt." if i == 0 else "Ein Bericht.",
            body=[
                {
                    "type": "paragraph",
                    "value": f"<p>Lange Einleitung {i}. Die Bundestagswahl rückt näher.</p>",
                }
            ],
        )
    from redaktion.discovery.services import search_index_rebuild

    search_index_rebuild()
    reader.get("/suche/")  # the first request creates the site settings row
    with django_assert_max_num_queries(10):
        response = reader.get("/suche/", {"q": "Wahl", "sortierung": "datum"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "13 Artikel gefunden" in html
    assert "<mark>Bundestagswahl</mark>" in html
    assert "seite=2" in html and "sortierung=datum" in html and "q=Wahl" in html
    page2 = reader.get("/suche/", {"q": "Wahl", "sortierung": "datum", "seite": 2})
    assert page2.content.decode().count('class="search-result"') == 3
    assert "Set-Cookie" not in page2.headers and "csrfmiddlewaretoken" not in html


def test_search_page_query_count_does_not_grow_with_results(reader, db):
    """Ten hits cost as many queries as one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from redaktion.discovery.services import search_index_rebuild

    section = make_section(make_home(), title="Politik")
    make_article(section, title="Einzelstück Rente")
    for i in range(10):
        make_article(section, title=f"Pflegereform {i}")
    search_index_rebuild()
    reader.get("/suche/", {"q": "Rente"})
    with CaptureQueriesContext(connection) as one:
        reader.get("/suche/", {"q": "Rente", "seite": "1"})
    with CaptureQueriesContext(connection) as ten:
        reader.get("/suche/", {"q": "Pflegereform", "seite": "1"})
    assert len(one) == len(ten)


def test_no_results_page_helps(reader, corpus):
    """Nothing found: tips, a link without filters, and the sections to browse."""
    sport = corpus["sections"]["Sport"]
    response = reader.get("/suche/", {"q": "Quantencomputer", "ressort": sport.slug})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nichts gefunden für „Quantencomputer“" in html
    assert "Ohne Ressort- und Datumsfilter erneut suchen" in html
    assert f'href="{sport.url}"' in html


def test_some_words_fallback(reader, corpus):
    """If no article has every word, articles with some of them are offered, and said so."""
    html = reader.get("/suche/", {"q": "Briefwahl Quantencomputer"}).content.decode()
    assert "Kein Artikel enthält alle Ihre Suchwörter" in html
    assert "Briefwahl auf Rekordniveau" in html


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"""Wahl',
        "Wahl AND OR NOT",
        "NEAR(Wahl Briefwahl)",
        "Wahl* * ** ^ - + ( ) { } : ;",
        "'; DROP TABLE discovery_searchentry; --",
        "\x00\x01\x1b[31mWahl\x7f",
        "W" * 10_000,
        "Wahl " * 2_000,
        "🗳️ Wahl ✓",
        "\\",
        "wahl:* & !briefwahl",
        "title_tokens:wahl",
    ],
)
def test_hostile_queries_never_fail(reader, few, query):
    """Quotes, operators, control characters and 10 KB strings get a page, never a 500."""
    response = reader.get("/suche/", {"q": query})
    assert response.status_code == 200
    assert SearchEntry.objects.count() == len(few)


def test_long_query_is_truncated_with_a_notice(reader, few):
    """A 10 KB query is cut to 200 characters and the page says so."""
    html = reader.get("/suche/", {"q": "Wahl " * 2_000}).content.decode()
    assert "nur nach den ersten 200 Zeichen" in html
    assert "Briefwahl auf Rekordniveau" in html


def test_bad_filters_get_a_clear_message(reader, few):
    """A malformed date or unknown section is explained, not a 500."""
    response = reader.get("/suche/", {"q": "Wahl", "von": "gestern", "ressort": "gibtsnicht"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bitte prüfen Sie Ihre Eingabe" in html
    response = reader.get("/suche/", {"q": "Wahl", "von": "2025-05-01", "bis": "2025-01-01"})
    assert "Das Startdatum liegt nach dem Enddatum." in response.content.decode()
    assert reader.get("/suche/", {"q": "Wahl", "seite": "x9"}).status_code == 200


def test_masthead_has_a_search_form(reader, few):
    """Every page carries a plain GET search form to /suche/."""
    html = reader.get("/").content.decode()
    assert 'action="/suche/"' in html and 'name="q"' in html


def test_counting_stops_at_the_cap(reader, db, monkeypatch):
    """Past the cap the page says „more than“ instead of counting every hit."""
    from redaktion.discovery import services, views
    from redaktion.discovery.services import search_index_rebuild

    section = make_section(make_home(), title="Politik")
    for i in range(4):
        make_article(section, title=f"Rentenreform {i}", teaser="Die Rente.")
    search_index_rebuild()
    monkeypatch.setattr(services, "COUNT_CAP", 3)
    monkeypatch.setattr(views, "COUNT_CAP", 3)
    html = reader.get("/suche/", {"q": "Rente"}).content.decode()
    assert "Mehr als 3 Artikel gefunden" in html


@pytest.fixture
def rent_archive(db, monkeypatch):
    """Six articles on „Rente“, one a day, two sections; the cap lowered to three."""
    from redaktion.discovery import services, views
    from redaktion.discovery.services import search_index_rebuild

    home = make_home()
    politik, wirtschaft = (
        make_section(home, title="Politik"),
        make_section(home, title="Wirtschaft"),
    )
    now = timezone.now()
    articles = [
        make_article(
            wirtschaft if i == 5 else politik,
            title=f"Rentenbericht {i}" if i != 1 else "Rente: die Reform im Überblick",
            teaser="Die Rente und die Beiträge." if i != 1 else "Rente, Rente, Rente.",
            published_at=now - timedelta(days=i + 1),
        )
        for i in range(6)
    ]
    search_index_rebuild()
    monkeypatch.setattr(services, "COUNT_CAP", 3)
    monkeypatch.setattr(views, "COUNT_CAP", 3)
    return {"articles": articles, "politik": politik, "wirtschaft": wirtschaft}


def test_a_capped_list_holds_the_newest_hits_in_both_orders(rent_archive):
    """Past the cap both orders list the same newest hits; relevance puts the best first."""
    articles = rent_archive["articles"]
    _, by_date, _ = search_articles(query="Rente", order="date")
    _, by_relevance, _ = search_articles(query="Rente", order="relevance")
    assert by_date.count() == by_relevance.count() == 3
    assert by_date.capped and by_relevance.capped
    assert [a.pk for a in by_date[0:10]] == [a.pk for a in articles[:3]]
    ranked = [a.pk for a in by_relevance[0:10]]
    assert sorted(ranked) == sorted(a.pk for a in articles[:3])
    assert ranked[0] == articles[1].pk, "the headline hit ranks first within the window"


def test_filters_apply_before_the_cap(rent_archive):
    """A section or date filter reaches hits older than the capped window."""
    articles = rent_archive["articles"]
    oldest = articles[5]
    assert oldest.pk not in {a.pk for a in titles_pk("Rente")}
    in_section = titles_pk("Rente", section=rent_archive["wirtschaft"])
    assert [a.pk for a in in_section] == [oldest.pk]
    day = timezone.localtime(oldest.first_published_at).date()
    assert [a.pk for a in titles_pk("Rente", since=day, until=day)] == [oldest.pk]
    _, results, _ = search_articles(query="Rente", section=rent_archive["politik"])
    assert results.count() == 3 and results.capped


def titles_pk(query, **filters):
    _, results, _ = search_articles(query=query, **filters)
    return results[0:50]


def test_a_capped_page_says_so_and_pages_stop_at_the_cap(reader, rent_archive):
    """The page says „Mehr als“, which hits it lists, and where to find older ones."""
    html = reader.get("/suche/", {"q": "Rente"}).content.decode()
    assert "Mehr als 3 Artikel gefunden" in html
    assert "Angezeigt werden die 3 neuesten, die passendsten zuerst." in html
    assert "Ältere Artikel finden Sie, wenn Sie den Zeitraum eingrenzen" in html
    assert html.count('class="search-result"') == 3
    html = reader.get("/suche/", {"q": "Rente", "sortierung": "datum"}).content.decode()
    assert "Angezeigt werden die 3 neuesten." in html


def test_exactly_the_cap_is_counted_exactly(reader, rent_archive):
    """As many hits as the cap is an exact count, not „more than“."""
    html = reader.get(
        "/suche/", {"q": "Rente", "ressort": rent_archive["politik"].slug, "von": "2000-01-01"}
    ).content.decode()
    assert "Mehr als 3" in html  # five in Politik
    since = timezone.localtime(rent_archive["articles"][2].first_published_at).date()
    html = reader.get("/suche/", {"q": "Rente", "von": since.isoformat()}).content.decode()
    assert "3 Artikel gefunden" in html and "Mehr als" not in html


def test_future_article_in_the_same_index_is_not_counted(db):
    """An entry dated later than now stays out of the count, not only out of the list."""
    from redaktion.discovery.services import search_index_rebuild, search_index_update

    section = make_section(make_home(), title="Politik")
    make_article(section, title="Haushaltsdebatte heute")
    future = make_article(
        section, title="Haushaltsdebatte bald", published_at=timezone.now() + timedelta(hours=2)
    )
    search_index_rebuild()
    search_index_update(article=future)
    _, results, _ = search_articles(query="Haushaltsdebatte")
    assert results.count() == 1


def test_one_and_two_letter_prefixes_are_searched_as_words():
    """„EU*“ would match most of the archive; it is searched as the word „EU“."""
    from redaktion.discovery.query import query_parse

    parsed = query_parse("EU* Wahl*")
    assert parsed.terms == ["eu"] and parsed.prefixes == ["wahl"]


def test_a_search_inside_a_callers_transaction_leaves_it_as_it_was(few):
    """On PostgreSQL the search pins its plan with transaction-local settings; a caller's
    transaction gets its own settings back afterwards, and on both backends it goes on."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        _, results, _ = search_articles(query="Wahl")
        assert results.count() == 1
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan')"
            )
            assert cursor.fetchone() == ("on", "on")
        _, again, _ = search_articles(query="Haushalt")
        assert again.count() == 1
