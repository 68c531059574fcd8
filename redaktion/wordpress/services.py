"""
Import a WordPress export into Redaktion: ``wordpress_import`` is what the command,
the tests and the benchmark call.

The file is read twice. The first pass checks the whole file and notes the small
facts later items need (authors, categories, attachments, old URLs), so a malformed
or truncated file stops the run before anything is written. The second pass imports
item by item, each in its own transaction together with its WordPressItem row: an
interrupted run leaves only whole items behind and the next run continues after them.

Rules, as a newsroom should expect them:
- Top-level categories become sections (an existing section with the same slug is
  reused); subcategories become tags on their posts, and their archive URLs redirect
  to the tag page. Posts without a category go to the section „Archiv“.
- Pages become StandardPages directly below the home page (WordPress page hierarchy is
  flattened, as Redaktion's static pages have no children).
- publish → live with the WordPress dates; future → scheduled (Wagtail go_live_at);
  draft and pending → unpublished drafts; private → live behind a login; a post
  password → Wagtail's password restriction with that password; trash and auto-draft
  are skipped. Sticky posts and view counts are kept on WordPressItem.
- Redirects are written only for items that are (or will go) live.

Search index and related articles are not refreshed per article during the run, which
would cost more with every article already in the archive; they are rebuilt once at
the end. A run that finds the index incomplete (an earlier run was interrupted) rebuilds
it too, even when it has nothing left to import. A run stopped during the last stage,
the related lists, leaves a complete index but some lists empty: ``redaktion manage
discovery_rebuild --skip-index`` fills them.
"""

import hashlib
import json
import re
from collections import Counter, defaultdict
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from redaktion.core.text import german_slugify
from redaktion.discovery.services import (
    discovery_deferred,
    related_compute_all,
    search_index_incomplete,
    search_index_rebuild,
)
from redaktion.images.models import CreditedImage
from redaktion.news.models import (
    ArticleAuthor,
    ArticlePage,
    Author,
    HomePage,
    SectionPage,
    StandardPage,
    Tag,
)
from redaktion.readership.services import article_set_legacy_views
from redaktion.wordpress import comments as wp_comments
from redaktion.wordpress.content import (
    blocks_text,
    blocks_to_richtext,
    html_to_blocks,
    plain_text,
    split_credit,
    teaser_from,
)
from redaktion.wordpress.models import WordPressItem
from redaktion.wordpress.redirects import link_target, old_path, redirect_set
from redaktion.wordpress.wxr import Export, WXRError, parse_datetime, read_export

__all__ = ["ImportReport", "WXRError", "wordpress_import"]

# View-counter plugins: Post Views Counter and many themes (post_views_count),
# WP-PostViews (views), and the underscore variants some themes write.
VIEW_KEYS = ("post_views_count", "views", "_post_views", "post_views")
SEO_TITLE_KEYS = ("_yoast_wpseo_title", "rank_math_title")
SEO_DESCRIPTION_KEYS = ("_yoast_wpseo_metadesc", "rank_math_description")
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"}
PROGRESS_EVERY = 25
_SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.\w+$)")
_SEO_VARIABLE = re.compile(r"%%?[\w-]+%%?")
_LINK = re.compile(r'<a href="([^"]+)">')


