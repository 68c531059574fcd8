"""
The WordPress theme unit test exports import with everything accounted for.

The expected numbers are counted here from the XML with ElementTree, independently
of the importer's own reader.
"""

import json
import re
from xml.etree import ElementTree

import pytest
from wagtail.models import PageViewRestriction

from redaktion.news.models import ArticlePage
from redaktion.wordpress.comments import comments_available
from redaktion.wordpress.models import WordPressItem
from redaktion.wordpress.tests.conftest import SHARED_EXPORTS, run_import

EXPORTS = ["themeunittestdata.wordpress.xml", "64-block-test-data.xml", "theme-preview.xml"]

pytestmark = pytest.mark.skipif(
    not SHARED_EXPORTS.is_dir(),
    reason=f"the shared WordPress exports are not there ({SHARED_EXPORTS})",
)


def local(tag):
    return tag.rsplit("}", 1)[-1]


def child(element, name):
    for sub in element:
        if local(sub.tag) == name:
            return (sub.text or "").strip()
    return ""


def expected(path):
    """Count posts, pages, comments, categories, tags and authors straight from the XML."""
    channel = ElementTree.parse(path).getroot().find("channel")  # noqa: S314 - trusted test data
    counts = {"post": 0, "page": 0, "comment": 0}
    categories, tags, authors, creators = set(), set(), set(), set()
    nested = 0
    for element in channel:
        name = local(element.tag)
        if name == "author":
            authors.add(child(element, "author_login"))
        elif name == "category":
            categories.add(child(element, "category_nicename"))
        elif name == "tag":
            tags.add(child(element, "tag_slug"))
        elif name == "term" and child(element, "term_taxonomy") in ("category", "post_tag"):
            target = categories if child(element, "term_taxonomy") == "category" else tags
            target.add(child(element, "term_slug"))
        elif name == "item":
            post_type = child(element, "post_type") or "post"
            status = child(element, "status") or "publish"
            if post_type in ("post", "page") and status not in ("trash", "auto-draft"):
                counts[post_type] += 1
                creators.add(child(element, "creator"))
            for sub in element:
                if local(sub.tag) == "category":
                    domain = sub.get("domain", "category")
                    slug = sub.get("nicename") or re.sub(r"\W+", "-", (sub.text or "").lower())
                    {"category": categories, "post_tag": tags}.get(domain, set()).add(slug)
                elif local(sub.tag) == "comment":
                    counts["comment"] += 1
                    nested += child(sub, "comment_parent") not in ("", "0")
    counts["category"] = len(categories)
    counts["tag"] = len(tags)
    counts["author"] = len(authors | (creators - {""}))
    return counts, nested


@pytest.fixture(params=EXPORTS)
def imported(request, db, tmp_path):
    path = SHARED_EXPORTS / request.param
    report_file = tmp_path / "report.json"
    run_import(path, report=str(report_file))
    return path, json.loads(report_file.read_text(encoding="utf-8"))


def test_every_item_is_accounted_for(imported):
    """Each post, page, category, tag and author has a mapping row; each comment a fate."""
    path, report = imported
    counts, _nested = expected(path)
    for kind in ("post", "page", "category", "tag", "author"):
        assert WordPressItem.objects.filter(kind=kind).count() == counts[kind], kind
    fates = sum(
        value
        for bucket in (report["created"], report["skipped"])
        for key, value in bucket.items()
        if key == "comment" or key.startswith("comment:")
    )
    assert fates == counts["comment"]
    assert report["found"]["comment"] == counts["comment"]
    assert not any("nicht importiert" in warning for warning in report["warnings"])


@pytest.mark.django_db
def test_theme_unit_test_hard_cases(tmp_path):
    """Many categories, nested comments, special characters, no title, password, scheduled."""
    path = SHARED_EXPORTS / "themeunittestdata.wordpress.xml"
    report_file = tmp_path / "report.json"
    run_import(path, report=str(report_file))
    report = json.loads(report_file.read_text(encoding="utf-8"))

    def page(wp_id):
        return WordPressItem.objects.get(kind="post", wp_id=str(wp_id)).page.specific

    many = ArticlePage.objects.get(title="Edge Case: Many Categories")
    assert many.tags.count() >= 10
    assert many.section is not None
    special = "Markup: Title With Special Characters ~`!@#$%^&*()-_=+{}[]/\\;:'\"?,.>"
    assert ArticlePage.objects.filter(title=special).count() == 1
    untitled = page(1169)
    assert untitled.title == "Ohne Titel (WordPress-ID 1169)"
    protected = ArticlePage.objects.get(title__startswith="Template: Password Protected")
    assert protected.get_view_restrictions().get().restriction_type == PageViewRestriction.PASSWORD
    scheduled = page(1153)
    assert not scheduled.live
    assert scheduled.latest_revision.approved_go_live_at.year == 2030
    _counts, nested = expected(path)
    assert nested > 0
    if comments_available():
        from redaktion.comments.models import Comment

        assert Comment.objects.filter(parent__isnull=False).count() >= nested - 1
    else:
        assert report["skipped"]["comment: comments app not installed"] > nested
