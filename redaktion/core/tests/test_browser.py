"""Home and article page in a real browser: headless Chromium against a live server."""

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from redaktion.news.tests.factories import (
    make_article,
    make_author,
    make_home,
    make_image,
    make_section,
)

CHROMIUM = (
    shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install chromium)"
    ),
]


def chromium(url, *, out_dir):
    """Render ``url``; return the DOM after scripts ran and every URL the browser requested."""
    net_log = out_dir / "net-log.json"
    result = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={out_dir / 'profile'}",
            f"--log-net-log={net_log}",
            "--window-size=1280,2000",
            "--virtual-time-budget=5000",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout, page_requests(json.loads(net_log.read_text(errors="replace")))


def page_requests(net_log):
    """URLs the page asked for; Chromium's own background requests carry no origin as initiator."""
    event_types = {number: name for name, number in net_log["constants"]["logEventTypes"].items()}
    return {
        event["params"]["url"]
        for event in net_log["events"]
        if event_types.get(event["type"]) == "URL_REQUEST_START_JOB"
        and "url" in event.get("params", {})
        and event["params"].get("initiator") != "not an origin"
    }


@pytest.fixture
def newsroom():
    home = make_home(title="Der Rundblick")
    politik = make_section(home, title="Politik")
    anna = make_author(name="Anna Berg")
    image = make_image(credit="Foto: Mira Holm", size=(800, 450))
    article = make_article(
        politik,
        title="„Wir bleiben“: Die Größe der Stadt",
        teaser="Ein Vorspann.",
        authors=[anna],
        lead_image=image,
        tags=["Stadt"],
    )
    # More than the related block shows: the later articles join this article's related
    # list when they are published, and „Verpasst?“ lists only what that block does not.
    for i in range(8):
        make_article(politik, title=f"Weitere Meldung {i}", lead_image=image)
    return article


def test_pages_render_and_request_nothing_from_other_hosts(live_server, newsroom):
    host = urlsplit(live_server.url).hostname
    with tempfile.TemporaryDirectory() as tmp:
        dom, requested = chromium(live_server.url + newsroom.url, out_dir=Path(tmp))
        home_dom, home_requested = chromium(live_server.url + "/", out_dir=Path(tmp) / "home")
    assert '<h1 class="headline">„Wir bleiben“: Die Größe der Stadt</h1>' in dom
    assert 'class="badge"' in dom and "Foto: Mira Holm" in dom and "Verpasst?" in dom
    assert "Weitere Meldung 3" in home_dom
    http_hosts = {
        urlsplit(url).hostname for url in requested | home_requested if url.startswith("http")
    }
    assert http_hosts == {host}, f"requests left {host}: {http_hosts}"
    loaded = {urlsplit(url).path for url in requested}
    assert any(path.endswith(".css") for path in loaded)
    assert any(path.endswith(".webp") for path in loaded)


def test_article_page_is_accessible_in_structure(live_server, newsroom):
    """One h1, landmarks, a language, and an alt attribute on every image."""
    with tempfile.TemporaryDirectory() as tmp:
        dom, _ = chromium(live_server.url + newsroom.url, out_dir=Path(tmp))
    assert dom.count("<h1") == 1
    assert '<html lang="de"' in dom
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in dom, landmark
    images = re.findall(r"<img [^>]*>", dom)
    assert images
    for img in images:
        assert " alt=" in img, img