@dataclass
class ImportReport:
    """What a run did, for a person (``lines``) and for machines (``as_dict``)."""

    path: str = ""
    dry_run: bool = False
    found: Counter = field(default_factory=Counter)
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    conversions: Counter = field(default_factory=Counter)
    warnings: list = field(default_factory=list)
    missing_media: list = field(default_factory=list)
    remote_media: list = field(default_factory=list)
    # Articles indexed and given related lists by the rebuild at the end, if one ran.
    discovery: Counter = field(default_factory=Counter)

    def warn(self, message):
        self.warnings.append(str(message))

    def as_dict(self):
        return {
            "file": self.path,
            "dry_run": self.dry_run,
            "found": dict(self.found),
            "created": dict(self.created),
            "updated": dict(self.updated),
            "skipped": dict(self.skipped),
            "conversions": dict(self.conversions),
            "warnings": self.warnings,
            "missing_media": self.missing_media,
            "remote_media": self.remote_media,
            "discovery": dict(self.discovery),
        }

    def _discovery_line(self):
        if not self.discovery:
            return _("Search index: unchanged")
        return _("Search index rebuilt: %(indexed)s articles, related articles: %(related)s") % {
            "indexed": self.discovery["indexed"],
            "related": self.discovery["related"],
        }

    def lines(self):
        def summary(counter):
            return ", ".join(f"{key}: {value}" for key, value in sorted(counter.items())) or "–"

        out = [
            _("WordPress import of %(path)s%(dry)s")
            % {"path": self.path, "dry": _(" (dry run, nothing saved)") if self.dry_run else ""},
            _("Found: %(items)s") % {"items": summary(self.found)},
            _("Created: %(items)s") % {"items": summary(self.created)},
            _("Updated: %(items)s") % {"items": summary(self.updated)},
            _("Skipped: %(items)s") % {"items": summary(self.skipped)},
            _("Converted: %(items)s") % {"items": summary(self.conversions)},
            _("Missing media files: %(count)s") % {"count": len(self.missing_media)},
            _("Media only on the old server: %(count)s") % {"count": len(self.remote_media)},
            self._discovery_line(),
            _("Warnings: %(count)s") % {"count": len(self.warnings)},
        ]
        out.extend(f"  – {warning}" for warning in self.warnings[:50])
        if len(self.warnings) > 50:
            out.append(
                _("  … and %(count)s more in the report file") % {"count": len(self.warnings) - 50}
            )
        return out


class _Rollback(Exception):
    """Raised at the end of a dry run to undo everything in one go."""


@dataclass
class _Index:
    """Small facts from the first pass; never post bodies, so memory stays small."""

    export: Export = field(default_factory=Export)
    items: int = 0
    authors: dict = field(default_factory=dict)
    categories: dict = field(default_factory=dict)
    tags: dict = field(default_factory=dict)
    attachments: dict = field(default_factory=dict)
    attachment_urls: dict = field(default_factory=dict)
    children: defaultdict = field(default_factory=lambda: defaultdict(list))


def _scan(path, report):
    index = _Index()
    for kind, data in read_export(path, index.export):
        if kind == "author":
            index.authors[data.get("wp:author_login", "")] = data
            report.found["author"] += 1
        elif kind == "category":
            nicename = data.get("wp:category_nicename", "")
            index.categories[nicename] = {
                "name": data.get("wp:cat_name", "") or nicename,
                "parent": data.get("wp:category_parent", ""),
                "term_id": data.get("wp:term_id", ""),
                "description": data.get("wp:category_description", ""),
            }
        elif kind == "tag":
            nicename = data.get("wp:tag_slug", "")
            index.tags[nicename] = {
                "name": data.get("wp:tag_name", "") or nicename,
                "term_id": data.get("wp:term_id", ""),
            }
        elif kind == "term":
            taxonomy = data.get("wp:term_taxonomy", "")
            nicename = data.get("wp:term_slug", "")
            # WordPress 5+ lists categories and tags a second time as <wp:term>.
            if taxonomy == "category" and nicename not in index.categories:
                index.categories[nicename] = {
                    "name": data.get("wp:term_name", "") or nicename,
                    "parent": data.get("wp:term_parent", ""),
                    "term_id": data.get("wp:term_id", ""),
                    "description": data.get("wp:term_description", ""),
                }
            elif taxonomy == "post_tag" and nicename not in index.tags:
                index.tags[nicename] = {
                    "name": data.get("wp:term_name", "") or nicename,
                    "term_id": data.get("wp:term_id", ""),
                }
            elif taxonomy not in ("category", "post_tag"):
                report.skipped[f"term ({taxonomy or '?'}): taxonomy not imported"] += 1
        else:
            index.items += 1
            post_type = data.get("wp:post_type") or "post"
            report.found[post_type] += 1
            report.found["comment"] += len(data["comments"])
            for category in data["categories"]:
                _note_term(index, category)
            if post_type == "attachment":
                _note_attachment(index, data)
    report.found["category"] += len(index.categories)
    report.found["tag"] += len(index.tags)
    return index


