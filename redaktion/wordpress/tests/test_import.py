"""Importing the German fixture: content, images, states, counts, SEO, comments, re-runs."""

import json

import pytest
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction, Revision

from redaktion.images.models import CreditedImage
from redaktion.news.models import ArticlePage, Author, SectionPage, StandardPage, Tag
from redaktion.readership.models import ArticleViews
from redaktion.readership.services import views_totals
from redaktion.wordpress import services
from redaktion.wordpress.comments import comments_available
from redaktion.wordpress.models import WordPressItem
from redaktion.wordpress.tests.conftest import FIXTURES, GERMAN, run_import

SOURCE = "www.beispiel-zeitung.de"


def article(wp_id):
    item = WordPressItem.objects.get(source=SOURCE, kind="post", wp_id=str(wp_id))
    return ArticlePage.objects.get(pk=item.page_id)


def state():
    """Everything a re-run could change, as comparable counts."""
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "redirects": Redirect.objects.count(),
        "images": CreditedImage.objects.count(),
        "items": WordPressItem.objects.count(),
        "authors": Author.objects.count(),
        "tags": Tag.objects.count(),
        "restrictions": PageViewRestriction.objects.count(),
    }


def test_articles_land_in_sections_with_german_slugs_and_tags(german_import):
    """Top-level categories are sections, subcategories tags; slugs follow German rules."""
    assert sorted(SectionPage.objects.values_list("title", "slug")) == [
        ("Archiv", "archiv"),
        ("Grünes Leben", "gruenes-leben"),
        ("Politik", "politik"),
        ("Wirtschaft & Soziales", "wirtschaft-soziales"),
    ]
    bridge = article(101)
    assert bridge.title == "„Größe zählt“: Über Straßen und Brücken"
    assert bridge.slug == "groesse-zaehlt"
    assert bridge.section.slug == "politik"
    assert sorted(bridge.tags.names()) == ["Bundestag", "Energiewende"]
    assert bridge.teaser == "Die marode Brücke spaltet den Stadtrat – ein Überblick."
    assert [a.name for a in bridge.authors] == ["Jürgen Weiß"]
    assert Author.objects.get(name="Ayşe Özdemir").slug == "ayse-oezdemir"
    assert bridge.first_published_at.isoformat() == "2024-10-26T08:15:00+00:00"
    assert bridge.last_published_at.isoformat() == "2024-10-28T09:00:00+00:00"
    # Unused tags are imported too: they are part of the old site's vocabulary.
    assert Tag.objects.filter(name="Unbenutzt").exists()
    assert german_import["created"]["post"] == 7


def test_body_is_cleaned_into_blocks(german_import):
    """Caption, subhead, quote and text survive; script, style and the unknown shortcode do not."""
    bridge = article(101)
    types = [block.block_type for block in bridge.body]
    assert types[:3] == ["paragraph", "image", "paragraph"]
    assert "subhead" in types and "quote" in types
    raw = json.dumps(bridge.body.get_prep_value(), ensure_ascii=False)
    assert "alert" not in raw and "style" not in raw and "umfrage" not in raw
    assert "Zweite Seite des Artikels mit „Anführungszeichen“ &amp; Ampersand." in raw
    image_block = bridge.body[1].value
    assert image_block["caption"] == "Die Brücke bei Nacht."
    assert image_block["image"].credit == "Foto: Max Müller"
    quote = next(b.value for b in bridge.body if b.block_type == "quote")
    assert quote["attribution"] == "Bürgermeisterin Kühn"
    assert german_import["conversions"]["shortcode [umfrage] removed"] == 1


def test_images_carry_credits_and_missing_files_are_reported(german_import):
    """Lead and gallery images come from --media-dir with credits; a missing file is listed."""
    bridge = article(101)
    assert bridge.lead_image.credit == "Foto: Max Müller"
    assert bridge.lead_image.description == "Die Brücke über die Lindenau"
    assert bridge.lead_image_caption == "Die Brücke bei Nacht."
    demo = CreditedImage.objects.get(title="Demo vor dem Rathaus")
    assert demo.credit == "shutterstock/Ivan Petrov – CAMEO"
    assert demo.source == "shutterstock"
    assert demo.width == 80 and demo.height == 60
    assert CreditedImage.objects.get(title="Wald").credit == "© Anna Berg"
    gallery = [b.value["image"].pk for b in article(102).body if b.block_type == "image"]
    assert gallery == [demo.pk, CreditedImage.objects.get(title="Wald").pk]
    assert len(german_import["missing_media"]) == 1
    assert german_import["missing_media"][0].endswith("2024/10/fehlt.jpg")


