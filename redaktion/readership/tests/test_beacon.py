"""Sites behind a CDN count with a same-origin beacon; the same rules apply."""

import pytest

from redaktion.readership.services import views_totals

from .conftest import visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def beacon_mode(settings):
    settings.READERSHIP_BEACON = True


def send(client, article, *, ua=None, **extra):
    return client.post(
        f"/v/{article.pk}",
        REMOTE_ADDR="192.0.2.4",
        HTTP_USER_AGENT=ua
        or "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        **extra,
    )


def total(article):
    return views_totals(article_ids=[article.pk])[article.pk]


def test_the_page_carries_the_beacon_and_the_server_does_not_count(reader, newsroom, beacon_mode):
    article = newsroom["article"]
    html = visit(reader, article.url).content.decode()
    assert f'navigator.sendBeacon("/v/{article.pk}")' in html
    assert html.count("<script>") == 1
    assert "http" not in html[html.index("<script>navigator") :].split("</script>")[0]
    assert total(article) == 0


def test_the_beacon_counts_once_per_visitor(reader, newsroom, beacon_mode):
    article = newsroom["article"]
    first = send(reader, article)
    assert first.status_code == 204
    assert first["Cache-Control"].startswith("max-age=0") or "no-store" in first["Cache-Control"]
    assert not first.cookies
    send(reader, article)
    assert total(article) == 1


def test_the_beacon_ignores_bots_and_prefetches(reader, newsroom, beacon_mode):
    article = newsroom["article"]
    assert send(reader, article, ua="HeadlessChrome/131.0").status_code == 204
    send(reader, article, HTTP_SEC_PURPOSE="prefetch")
    assert total(article) == 0


def test_the_beacon_refuses_what_it_cannot_count(reader, newsroom, beacon_mode):
    article = newsroom["article"]
    assert reader.get(f"/v/{article.pk}").status_code == 405
    assert send(reader, newsroom["politik"]).status_code == 404
    assert reader.post("/v/999999").status_code == 404
    assert reader.post("/v/abc/").status_code == 404
    article.unpublish()
    assert send(reader, article).status_code == 404


def test_without_beacon_mode_there_is_no_script_and_no_endpoint(reader, newsroom):
    article = newsroom["article"]
    assert "sendBeacon" not in visit(reader, article.url).content.decode()
    assert send(reader, article).status_code == 404
