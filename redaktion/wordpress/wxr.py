"""
Streaming reader for WordPress eXtended RSS (WXR) 1.0, 1.1 and 1.2.

The file is read with ``iterparse`` and every top-level element of the channel is
dropped as soon as it has been handed out, so memory stays flat however large the
export is. Namespaces are recognised by pattern: WordPress has written both
``http://`` and ``https://`` forms of ``wordpress.org/export/1.x/``.
"""

import re
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

from django.utils import timezone
from django.utils.translation import gettext as _

_WP_NS = re.compile(r"^https?://(?:www\.)?wordpress\.org/export/1\.\d+/(excerpt/)?$")
_KNOWN_NS = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}
_EMPTY_DATE = "0000-00-00 00:00:00"


class WXRError(Exception):
    """The file is not a readable WordPress export; the message says where and why."""


@dataclass
class Export:
    """What the channel says about the site, filled while reading."""

    version: str = ""
    title: str = ""
    link: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    namespace: str = ""
    hosts: set = field(default_factory=set)

    @property
    def source(self):
        """Name the old site by its host, the same on every run."""
        for url in (self.base_blog_url, self.link, self.base_site_url):
            host = urlsplit(url).netloc.lower()
            if host:
                return host[:255]
        return ""


def _name(tag):
    """Turn ``{namespace}local`` into ``prefix:local`` for the namespaces WXR uses."""
    if not tag.startswith("{"):
        return tag
    namespace, local = tag[1:].split("}", 1)
    match = _WP_NS.match(namespace)
    if match:
        return f"{'excerpt' if match.group(1) else 'wp'}:{local}"
    return f"{_KNOWN_NS.get(namespace, namespace)}:{local}"


def _text(element):
    return (element.text or "").strip() if element is not None else ""


def _children(element):
    """Return ``{name: text}`` for the simple children of ``element``."""
    return {_name(child.tag): (child.text or "").strip() for child in element}


def parse_datetime(gmt="", local="", rfc822=""):
    """Return an aware datetime from the GMT, local or RSS date of an item, or None."""
    for value, zone in ((gmt, UTC), (local, None)):
        if value and value != _EMPTY_DATE:
            try:
                moment = datetime.strptime(value[:19], "%Y-%m-%d %H:%M:%S")
            except ValueError:
                continue
            # Local dates carry no zone in the export; the site's zone is the best guess.
            return timezone.make_aware(moment, zone)
    if rfc822:
        try:
            return parsedate_to_datetime(rfc822)
        except (TypeError, ValueError):
            return None
    return None


def _post_id(fields):
    """Return the post ID; exports without ``wp:post_id`` still carry it in ``?p=``."""
    raw = fields.get("wp:post_id", "")
    if raw.isdigit():
        return int(raw)
    for url in (fields.get("guid", ""), fields.get("link", "")):
        values = parse_qs(urlsplit(url).query).get("p") or parse_qs(urlsplit(url).query).get(
            "page_id"
        )
        if values and values[0].isdigit():
            return int(values[0])
    # Stable across runs, so the import stays idempotent; far above real WordPress IDs.
    seed = fields.get("guid") or fields.get("link") or fields.get("title", "")
    return 10**12 + zlib.crc32(seed.encode("utf-8"))


def _item(element):
    fields = {}
    categories, meta, comments = [], {}, []
    for child in element:
        name = _name(child.tag)
        if name == "category":
            categories.append(
                {
                    "domain": child.get("domain", "category"),
                    "nicename": child.get("nicename", ""),
                    "name": (child.text or "").strip(),
                }
            )
        elif name == "wp:postmeta":
            values = _children(child)
            meta[values.get("wp:meta_key", "")] = values.get("wp:meta_value", "")
        elif name == "wp:comment":
            values = {}
            comment_meta = {}
            for part in child:
                part_name = _name(part.tag)
                if part_name == "wp:commentmeta":
                    sub = _children(part)
                    comment_meta[sub.get("wp:meta_key", "")] = sub.get("wp:meta_value", "")
                # The commenter's IP address is never read, so it cannot be stored.
                elif part_name != "wp:comment_author_IP":
                    values[part_name] = part.text or ""
            values["meta"] = comment_meta
            comments.append(values)
        else:
            # Content keeps its whitespace: WordPress turns blank lines into paragraphs.
            text = child.text or ""
            fields[name] = text if name in ("content:encoded", "excerpt:encoded") else text.strip()
    fields["id"] = _post_id(fields)
    fields["categories"] = categories
    fields["meta"] = meta
    fields["comments"] = comments
    return fields


def read_export(path, export=None):
    """
    Yield ``(kind, data)`` for the authors, categories, tags, terms and items of ``path``.

    Raise WXRError with the line number when the XML is malformed or cut off, and when
    the file is not a WordPress export at all.
    """
    export = export if export is not None else Export()
    channel = None
    depth = 0
    seen_wp = False
    try:
        # Expat never loads external entities and, from 2.4.1 on, refuses entity
        # amplification ("billion laughs"), so a hostile export cannot reach out or blow up.
        events = ElementTree.iterparse(str(path), events=("start", "end"))  # noqa: S314
        for event, element in events:
            if event == "start":
                depth += 1
                if depth == 1 and element.tag != "rss":
                    raise WXRError(
                        _(
                            "%(path)s is not a WordPress export: it starts with <%(tag)s>, not <rss>."
                        )
                        % {"path": path, "tag": _name(element.tag)}
                    )
                if depth == 2 and _name(element.tag) == "channel":
                    channel = element
                if not seen_wp and element.tag.startswith("{"):
                    namespace = element.tag[1:].split("}", 1)[0]
                    if _WP_NS.match(namespace) and not namespace.endswith("excerpt/"):
                        seen_wp = True
                        export.namespace = namespace
                continue
            depth -= 1
            if depth != 2 or channel is None:
                continue
            name = _name(element.tag)
            if name == "item":
                yield "item", _item(element)
            elif name == "wp:author":
                yield "author", _children(element)
            elif name == "wp:category":
                yield "category", _children(element)
            elif name == "wp:tag":
                yield "tag", _children(element)
            elif name == "wp:term":
                yield "term", _children(element)
            elif name == "wp:wxr_version":
                export.version = _text(element)
            elif name == "title":
                export.title = _text(element)
            elif name == "link":
                export.link = _text(element)
            elif name == "wp:base_site_url":
                export.base_site_url = _text(element)
            elif name == "wp:base_blog_url":
                export.base_blog_url = _text(element)
            else:
                continue
            channel.remove(element)
    except ElementTree.ParseError as exc:
        line, column = exc.position
        raise WXRError(
            _("%(path)s is not valid XML at line %(line)s, column %(column)s: %(reason)s.")
            % {"path": path, "line": line, "column": column, "reason": str(exc).split(":")[0]}
        ) from None
    except OSError as exc:
        raise WXRError(
            _("%(path)s cannot be read: %(reason)s.") % {"path": path, "reason": exc.strerror}
        ) from None
    if channel is None or not seen_wp:
        raise WXRError(
            _(
                "%(path)s is an RSS file but not a WordPress export (no wordpress.org/export namespace)."
            )
            % {"path": path}
        )
    for url in (export.link, export.base_site_url, export.base_blog_url):
        host = urlsplit(url).netloc.lower()
        if host:
            export.hosts.add(host)