def test_publication_states_follow_the_stated_rules(german_import):
    """Drafts stay drafts, future posts are scheduled, private needs a login, passwords stay."""
    draft = article(103)
    assert not draft.live
    scheduled = article(104)
    assert not scheduled.live
    assert scheduled.go_live_at.isoformat() == "2031-05-04T16:00:00+00:00"
    assert scheduled.latest_revision.approved_go_live_at == scheduled.go_live_at
    private = article(105)
    assert private.live
    assert private.get_view_restrictions().get().restriction_type == PageViewRestriction.LOGIN
    protected = article(106)
    restriction = protected.get_view_restrictions().get()
    assert restriction.restriction_type == PageViewRestriction.PASSWORD
    assert restriction.password == "geheim"
    public = set(ArticlePage.objects.published().values_list("pk", flat=True))
    assert article(101).pk in public
    assert not {draft.pk, scheduled.pk, private.pk, protected.pk} & public
    untitled = article(107)
    assert untitled.title == "Ohne Titel (WordPress-ID 107)"
    assert untitled.teaser == "Ein Beitrag ohne Überschrift. Er hat trotzdem Text."
    assert untitled.section.slug == "archiv"


def test_sticky_views_and_seo_are_kept(german_import):
    """Sticky flag and view counts sit on the mapping; Yoast and Rank Math fill the SEO fields."""
    bridge_item = WordPressItem.objects.get(source=SOURCE, kind="post", wp_id="101")
    assert bridge_item.legacy_views == 1234
    assert not bridge_item.sticky
    economy_item = WordPressItem.objects.get(source=SOURCE, kind="post", wp_id="102")
    assert economy_item.legacy_views == 55
    assert economy_item.sticky
    bridge = article(101)
    # The old site's views count in the article's total.
    assert ArticleViews.objects.get(article=bridge).legacy_views == 1234
    assert views_totals(article_ids=[bridge.pk])[bridge.pk] == 1234
    assert bridge.seo_title == "„Größe zählt“: Über Straßen und Brücken"
    assert bridge.search_description == "Warum die Brücke in Lindenau neu gebaut werden muss."
    economy = article(102)
    assert economy.seo_title == "Wärmepumpen-Boom in Lindenau"
    assert economy.search_description == "Betriebe stellen um."
    assert economy.teaser == (
        "Die Betriebe in Lindenau stellen um. Wärmepumpen sind gefragt wie nie. "
        "Dritter Satz für den Rest. Zurück zum Brückenstreit."
    )


def test_links_between_posts_become_page_links(german_import):
    """A link to a later post (forward) and a ?p= link (backward) both point to the new pages."""
    bridge, economy = article(101), article(102)
    bridge_raw = json.dumps(bridge.body.get_prep_value())
    assert f'<a linktype=\\"page\\" id=\\"{economy.pk}\\">' in bridge_raw
    assert 'href=\\"https://example.org/extern\\"' in bridge_raw
    economy_raw = json.dumps(economy.body.get_prep_value())
    assert f'<a linktype=\\"page\\" id=\\"{bridge.pk}\\">' in economy_raw
    assert not WordPressItem.objects.filter(links_pending=True).exists()


def test_static_pages_become_standard_pages(german_import):
    """Pages are StandardPages below the home page, with their headings kept."""
    page = StandardPage.objects.get(title="Über uns")
    assert page.slug == "ueber-uns"
    assert page.body == "<h2>Wer wir sind</h2><p>Eine unabhängige Lokalzeitung.</p>"