def _note_term(index, category):
    nicename = category["nicename"] or german_slugify(category["name"])
    if category["domain"] == "post_tag" and nicename not in index.tags:
        index.tags[nicename] = {"name": category["name"], "term_id": ""}
    elif category["domain"] == "category" and nicename not in index.categories:
        index.categories[nicename] = {
            "name": category["name"],
            "parent": "",
            "term_id": "",
            "description": "",
        }


def _note_attachment(index, data):
    meta = data["meta"]
    url = data.get("wp:attachment_url") or data.get("guid", "")
    index.attachments[data["id"]] = {
        "url": url,
        "file": meta.get("_wp_attached_file", ""),
        "title": data.get("title", ""),
        "caption": data.get("excerpt:encoded", ""),
        "description": data.get("content:encoded", ""),
        "alt": meta.get("_wp_attachment_image_alt", ""),
        "parent": int(data.get("wp:post_parent") or 0),
        "link": data.get("link", ""),
    }
    index.attachment_urls[_media_key(url)] = data["id"]
    if index.attachments[data["id"]]["parent"]:
        index.children[index.attachments[data["id"]]["parent"]].append(data["id"])


def _media_key(url):
    """Return a host-free key for an upload URL, without the ``-300x200`` size suffix."""
    return _SIZE_SUFFIX.sub("", unquote(urlsplit(url).path))


def _checksum(data):
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


