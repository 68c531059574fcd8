"""Load „Der Rundblick“, the demo newsroom, into an empty site."""

import io
import json
import os
import secrets
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Page, Site

from redaktion.core.models import SiteSettings
from redaktion.demo import illustrations
from redaktion.images.models import CreditedImage
from redaktion.news.models import (
    ArticleAuthor,
    ArticlePage,
    Author,
    HomePage,
    SectionPage,
    StandardPage,
)

CONTENT_DIR = Path(__file__).resolve().parent / "content"
# Alt text says what the generated illustration shows, not what the article is about.
MOTIF_ALT = {
    "parliament": "Illustration: ein Parlamentsgebäude mit Säulen und Kuppel",
    "ballot": "Illustration: eine Wahlurne, in die ein Stimmzettel gesteckt wird",
    "houses": "Illustration: eine Straße mit bunten Mehrfamilienhäusern",
    "crane": "Illustration: ein Baukran über einem Rohbau",
    "wind": "Illustration: Windräder auf einer Hügelkette",
    "power": "Illustration: Strommasten mit Leitungen über flachem Land",
    "chart": "Illustration: ein Balken- und Liniendiagramm",
    "coins": "Illustration: gestapelte Münzen",
    "train": "Illustration: ein Regionalzug auf freier Strecke",
    "tracks": "Illustration: Bahngleise, die zum Horizont führen",
    "city": "Illustration: die Silhouette einer Stadt",
    "newspaper": "Illustration: eine gefaltete Zeitung",
    "hospital": "Illustration: ein Krankenhaus mit rotem Kreuz und Krankenwagen",
    "school": "Illustration: ein Schulgebäude mit Uhr am Giebel",
    "books": "Illustration: Bücher in einem Regal",
    "sun": "Illustration: grelle Sonne über ausgedörrtem, rissigem Boden",
    "rain": "Illustration: Starkregen aus dunklen Wolken über einer Straße",
    "river": "Illustration: ein Hochwasser führender Fluss unter einer Brücke",
    "theatre": "Illustration: eine Theaterbühne mit Vorhang",
    "film": "Illustration: Filmrolle und Filmklappe",
    "museum": "Illustration: ein Museumsbau mit gerahmtem Gemälde",
    "chip": "Illustration: ein Mikrochip mit Leiterbahnen",
    "network": "Illustration: miteinander verbundene Netzknoten",
    "leaf": "Illustration: ein großes grünes Blatt",
}
EDITOR_USERNAME = "redaktion"
# Wide enough for the article column on a high-density screen (760 px × 1.5).
ILLUSTRATION_SIZE = (1280, 720)

IMPRESSUM = """
<h2>Angaben gemäß § 5 DDG</h2>
<p>Der Rundblick ist ein Demonstrationsangebot der Software Redaktion. Alle Artikel, Personen
und Zitate auf dieser Website sind erfunden.</p>
<h2>Verantwortlich für den Inhalt</h2>
<p>Katharina Weiß (fiktive Person), Musterstraße 1, 12345 Lindenau</p>
"""

DATENSCHUTZ = """
<h2>Was wir speichern</h2>
<p>Wer hier nur liest, hinterlässt keine Spuren: Die Website setzt für Leserinnen und Leser keine
Cookies, lädt nichts von fremden Servern und speichert keine IP-Adressen.</p>
<h2>Kommentare</h2>
<p>Wenn Sie kommentieren, speichern wir Ihren Namen, Ihre E-Mail-Adresse (nie veröffentlicht) und
Ihren Text. Auf Wunsch löschen wir alle Ihre Kommentare oder schicken Ihnen eine Kopie.</p>
"""


def read_content():
    newsroom = json.loads((CONTENT_DIR / "newsroom.json").read_text(encoding="utf-8"))
    articles = []
    for path in sorted(CONTENT_DIR.glob("articles_*.json")):
        articles.extend(json.loads(path.read_text(encoding="utf-8"))["articles"])
    newsroom["articles"] = articles
    return newsroom


def demo_is_loaded():
    return HomePage.objects.exists()


@transaction.atomic
def demo_load(*, now=None, stdout=None):
    """Create the demo newsroom once; a second call finds it and changes nothing."""
    if demo_is_loaded():
        return False
    now = now or timezone.now()
    content = read_content()
    home = _create_home(content)
    sections = {
        spec["slug"]: _publish(
            home,
            SectionPage(
                title=spec["name"],
                slug=spec["slug"],
                colour=spec["colour"],
                description=spec["description"],
            ),
        )
        for spec in content["sections"]
    }
    authors = {
        spec["slug"]: _create_author(spec, seed=index)
        for index, spec in enumerate(content["authors"])
    }
    for index, spec in enumerate(content["articles"]):
        _create_article(spec, sections=sections, authors=authors, seed=1000 + index, now=now)
        if stdout and index % 10 == 9:
            stdout.write(f"  {index + 1} Artikel angelegt …")
    _publish(home, StandardPage(title="Impressum", body=IMPRESSUM))
    _publish(home, StandardPage(title="Datenschutz", body=DATENSCHUTZ))
    return True


