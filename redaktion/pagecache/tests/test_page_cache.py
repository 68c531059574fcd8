import gzip
from datetime import timedelta

import brotli
import pytest
import time_machine
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from redaktion.news.tests.factories import make_article, make_author, make_home, make_section
from redaktion.pagecache import live
from redaktion.pagecache.middleware import PageCacheMiddleware
from redaktion.pagecache.store import Entry, SQLiteStore, get_store

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def newsroom():
    home = make_home()
    politik = make_section(home, title="Politik")
    kultur = make_section(home, title="Kultur")
    anna = make_author(name="Anna Berg")
    article = make_article(politik, title="Der Landtag tagt", authors=[anna], tags=["Landtag"])
    other = make_article(kultur, title="Ein Theaterabend")
    return {
        "home": home,
        "politik": politik,
        "kultur": kultur,
        "anna": anna,
        "article": article,
        "other": other,
    }


def cache_state(client, url):
    return client.get(url).get("X-Cache")


def test_second_request_is_a_hit_with_public_headers(reader, newsroom):
    url = newsroom["article"].url
    first = reader.get(url)
    second = reader.get(url)
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    assert second.content == first.content
    assert second["Cache-Control"] == "public, max-age=60, s-maxage=60"
    assert not second.cookies


def test_a_hit_runs_no_database_query(reader, newsroom, django_assert_num_queries):
    """Served from the cache, even „Verpasst?“ comes from its own cached fragment."""
    url = newsroom["article"].url
    reader.get(url)
    with django_assert_num_queries(0):
        assert reader.get(url)["X-Cache"] == "HIT"


def test_publishing_invalidates_exactly_the_pages_that_show_the_article(reader, newsroom):
    article = newsroom["article"]
    other = newsroom["other"]
    # The other article lists this one among its related articles, so it shows it too.
    affected = [
        other.url,
        "/",
        article.url,
        newsroom["politik"].url,
        "/autoren/anna-berg/",
        "/themen/landtag/",
    ]
    unaffected = [newsroom["kultur"].url]
    for url in affected + unaffected:
        reader.get(url)
    assert "Der Landtag tagt" in reader.get(other.url).content.decode()
    article.title = "Der Landtag vertagt sich"
    article.save_revision().publish()
    for url in affected:
        response = reader.get(url)
        assert response["X-Cache"] == "MISS", url
        assert "Der Landtag vertagt sich" in response.content.decode(), url
    for url in unaffected:
        assert cache_state(reader, url) == "HIT", url


def test_a_new_article_appears_in_missed_on_cached_pages(reader, newsroom):
    """„Verpasst?“ is a live part: a new article shows up without invalidating every article page."""
    url = newsroom["other"].url
    reader.get(url)
    # Nothing in common with the cached page: it must not become a related article there.
    fresh = make_article(
        newsroom["politik"],
        title="Eilmeldung aus dem Rathaus",
        teaser="Bürgermeisterin tritt zurück.",
        body=[{"type": "paragraph", "value": "<p>Rücktritt nach Streit im Rathaus.</p>"}],
    )
    fresh.save_revision().publish()
    response = reader.get(url)
    assert response["X-Cache"] == "HIT"
    assert "Eilmeldung aus dem Rathaus" in response.content.decode()


def test_unpublishing_removes_the_article_everywhere(reader, newsroom):
    article = newsroom["article"]
    for url in ["/", article.url]:
        reader.get(url)
    article.unpublish()
    assert reader.get(article.url).status_code == 404
    assert "Der Landtag tagt" not in reader.get("/").content.decode()


def test_moving_an_article_updates_both_section_fronts(reader, newsroom):
    article = newsroom["article"]
    reader.get(newsroom["politik"].url)
    reader.get(newsroom["kultur"].url)
    article.move(newsroom["kultur"], pos="last-child")
    assert "Der Landtag tagt" not in reader.get(newsroom["politik"].url).content.decode()
    assert "Der Landtag tagt" in reader.get(newsroom["kultur"].url).content.decode()