class _Importer:
    def __init__(self, *, index, report, media_dir, dry_run):
        self.index = index
        self.report = report
        self.media_dir = Path(media_dir) if media_dir else None
        self.dry_run = dry_run
        self.hosts = set(index.export.hosts)
        self.source = index.export.source
        self.home = None
        self.sections = {}
        self.term_tags = {}
        self.authors = {}
        self.images = {}
        self.default_section = None

    # Setup: home, authors, categories, tags ------------------------------

    def prepare(self):
        self.home = HomePage.objects.first() or self._create_home()
        for login, data in self.index.authors.items():
            self._author(login, data)
        for nicename in self.index.categories:
            self._category(nicename)
        for nicename, data in self.index.tags.items():
            self._tag(nicename, data)

    def _create_home(self):
        root = Page.get_first_root_node()
        title = self.index.export.title or "Redaktion"
        home = root.add_child(instance=HomePage(title=title, slug="start"))
        home.save_revision().publish(log_action=False)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
        else:
            old_root = site.root_page_id
            site.root_page = home
            site.save()
            Page.objects.filter(pk=old_root, depth=2).exclude(pk=home.pk).delete()
        self.report.created["home page"] += 1
        return home

    def _record(self, kind, wp_id):
        return WordPressItem.objects.filter(
            source=self.source, kind=kind, wp_id=str(wp_id)[:255]
        ).first()

    def _save_record(self, kind, wp_id, *, target=None, page=None, **fields):
        record, _created = WordPressItem.objects.update_or_create(
            source=self.source,
            kind=kind,
            wp_id=str(wp_id)[:255],
            defaults={
                "page": page,
                "content_type": ContentType.objects.get_for_model(target) if target else None,
                "object_id": str(target.pk) if target else "",
                **fields,
            },
        )
        return record

    def _author(self, login, data):
        record = self._record("author", login)
        if record and record.target:
            self.authors[login] = record.target
            self.report.skipped["author: already imported"] += 1
            return record.target
        name = (data.get("wp:author_display_name") or login).strip() or login
        slug = base = german_slugify(name) or german_slugify(login) or "autor"
        number = 1
        while Author.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        author = Author.objects.create(
            name=name[:255], slug=slug, bio=plain_text(data.get("wp:author_description", ""))
        )
        self._save_record("author", login, target=author)
        self.authors[login] = author
        self.report.created["author"] += 1
        nicename = german_slugify(login) or slug
        redirect_set(path=f"/author/{nicename}/", link=author.get_absolute_url())
        redirect_set(path=f"/author/{nicename}/feed/", link=f"{author.get_absolute_url()}feed/")
        if data.get("wp:author_id", "").isdigit():
            redirect_set(path=f"/?author={data['wp:author_id']}", link=author.get_absolute_url())
        return author

    def _author_for(self, login):
        if not login:
            return None
        if login not in self.authors:
            # Exports without <wp:author> entries name the author only in dc:creator.
            self.report.found["author"] += 1
            self._author(login, {})
        return self.authors[login]

    def _category_path(self, nicename):
        chain, seen = [], set()
        while nicename and nicename not in seen and nicename in self.index.categories:
            seen.add(nicename)
            chain.append(nicename)
            nicename = self.index.categories[nicename]["parent"]
        return list(reversed(chain))

    def _category(self, nicename):
        """Top-level categories become sections; subcategories become tags of their posts."""
        chain = self._category_path(nicename)
        data = self.index.categories[nicename]
        record = self._record("category", nicename)
        if len(chain) <= 1:
            section = record.page.specific if record and record.page else None
            if section is None:
                slug = (
                    german_slugify(data["name"]) or german_slugify(unquote(nicename)) or "ressort"
                )
                section = SectionPage.objects.child_of(self.home).filter(
                    slug=slug
                ).first() or self._add_section(data, slug)
                self._save_record("category", nicename, page=section, target=section)
            else:
                self.report.skipped["category: already imported"] += 1
            self.sections[nicename] = section
            target = {"page": section}
            feed = {"link": f"/{section.slug}/feed/"}
        else:
            tag = self._tag_named(data["name"])
            if record is None:
                self._save_record("category", nicename, target=tag)
                self.report.created["category as tag"] += 1
            else:
                self.report.skipped["category: already imported"] += 1
            self.term_tags[nicename] = tag
            target = {"link": tag.get_absolute_url()}
            feed = {"link": f"{tag.get_absolute_url()}feed/"}
        paths = {"/category/" + "/".join(chain) + "/", f"/category/{nicename}/"}
        for path in paths:
            redirect_set(path=path, **target)
            redirect_set(path=path + "feed/", **feed)
        if data["term_id"].isdigit():
            redirect_set(path=f"/?cat={data['term_id']}", **target)

    def _add_section(self, data, slug):
        section = SectionPage(
            title=data["name"][:255], slug=slug, description=plain_text(data["description"])
        )
        self.home.add_child(instance=section)
        section.save_revision().publish(log_action=False)
        self.report.created["section"] += 1
        return section

    def _tag_named(self, name):
        tag = Tag.objects.filter(name=name[:100]).first()
        if tag is None:
            tag = Tag.objects.create(name=name[:100])
        return tag

    def _tag(self, nicename, data):
        record = self._record("tag", nicename)
        if record and record.target:
            tag = record.target
            self.report.skipped["tag: already imported"] += 1
        else:
            tag = self._tag_named(data["name"])
            self._save_record("tag", nicename, target=tag)
            self.report.created["tag"] += 1
        self.term_tags[f"tag:{nicename}"] = tag
        for path in (f"/tag/{nicename}/", f"/?tag={nicename}"):
            redirect_set(path=path, link=tag.get_absolute_url())
        redirect_set(path=f"/tag/{nicename}/feed/", link=f"{tag.get_absolute_url()}feed/")

    # Items ---------------------------------------------------------------

    def item(self, data):
        post_type = data.get("wp:post_type") or "post"
        status = data.get("wp:status") or "publish"
        if post_type == "attachment":
            self._attachment(data["id"])
            return
        if post_type not in ("post", "page"):
            self.report.skipped[f"{post_type}: post type not imported"] += 1
            return
        if status in ("trash", "auto-draft", "inherit"):
            self.report.skipped[f"{post_type}: {status}"] += 1
            self.report.skipped["comment: post not imported"] += len(data["comments"])
            return
        try:
            # Wagtail re-indexes references on every one of the several saves a
            # publish makes; once per item, below, is enough.
            with transaction.atomic(), disable_reference_index_auto_update():
                page = self._page(data, post_type=post_type, status=status)
                if page is not None:
                    ReferenceIndex.create_or_update_for_object(page)
        except Exception as exc:  # one broken post must not stop a migration of thousands
            self.report.skipped[f"{post_type}: error"] += 1
            self.report.warn(
                _("%(type)s %(id)s „%(title)s“ not imported: %(error)s")
                % {
                    "type": post_type,
                    "id": data["id"],
                    "title": data.get("title", ""),
                    "error": exc,
                }
            )

    def _page(self, data, *, post_type, status):
        wp_id = data["id"]
        checksum = _checksum(data)
        record = self._record(post_type, wp_id)
        if record and record.page_id and record.checksum == checksum:
            self.report.skipped[f"{post_type}: unchanged"] += 1
            self.report.skipped["comment: unchanged"] += len(data["comments"])
            return None
        pending = []
        blocks = html_to_blocks(
            data.get("content:encoded", ""),
            link_for=lambda href: self._link(href, pending),
            image_for=self._image_for,
            report=self.report.conversions,
            gallery_ids=self.index.children.get(wp_id, ()),
        )
        title = " ".join(plain_text(data.get("title", "")).split())[:255]
        if not title:
            title = _("Untitled (WordPress ID %(id)s)") % {"id": wp_id}
            self.report.warn(
                _("%(type)s %(id)s has no title; it is now „%(title)s“.")
                % {"type": post_type, "id": wp_id, "title": title}
            )
        published = parse_datetime(
            data.get("wp:post_date_gmt", ""), data.get("wp:post_date", ""), data.get("pubDate", "")
        )
        modified = parse_datetime(
            data.get("wp:post_modified_gmt", ""), data.get("wp:post_modified", "")
        )
        meta = data["meta"]
        page = record.page.specific if record and record.page else None
        created = page is None
        if post_type == "post":
            page, parent = self._article(data, page, blocks=blocks, title=title)
        else:
            parent = self.home
            if page is None:
                page = StandardPage()
            page.title = title
            page.body = blocks_to_richtext(blocks) or "<p></p>"
        page.seo_title = self._seo(meta, SEO_TITLE_KEYS, title)[:255]
        page.search_description = self._seo(meta, SEO_DESCRIPTION_KEYS, title)
        scheduled = status == "future" and published and published > timezone.now()
        page.go_live_at = published if scheduled else None
        if created:
            page.slug = self._slug(parent, data, title)
            page.live = False
            parent.add_child(instance=page)
        revision = page.save_revision(log_action=False)
        if status in ("publish", "private", "future"):
            revision.publish(log_action=False)
            if not scheduled:
                when = published or timezone.now()
                Page.objects.filter(pk=page.pk).update(
                    first_published_at=when, last_published_at=max(when, modified or when)
                )
        elif page.live:
            page.unpublish(log_action=False)
        self._restrict(page, status=status, password=data.get("wp:post_password", ""))
        views = [int(meta[key]) for key in VIEW_KEYS if meta.get(key, "").strip().isdigit()]
        self._save_record(
            post_type,
            wp_id,
            page=page,
            old_url=data.get("link", "")[:1000],
            checksum=checksum,
            sticky=data.get("wp:is_sticky") == "1",
            legacy_views=max(views) if views else None,
            links_pending=bool(pending),
        )
        if post_type == "post" and views:
            # Counted on the old site: added to the article's total from now on.
            article_set_legacy_views(article_id=page.pk, views=max(views))
        (self.report.created if created else self.report.updated)[post_type] += 1
        if status in ("publish", "private", "future"):
            self._redirects(data, page, post_type)
        if post_type == "post":
            wp_comments.comments_import(
                article=page,
                comments=data["comments"],
                report=self.report,
                record=self._record,
                save_record=self._save_record,
            )
        elif data["comments"]:
            self.report.skipped["comment: on a page"] += len(data["comments"])
        return page

    def _article(self, data, page, *, blocks, title):
        section = None
        tags = []
        for category in data["categories"]:
            nicename = category["nicename"] or german_slugify(category["name"])
            if category["domain"] == "category":
                chain = self._category_path(nicename)
                if chain and section is None:
                    section = self.sections.get(chain[0])
                if nicename in self.term_tags:
                    tags.append(self.term_tags[nicename])
            elif category["domain"] == "post_tag" and f"tag:{nicename}" in self.term_tags:
                tags.append(self.term_tags[f"tag:{nicename}"])
        if page is not None:
            section = page.get_parent().specific
        section = section or self._default_section()
        if page is None:
            page = ArticlePage()
        page.title = title
        page.body = blocks
        page.teaser = teaser_from(data.get("excerpt:encoded", ""), blocks_text(blocks)) or title
        thumbnail = data["meta"].get("_thumbnail_id", "")
        page.lead_image_id = self._image_for(int(thumbnail), "") if thumbnail.isdigit() else None
        if page.lead_image_id:
            attachment = self.index.attachments.get(int(thumbnail), {})
            page.lead_image_caption = split_credit(attachment.get("caption", ""))[0][:400]
        if page.pk:
            page.tags.set(tags)
        else:
            page.tags.add(*tags)
        author = self._author_for(data.get("dc:creator", ""))
        page.article_authors = [ArticleAuthor(author=author, sort_order=0)] if author else []
        return page, section

    def _default_section(self):
        if self.default_section is None:
            name = _("Archive")
            slug = german_slugify(name)
            self.default_section = SectionPage.objects.child_of(self.home).filter(
                slug=slug
            ).first() or self._add_section({"name": name, "description": ""}, slug)
        return self.default_section

    def _slug(self, parent, data, title):
        base = german_slugify(unquote(data.get("wp:post_name", ""))) or german_slugify(title)
        base = (base or f"wp-{data['id']}")[:200]
        # One exact lookup per candidate uses the slug index; a prefix match cannot on
        # SQLite and would read every article of the section („artikel-1“ also matches
        # „artikel-10…“).
        siblings = Page.objects.child_of(parent)
        slug, number = base, 1
        while siblings.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug

    @staticmethod
    def _seo(meta, keys, title):
        for key in keys:
            value = meta.get(key, "").strip()
            if value:
                value = value.replace("%%title%%", title).replace("%title%", title)
                value = _SEO_VARIABLE.sub("", value)
                return " ".join(value.split()).strip(" -–|·")
        return ""

    def _restrict(self, page, *, status, password):
        """Private posts need a login; password-protected ones keep their WordPress password."""
        PageViewRestriction.objects.filter(page=page).delete()
        if password:
            PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.PASSWORD, password=password
            )
        elif status == "private":
            PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.LOGIN
            )

    def _redirects(self, data, page, post_type):
        link = data.get("link", "")
        paths = []
        if link and urlsplit(link).path not in ("", "/"):
            paths += [old_path(link), old_path(link) + "/feed"]
        paths.append(f"/?p={data['id']}")
        if post_type == "page":
            paths.append(f"/?page_id={data['id']}")
        guid = data.get("guid", "")
        if urlsplit(guid).netloc.lower() in self.hosts and urlsplit(guid).query:
            paths.append(old_path(guid))
        for path in paths:
            if len(path) > 255:
                self.report.warn(_("Old URL too long for a redirect: %(path)s") % {"path": path})
                continue
            redirect_set(path=path, page=page)

    def _link(self, href, pending):
        target = link_target(href, hosts=self.hosts)
        if target is None and self._is_old_site(href):
            pending.append(href)
        return target

    def _is_old_site(self, href):
        netloc = urlsplit(href).netloc.lower()
        path = urlsplit(href).path
        return (
            netloc in self.hosts or (not netloc and href.startswith("/"))
        ) and not path.startswith("/wp-content/")

    # Images ----------------------------------------------------------------

    def _image_for(self, wp_id, src):
        if wp_id is None and src:
            wp_id = self.index.attachment_urls.get(_media_key(src))
        if wp_id is None:
            if src:
                self.report.remote_media.append(src)
            return None
        return self._attachment(wp_id)

    def _attachment(self, wp_id):
        if wp_id in self.images:
            return self.images[wp_id]
        self.images[wp_id] = None
        record = self._record("attachment", wp_id)
        if record and record.object_id:
            self.images[wp_id] = int(record.object_id)
            self.report.skipped["attachment: already imported"] += 1
            return self.images[wp_id]
        data = self.index.attachments.get(wp_id)
        if data is None:
            self.report.warn(
                _("Attachment %(id)s is referenced but not in the export.") % {"id": wp_id}
            )
            return None
        relative = data["file"] or _uploads_relative(data["url"])
        if Path(relative).suffix.lower() not in IMAGE_SUFFIXES:
            self.report.skipped["attachment: not an image"] += 1
            return None
        if self.media_dir is None:
            self.report.remote_media.append(data["url"])
            return None
        path = self.media_dir / relative
        if not path.is_file():
            self.report.missing_media.append(str(path))
            return None
        _caption, credit, source = split_credit(data["caption"])
        if not credit:
            _rest, credit, source = split_credit(plain_text(data["description"]))
        if not credit:
            self.report.warn(
                _("Image without a credit, please add one: %(file)s") % {"file": relative}
            )
        if self.dry_run:
            self.report.created["image (dry run)"] += 1
            return None
        try:
            with transaction.atomic(), path.open("rb") as handle:
                image = CreditedImage(
                    title=(plain_text(data["title"]) or path.stem)[:255],
                    description=plain_text(data["alt"])[:255],
                    credit=credit[:255],
                    source=source[:255],
                    file=ImageFile(handle, name=path.name),
                )
                image._set_image_file_metadata()
                image.save()
                self._save_record("attachment", wp_id, target=image, old_url=data["url"][:1000])
        except Exception as exc:  # a broken picture is reported, not fatal
            self.report.skipped["attachment: unreadable"] += 1
            self.report.warn(
                _("Image %(file)s could not be imported: %(error)s")
                % {"file": relative, "error": exc}
            )
            return None
        self.report.created["image"] += 1
        self.images[wp_id] = image.pk
        return image.pk

    # After all items -------------------------------------------------------

    def finish(self):
        self._attachment_redirects()
        self._resolve_pending_links()

    def _attachment_redirects(self):
        for wp_id, data in self.index.attachments.items():
            image_pk = self.images.get(wp_id)
            if image_pk is None:
                record = self._record("attachment", wp_id)
                image_pk = int(record.object_id) if record and record.object_id else None
            parent = self._record("post", data["parent"]) if data["parent"] else None
            target = {"page": parent.page} if parent and parent.page_id else None
            image = CreditedImage.objects.filter(pk=image_pk).first() if image_pk else None
            if image is not None:
                uploads = urlsplit(data["url"]).path
                if uploads.startswith("/") and len(uploads) <= 255:
                    redirect_set(path=uploads, link=image.file.url)
                target = target or {"link": image.file.url}
            if target is None:
                continue
            if data["link"] and urlsplit(data["link"]).path not in ("", "/"):
                redirect_set(path=old_path(data["link"]), **target)
            redirect_set(path=f"/?attachment_id={wp_id}", **target)

    def _resolve_pending_links(self):
        pending = WordPressItem.objects.filter(source=self.source, links_pending=True)
        for record in pending.select_related("page"):
            if record.page is None:
                continue
            page = record.page.specific
            unresolved = []

            def rewrite(match, unresolved=unresolved):
                href = match.group(1).replace("&amp;", "&")
                if not self._is_old_site(href):
                    return match.group(0)
                target = link_target(href, hosts=self.hosts)
                if isinstance(target, tuple):
                    return f'<a linktype="page" id="{target[1]}">'
                if target:
                    return f'<a href="{target}">'
                unresolved.append(match.group(1))
                return match.group(0)

            with transaction.atomic():
                if isinstance(page, ArticlePage):
                    blocks = page.body.raw_data
                    for block in blocks:
                        if block["type"] == "paragraph":
                            block["value"] = _LINK.sub(rewrite, block["value"])
                    page.body = blocks
                else:
                    page.body = _LINK.sub(rewrite, page.body)
                revision = page.save_revision(log_action=False)
                if page.live:
                    first, last = page.first_published_at, page.last_published_at
                    revision.publish(log_action=False)
                    Page.objects.filter(pk=page.pk).update(
                        first_published_at=first, last_published_at=last
                    )
                WordPressItem.objects.filter(pk=record.pk).update(links_pending=False)
            self.report.conversions["links to the old site rewritten after import"] += 1
            for href in unresolved:
                self.report.warn(
                    _(
                        "Link in „%(title)s“ points to the old site but nothing was imported for it: %(href)s"
                    )
                    % {"title": page.title, "href": href}
                )


