import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from redaktion.core.text import german_slugify, reading_minutes


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Größe", "groesse"),
        ("Straßenbahn über die Brücke", "strassenbahn-ueber-die-bruecke"),
        ("„Wir bleiben“: Ärzte in Übergröße", "wir-bleiben-aerzte-in-uebergroesse"),
        ("ÖPNV – ein Überblick", "oepnv-ein-ueberblick"),
        ("Café à la carte", "cafe-a-la-carte"),
    ],
)
def test_german_slugs_spell_out_umlauts(title, slug):
    """Umlauts and ß are transliterated the German way, other accents are dropped."""
    assert german_slugify(title) == slug


def test_reading_time_is_at_least_one_minute():
    assert reading_minutes("kurz") == 1
    assert reading_minutes("wort " * 401) == 3


def test_dates_are_german():
    """Dates read „26. Oktober 2024“, not „Oktober 26, 2024“."""
    with translation.override("de"):
        rendered = Template('{{ when|date:"j. F Y" }}').render(
            Context({"when": datetime.date(2024, 10, 26)})
        )
    assert rendered == "26. Oktober 2024"