def test_renaming_an_author_updates_the_byline(reader, newsroom):
    url = newsroom["article"].url
    reader.get(url)
    anna = newsroom["anna"]
    anna.name = "Anna Berg-Holm"
    anna.save()
    assert "Anna Berg-Holm" in reader.get(url).content.decode()


def test_a_scheduled_article_appears_when_its_time_comes(reader, newsroom):
    """The home page is cached, but a future-dated article still appears on time."""
    when = timezone.now() + timedelta(minutes=30)
    make_article(newsroom["politik"], title="Pünktlich um halb", published_at=when)
    assert "Pünktlich um halb" not in reader.get("/").content.decode()
    with time_machine.travel(when + timedelta(minutes=1)):
        # Scheduled publishing runs Wagtail's publish again at go-live time.
        from redaktion.news.models import ArticlePage

        ArticlePage.objects.get(title="Pünktlich um halb").save_revision().publish()
        assert "Pünktlich um halb" in reader.get("/").content.decode()


def test_editors_and_the_admin_are_never_cached(editor_client, newsroom):
    url = newsroom["article"].url
    response = editor_client.get(url)
    assert "X-Cache" not in response
    assert response["Cache-Control"] == "private, no-store"
    admin = editor_client.get("/admin/")
    assert "no-store" in admin["Cache-Control"] or "no-cache" in admin["Cache-Control"]
    assert "private" in admin["Cache-Control"] or "max-age=0" in admin["Cache-Control"]


def test_not_found_pages_are_not_cached(reader, newsroom):
    assert reader.get("/gibt-es-nicht/")["Cache-Control"] == "private, no-store"
    assert "X-Cache" not in reader.get("/gibt-es-nicht/")


