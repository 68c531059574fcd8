import pytest

from redaktion.news.tests.factories import make_article, make_home, make_section
from redaktion.readership.store import get_counter

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
)


@pytest.fixture(autouse=True)
def _fresh_counter(settings):
    """Each test starts with no recorded views, also when the store is a shared Redis.

    Views are written at once, so that a test sees each one's effect; the buffered
    path has tests of its own.
    """
    from redaktion.readership import services

    services.buffer.drain()  # views other apps' tests left in this process
    get_counter().clear()
    services._recent.clear()
    settings.READERSHIP_BUFFER_SECONDS = 0
    yield
    get_counter().clear()


@pytest.fixture
def embedded_counter(settings, tmp_path):
    """The embedded counter store (SQLite), also in a run against Redis: for tests that move the
    clock, which Redis's expiry does not follow."""
    from redaktion.readership import store

    settings.REDIS_URL = ""
    settings.DATA_DIR = tmp_path
    store.reset_counter()
    yield store.get_counter()
    store.reset_counter()


@pytest.fixture
def newsroom(db):
    home = make_home()
    politik = make_section(home, title="Politik")
    kultur = make_section(home, title="Kultur")
    return {
        "home": home,
        "politik": politik,
        "kultur": kultur,
        "article": make_article(politik, title="Der Landtag tagt"),
        "other": make_article(kultur, title="Ein Theaterabend"),
    }


def visit(client, url, *, ip="203.0.113.7", ua=FIREFOX, language="de-DE,de;q=0.9", **extra):
    """A reader's GET of a page, with the headers a browser sends."""
    return client.get(
        url, REMOTE_ADDR=ip, HTTP_USER_AGENT=ua, HTTP_ACCEPT_LANGUAGE=language, **extra
    )
