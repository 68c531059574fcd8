import pytest

from redaktion.news.tests.factories import (
    make_article,
    make_author,
    make_home,
    make_image,
    make_section,
)


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """These tests look at what the views answer; the page cache is tested on its own."""
    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE if not m.startswith("redaktion.pagecache.")
    ]


@pytest.fixture
def newsroom(db):
    """Two sections, two authors, tags, a lead image with credit: a small newspaper."""
    home = make_home()
    politik = make_section(home, title="Politik", description="Aus Bund und Ländern.")
    kultur = make_section(home, title="Kultur")
    anna = make_author(name="Anna Berg", role="Leiterin Politik", bio="Schreibt über Berlin.")
    jan = make_author(name="Jan Özdemir")
    image = make_image(credit="Foto: Anna Berg / dpa", size=(1600, 900))
    lead = make_article(
        politik,
        title="„Wir bleiben“: Größe zeigt sich im Kleinen",
        teaser="Der Vorspann mit <Sonderzeichen> & „Anführungszeichen“.",
        lead_image=image,
        lead_image_caption="Der Reichstag am Morgen",
        authors=[anna, jan],
        tags=["Bundestag", "Haushalt"],
    )
    review = make_article(kultur, title="Theater im Kiez", authors=[jan], tags=["Bühne"])
    return {
        "home": home,
        "politik": politik,
        "kultur": kultur,
        "anna": anna,
        "jan": jan,
        "image": image,
        "lead": lead,
        "review": review,
    }