def test_etag_answers_304(reader, newsroom):
    url = newsroom["article"].url
    etag = reader.get(url)["ETag"]
    response = reader.get(url, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""


@pytest.mark.parametrize(
    ("encoding", "decompress"), [("br", brotli.decompress), ("gzip", gzip.decompress)]
)
def test_html_is_compressed(reader, newsroom, encoding, decompress):
    url = newsroom["article"].url
    plain = reader.get(url).content
    response = reader.get(url, headers={"accept-encoding": f"{encoding}, deflate"})
    assert response["Content-Encoding"] == encoding
    assert "Accept-Encoding" in response["Vary"]
    assert decompress(response.content) == plain
    assert int(response["Content-Length"]) == len(response.content)


def test_live_parts_are_current_on_cached_pages(settings):
    """A number behind a placeholder changes on a cached page without invalidating it:
    at once when its app says so, otherwise within PAGE_CACHE_LIVE_SECONDS."""
    counts = {"7": 1}
    live.register("testcount")(
        lambda args, request: {arg: f"{counts[arg]} Aufrufe" for arg in args}
    )
    rendered = []

    def view(request):
        rendered.append(request.path)
        return HttpResponse(b"<p>" + live.placeholder("testcount", 7).encode() + b"</p>")

    middleware = PageCacheMiddleware(view)

    def get():
        return middleware(RequestFactory().get("/zaehler/"))

    with time_machine.travel(timezone.now(), tick=False) as clock:
        assert get().content == b"<p>1 Aufrufe</p>"
        assert get()["X-Cache"] == "HIT"
        counts["7"] = 42
        live.changed()
        response = get()
        assert (response["X-Cache"], response.content) == ("HIT", b"<p>42 Aufrufe</p>")
        counts["7"] = 43  # nobody says so: the filled page is reused within the second
        assert get().content == b"<p>42 Aufrufe</p>"
        clock.shift(settings.PAGE_CACHE_LIVE_SECONDS)
        assert get().content == b"<p>43 Aufrufe</p>"
    assert rendered == ["/zaehler/"]


def test_live_parts_nest_and_unknown_ones_vanish():
    """Fragments are filled first, then every count on the page in one lookup per kind."""
    asked = []

    @live.register("testblock", fragment=True)
    def block(args, request):
        return {arg: f"<li>{live.placeholder('testviews', arg)}</li>" for arg in args}

    @live.register("testviews")
    def views(args, request):
        asked.append(sorted(args))
        return {arg: f"{arg}0" for arg in args}

    page = (
        b"<h1>"
        + live.placeholder("testviews", 1).encode()
        + b"</h1><ul>"
        + live.placeholder("testblock", 2).encode()
        + live.placeholder("testblock", 3).encode()
        + b"</ul>"
        + live.placeholder("nichtda", 4).encode()
        + b"!"
    )
    parts = live.split(page)
    assert parts[0] == b"<h1>" and parts[-1] == b"!"
    pieces, filled = live.fill_parts(parts, request=None)
    assert b"".join(pieces) == b"<h1>10</h1><ul><li>20</li><li>30</li></ul>!"
    assert asked == [["1", "2", "3"]]
    assert b"20" in filled and b"<li><!--live:testviews:2--></li>" in filled
    assert live.fill(page, request=None) == b"".join(pieces)


def test_the_etag_follows_the_live_parts(reader, newsroom):
    """A cached page whose count changed gets a new ETag; an unchanged one answers 304."""
    from redaktion.comments.models import Comment
    from redaktion.comments.services import comment_approve

    url = newsroom["article"].url
    etag = reader.get(url)["ETag"]
    assert reader.get(url, headers={"if-none-match": etag}).status_code == 304
    comment = Comment.objects.create(
        article=newsroom["article"],
        name="Leserin",
        email="leserin@example.org",
        body="Gut beobachtet.",
        created_at=timezone.now(),
    )
    comment_approve(comments=[comment])
    response = reader.get(url, headers={"if-none-match": etag})
    assert response.status_code == 200 and response["ETag"] != etag
    assert "1 Kommentar" in response.content.decode()


def test_a_render_that_raced_a_publish_is_not_served(tmp_path):
    """An entry whose render began before an invalidation of its tags is stale."""
    store = SQLiteStore(tmp_path / "cache.sqlite3")
    sequence = store.sequence()
    store.invalidate(["page:1"])  # an editor publishes while the page renders
    store.set("k", Entry(status=200, headers=[], body=b"alt", tags=("page:1",), sequence=sequence))
    assert store.get("k") is None
    store.set(
        "k",
        Entry(status=200, headers=[], body=b"neu", tags=("page:1",), sequence=store.sequence()),
    )
    assert store.get("k").body == b"neu"
    store.invalidate(["page:2"])
    assert store.get("k").body == b"neu"


def test_the_configured_store_invalidates_across_processes(newsroom):
    """The store in use (SQLite file or Redis) honours tags the same way."""
    store = get_store()
    store.set(
        "x", Entry(status=200, headers=[], body=b"a", tags=("page:9",), sequence=store.sequence())
    )
    assert store.get("x").body == b"a"
    store.invalidate(["page:9"])
    assert store.get("x") is None


def wsgi_call(path, method="GET", application=None, **headers):
    """Call redaktion.wsgi as a server would; return status, headers and body."""
    import io

    if application is None:
        from redaktion.wsgi import application

    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.input": io.BytesIO(),
        "wsgi.url_scheme": "http",
        "SERVER_PROTOCOL": "HTTP/1.1",
        **headers,
    }
    started = []
    body = b"".join(application(environ, lambda status, h: started.append((status, dict(h)))))
    return started[0][0], started[0][1], body


def test_the_wsgi_entry_point_answers_hits_before_django(newsroom, monkeypatch):
    """A hit through redaktion.wsgi never reaches Django's request handler."""
    from redaktion.wsgi import application

    url = newsroom["article"].url
    status, headers, body = wsgi_call(url)
    assert status == "200 OK" and headers["X-Cache"] == "MISS"
    monkeypatch.setattr(application, "django_application", None)  # Django must not be needed now
    status, headers, hit = wsgi_call(url)
    assert (status, headers["X-Cache"]) == ("200 OK", "HIT")
    assert hit == body and "Der Landtag tagt" in hit.decode()
    assert wsgi_call(url, "HEAD")[2] == b""


