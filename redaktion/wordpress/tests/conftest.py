import io
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GERMAN = FIXTURES / "deutsch-wxr-1.2-https.xml"
SHARED_EXPORTS = Path(__file__).resolve().parents[3].parent / "shared" / "wordpress-exports"


@pytest.fixture
def media_dir(tmp_path):
    """An uploads folder with the pictures the German fixture names, except fehlt.jpg."""
    folder = tmp_path / "uploads" / "2024" / "10"
    folder.mkdir(parents=True)
    for name, colour in (
        ("bruecke", (90, 90, 160)),
        ("demo", (160, 60, 60)),
        ("wald", (40, 120, 40)),
    ):
        Image.new("RGB", (80, 60), colour).save(folder / f"{name}.jpg", "JPEG")
    return tmp_path / "uploads"


def run_import(path, **options):
    """Run the management command like a person would; return its stdout."""
    out = io.StringIO()
    call_command("import_wordpress", str(path), stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


@pytest.fixture
def german_import(db, media_dir, tmp_path, django_capture_on_commit_callbacks):
    """Import the German fixture with its uploads folder; return the JSON report.

    The after-commit work (view totals, page cache, search) runs as it does after
    the real command's commits; the test's transaction would otherwise hold it back.
    """
    import json

    report = tmp_path / "report.json"
    with django_capture_on_commit_callbacks(execute=True):
        run_import(GERMAN, media_dir=str(media_dir), report=str(report))
    return json.loads(report.read_text(encoding="utf-8"))