def test_comments_are_imported_or_reported(german_import):
    """Approved and pending comments are imported with threads; spam and trash never."""
    assert german_import["skipped"]["comment: spam"] == 1
    assert german_import["skipped"]["comment: trash"] == 1
    if comments_available():
        from redaktion.comments.models import Comment

        bridge = article(101)
        comments = {c.name: c for c in Comment.objects.filter(article=bridge)}
        assert set(comments) == {"Lena Schröder", "Max Mustermann", "Jürgen Weiß", "Neu Hier"}
        assert comments["Max Mustermann"].parent == comments["Lena Schröder"]
        assert comments["Jürgen Weiß"].parent == comments["Max Mustermann"]
        assert comments["Neu Hier"].status == "pending"
        assert comments["Lena Schröder"].body == "Endlich! Die Brücke ist gefährlich."
    else:
        assert german_import["skipped"]["comment: comments app not installed"] == 4


def test_second_run_changes_nothing(german_import, media_dir):
    """Running the import again creates and updates nothing."""
    before = state()
    run_import(GERMAN, media_dir=str(media_dir))
    assert state() == before
    report = services.wordpress_import(path=GERMAN, media_dir=media_dir)
    assert report.created == {}
    assert report.updated == {}
    assert report.skipped["post: unchanged"] == 7


def test_changed_post_is_updated_not_duplicated(german_import, media_dir, tmp_path):
    """A newer export of the same site updates the article in place."""
    changed = tmp_path / "neu.xml"
    changed.write_text(
        GERMAN.read_text(encoding="utf-8").replace("Der Stadtrat streitet", "Der Rat streitet"),
        encoding="utf-8",
    )
    pages = Page.objects.count()
    report = services.wordpress_import(path=changed, media_dir=media_dir)
    assert report.updated == {"post": 1}
    assert Page.objects.count() == pages
    assert "Der Rat streitet" in article(101).body_text


@pytest.mark.django_db
def test_interrupted_run_is_completed_by_the_next(media_dir, monkeypatch):
    """Stopping after three items leaves whole items only; the next run finishes the rest."""
    original = services._Importer.item
    calls = {"n": 0}

    def stop_after_three(self, data):
        calls["n"] += 1
        if calls["n"] > 3:
            raise KeyboardInterrupt
        return original(self, data)

    monkeypatch.setattr(services._Importer, "item", stop_after_three)
    with pytest.raises(KeyboardInterrupt):
        services.wordpress_import(path=GERMAN, media_dir=media_dir)
    assert WordPressItem.objects.filter(kind="post").count() == 3
    monkeypatch.setattr(services._Importer, "item", original)
    report = services.wordpress_import(path=GERMAN, media_dir=media_dir)
    assert report.skipped["post: unchanged"] == 3
    assert report.created["post"] == 4
    assert ArticlePage.objects.count() == 7
    assert not WordPressItem.objects.filter(links_pending=True).exists()


@pytest.mark.django_db
def test_dry_run_saves_nothing(media_dir):
    """--dry-run reports what would happen and leaves the database as it was."""
    output = run_import(GERMAN, media_dir=str(media_dir), dry_run=True)
    assert "Probelauf" in output
    assert ArticlePage.objects.count() == 0
    assert WordPressItem.objects.count() == 0
    assert Redirect.objects.count() == 0
    assert CreditedImage.objects.count() == 0


def test_report_names_created_skipped_and_warnings(german_import):
    """The JSON report holds counts by kind and the warnings a person must act on."""
    assert german_import["found"] == {
        "attachment": 4,
        "author": 2,
        "category": 4,
        "comment": 6,
        "page": 1,
        "post": 7,
        "tag": 3,
    }
    assert german_import["created"]["image"] == 3
    assert german_import["skipped"]["term (nav_menu): taxonomy not imported"] == 1
    assert any("107" in warning for warning in german_import["warnings"])
    assert german_import["dry_run"] is False


@pytest.mark.django_db
@pytest.mark.parametrize("version", ["1.0", "1.1"])
def test_old_wxr_versions_import(version):
    """WXR 1.0 and 1.1 files (http:// namespace, no author list) import with their terms."""
    run_import(FIXTURES / f"deutsch-wxr-{version}-http.xml")
    page = ArticlePage.objects.get()
    assert page.title == "Schöne Grüße aus Düsseldorf"
    assert page.slug == "gruesse"
    assert page.section.title == "Kultur"
    assert page.tags.names()[0] == "Theater"
    assert [a.name for a in page.authors] == ["redakteurin"]
    assert page.first_published_at < timezone.now()