def test_another_process_sees_an_invalidation_at_once(tmp_path):
    """Each worker reads the sequence from shared memory; one worker's invalidation
    reaches another worker's remembered entries on its next request."""
    worker, editor = SQLiteStore(tmp_path / "c.sqlite3"), SQLiteStore(tmp_path / "c.sqlite3")
    worker.set(
        "k",
        Entry(status=200, headers=[], body=b"alt", tags=("page:1",), sequence=worker.sequence()),
    )
    assert worker.get("k").body == b"alt"  # now remembered by the worker
    editor.invalidate(["page:1"])
    assert worker.sequence() == editor.sequence() == 1
    assert worker.get("k") is None


def test_the_shared_sequence_is_rebuilt_from_the_database(tmp_path):
    """A lost sequence file starts from the stored sequence, not from zero, so pages
    rendered afterwards are not taken for stale."""
    store = SQLiteStore(tmp_path / "c.sqlite3")
    store.invalidate(["page:1"])
    store.invalidate(["page:1"])
    store.board_path.unlink()
    restarted = SQLiteStore(tmp_path / "c.sqlite3")
    assert restarted.sequence() == 2
    restarted.set("k", Entry(status=200, headers=[], body=b"neu", tags=("page:1",), sequence=2))
    assert restarted.get("k").body == b"neu"


def test_entries_of_an_older_version_are_misses(tmp_path):
    import pickle

    store = SQLiteStore(tmp_path / "c.sqlite3")
    entry = Entry(status=200, headers=[], body=b"x", tags=(), sequence=0)
    del entry.digest  # as pickled before entries were split at their live parts
    store.db.execute(
        "INSERT INTO entries (key, value, created) VALUES (?, ?, ?)",
        ("k", pickle.dumps(entry), entry.created),
    )
    assert store.get("k") is None


def test_hits_through_wsgi_check_the_host_and_the_session(newsroom):
    """The hit path answers only what Django would: a host ALLOWED_HOSTS names, no session."""
    from django.conf import settings

    def call(**headers):
        status, headers, _body = wsgi_call(newsroom["article"].url, **headers)
        return status, headers.get("X-Cache")

    assert call() == ("200 OK", "MISS")
    assert call() == ("200 OK", "HIT")
    assert call(HTTP_HOST="boese.example")[0].startswith("400")
    session = f"{settings.SESSION_COOKIE_NAME}=abc"
    assert call(HTTP_COOKIE=session) == ("200 OK", None)
    assert call(HTTP_COOKIE="theme=dunkel") == ("200 OK", "HIT")


def test_a_page_rendered_after_its_entry_expired_is_served_again(tmp_path):
    """An entry this process remembered expires; the one rendered next must be used,
    even though no invalidation moved the sequence in between."""
    store = SQLiteStore(tmp_path / "c.sqlite3")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        store.set("k", Entry(status=200, headers=[], body=b"alt", tags=(), sequence=0))
        assert store.get("k").body == b"alt"
        clock.shift(store.ttl + 1)
        assert store.get("k") is None
        store.set("k", Entry(status=200, headers=[], body=b"neu", tags=(), sequence=0))
        assert store.get("k").body == b"neu"


def test_behind_https_a_plain_http_request_is_redirected_not_served(newsroom, settings):
    """With REDAKTION_HTTPS the cache answers only secure requests; the others get
    Django's redirect to HTTPS, cached page or not."""
    from django.core.wsgi import get_wsgi_application

    from redaktion.pagecache.wsgi import CachedPagesApplication

    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Middleware reads these settings once, when the application is made.
    application = CachedPagesApplication(get_wsgi_application())
    url = newsroom["article"].url
    secure = {"HTTP_X_FORWARDED_PROTO": "https"}
    assert wsgi_call(url, application=application, **secure)[1]["X-Cache"] == "MISS"
    assert wsgi_call(url, application=application, **secure)[1]["X-Cache"] == "HIT"
    status, headers, _body = wsgi_call(url, application=application)
    assert status.startswith("301") and headers["Location"] == f"https://testserver{url}"