def _uploads_relative(url):
    path = unquote(urlsplit(url).path)
    for marker in ("/wp-content/uploads/", "/files/"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path.rsplit("/", 1)[-1]


def wordpress_import(*, path, media_dir=None, dry_run=False, progress=None):
    """
    Import the WordPress export at ``path``; return an ImportReport.

    Raise WXRError, before anything is written, when the file cannot be read as WXR.
    ``progress(done, total)`` is called every few items, and ``progress(done, total,
    stage=…)`` every thousand articles of the discovery rebuild at the end.
    """
    report = ImportReport(path=str(path), dry_run=dry_run)
    index = _scan(path, report)
    if media_dir is not None and not Path(media_dir).is_dir():
        raise WXRError(_("The media folder %(path)s does not exist.") % {"path": media_dir})
    importer = _Importer(index=index, report=report, media_dir=media_dir, dry_run=dry_run)
    try:
        with transaction.atomic() if dry_run else nullcontext(), discovery_deferred() as held_back:
            with transaction.atomic():
                importer.prepare()
            done = 0
            for kind, data in read_export(path):
                if kind != "item":
                    continue
                importer.item(data)
                done += 1
                if progress and (done % PROGRESS_EVERY == 0 or done == index.items):
                    progress(done, index.items)
            importer.finish()
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    if not dry_run and (held_back or search_index_incomplete()):
        _discovery_rebuild(report, progress)
    report.remote_media = sorted(set(report.remote_media))
    return report


def _discovery_rebuild(report, progress):
    """Index every published article and compute its related list, once, after the items."""
    total = ArticlePage.objects.published().count()
    stages = (
        ("indexed", _("Search index"), search_index_rebuild),
        ("related", _("Related articles"), related_compute_all),
    )
    for key, name, rebuild in stages:
        shown = [None]

        def step(done, name=name, shown=shown):
            shown[0] = done
            progress(done, total, stage=name)

        report.discovery[key] = rebuild(progress=step if progress else None)
        if progress and shown[0] != report.discovery[key]:
            progress(report.discovery[key], report.discovery[key], stage=name)