def _create_home(content):
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title=content["site_name"], slug="start"))
    home.save_revision().publish()
    # Wagtail's migrations create a welcome page and point the default site at it.
    site = Site.objects.filter(is_default_site=True).first() or Site(
        hostname="localhost", is_default_site=True
    )
    old_root_id = site.root_page_id
    site.root_page = home
    site.site_name = content["site_name"]
    site.save()
    if old_root_id and old_root_id != home.pk:
        Page.objects.filter(pk=old_root_id, depth=2).exclude(pk=home.pk).delete()
    SiteSettings.objects.update_or_create(site=site, defaults={"tagline": content["tagline"]})
    return home


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _image(spec, *, seed, title):
    picture = illustrations.draw(spec["motif"], seed=seed, size=ILLUSTRATION_SIZE)
    return _save_image(
        picture, title=title, seed=seed, spec={**spec, "alt": MOTIF_ALT[spec["motif"]]}
    )


def _save_image(picture, *, title, seed, spec):
    buffer = io.BytesIO()
    picture.convert("RGB").save(buffer, "JPEG", quality=84, optimize=True, progressive=True)
    image = CreditedImage(
        title=title[:255],
        description=spec.get("alt", "")[:255],
        credit=spec["credit"],
        source=spec.get("source", ""),
        licence=spec.get("licence", ""),
        file=ImageFile(buffer, name=f"demo-{seed}.jpg"),
    )
    image.save()
    return image


def _create_author(spec, *, seed):
    photo = _save_image(
        illustrations.portrait(spec["name"], seed=seed),
        title=spec["name"],
        seed=500 + seed,
        spec={
            "alt": spec["name"],
            "credit": "Illustration: Der Rundblick",
            "licence": "CC BY 4.0",
        },
    )
    return Author.objects.create(
        name=spec["name"], slug=spec["slug"], role=spec["role"], bio=spec["bio"], photo=photo
    )


def _create_article(spec, *, sections, authors, seed, now):
    body = []
    for offset, block in enumerate(spec["body"]):
        kind = block["type"]
        if kind == "paragraph":
            body.append({"type": "paragraph", "value": f"<p>{_inline(block['text'])}</p>"})
        elif kind == "subhead":
            body.append({"type": "subhead", "value": block["text"]})
        elif kind == "quote":
            body.append(
                {
                    "type": "quote",
                    "value": {"text": block["text"], "attribution": block.get("attribution", "")},
                }
            )
        elif kind == "image":
            image = _image(
                block, seed=seed * 10 + offset, title=block.get("caption") or spec["title"]
            )
            body.append(
                {
                    "type": "image",
                    "value": {"image": image.pk, "caption": block.get("caption", "")},
                }
            )
    lead = spec["image"]
    article = ArticlePage(
        title=spec["title"],
        kicker=spec.get("kicker", ""),
        teaser=spec["teaser"],
        lead_image=_image(lead, seed=seed, title=spec["title"]),
        lead_image_caption=lead.get("caption", ""),
        body=body,
    )
    article.tags.add(*spec.get("tags", []))
    article.article_authors = [
        ArticleAuthor(author=authors[slug], sort_order=order)
        for order, slug in enumerate(spec["authors"])
    ]
    _publish(sections[spec["section"]], article)

    published = (now - timedelta(days=spec["days_ago"])).replace(
        hour=spec.get("hour", 9), minute=(seed * 7) % 60
    )
    if published > now:
        published = now - timedelta(minutes=20 + seed % 40)
    updated = (
        published + timedelta(hours=spec["updated_hours_after"])
        if spec.get("updated_hours_after")
        else published
    )
    updated = min(updated, now)
    ArticlePage.objects.filter(pk=article.pk).update(
        first_published_at=published, last_published_at=updated
    )


def _inline(text):
    """Escape demo text but keep the <em> and <strong> the authors used."""
    escaped = escape(text)
    for tag in ("em", "strong"):
        escaped = escaped.replace(f"&lt;{tag}&gt;", f"<{tag}>").replace(
            f"&lt;/{tag}&gt;", f"</{tag}>"
        )
    return escaped


def demo_editor():
    """Return the demo editor's login, creating the account on first use."""
    login_file = settings.DATA_DIR / "demo-login.txt"
    User = get_user_model()
    user = User.objects.filter(username=EDITOR_USERNAME).first()
    if user and login_file.exists():
        return EDITOR_USERNAME, login_file.read_text().strip()
    password = secrets.token_urlsafe(12)
    if user is None:
        user = User(
            username=EDITOR_USERNAME,
            first_name="Demo",
            last_name="Redakteurin",
            email="redaktion@localhost",
        )
    user.set_password(password)
    user.save()
    for name in ("Editors", "Moderators", "Moderation"):
        group = Group.objects.filter(name=name).first()
        if group:
            user.groups.add(group)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=["news", "core"],
            codename__in=["add_author", "change_author", "delete_author", "change_sitesettings"],
        )
    )
    fd = os.open(login_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(password)
    return EDITOR_USERNAME, password
