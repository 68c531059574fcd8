"""
Turn WordPress post HTML into Redaktion article blocks.

The order matters: block comments and page breaks go first, then classic shortcodes
are converted (or removed and counted), then blank lines become paragraphs the way
WordPress's ``wpautop`` does it, then nh3 keeps only the tags this module knows.
What survives is walked once into paragraph, subhead, quote and image blocks.
"""

import re
from collections import Counter
from html import escape, unescape
from html.parser import HTMLParser

import nh3

_BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.S)
_MORE = re.compile(r"<!--\s*more\b.*?-->", re.S)
_NEXTPAGE = re.compile(r"<!--\s*nextpage\s*-->")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
# WordPress's own get_shortcode_regex(), for any shortcode name.
_SHORTCODE = re.compile(
    r"\[(\[?)([\w-]+)(?![\w-])([^\]/]*(?:/(?!\])[^\]/]*)*?)"
    r"(?:(/)\]|\](?:([^\[]*(?:\[(?!/\2\])[^\[]*)*)\[/\2\])?)(\]?)",
    re.S,
)
_ATTR = re.compile(r'([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*\'([^\']*)\'|([\w-]+)\s*=\s*(\S+)')
_BLOCK_START = re.compile(
    r"^\s*<(?:p|h[1-6]|blockquote|ul|ol|li|figure|table|div|pre|hr|dl|section|img|iframe)\b",
    re.I,
)
_URL_LINE = re.compile(r"^\s*(https?://[^\s<>\"]+)\s*$", re.M)
_SENTENCE = re.compile(r"(?<=[.!?…])\s+")
_WP_IMAGE_CLASS = re.compile(r"wp-image-(\d+)")

ALLOWED_TAGS = {
    "p", "br", "a", "b", "strong", "i", "em", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "cite", "ul", "ol", "li", "figure", "figcaption", "img", "table",
    "thead", "tbody", "tr", "th", "td", "pre", "code", "div", "section", "dl", "dt", "dd",
    "span", "sup", "sub", "small", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt", "class", "data-id", "data-wp-id"}}

# Credits as newsrooms write them under pictures.
_CREDIT = re.compile(
    r"(?P<credit>(?:(?:Fotos?|Foto\s*&\s*Text|Bild|Bilder|Photo|Quelle|Grafik|Illustration|Credit)\s*:"
    r"|©|\(c\)|Copyright\b)\s*.+"
    r"|(?:shutterstock|dpa|picture[ -]alliance|getty ?images|imago|istock(?:photo)?|adobe ?stock|"
    r"reuters|ap photo|afp|unsplash|pixabay)\s*/\s*.+)$",
    re.I,
)
_AGENCY = re.compile(
    r"^(shutterstock|dpa|picture[ -]alliance|getty ?images|imago|istock(?:photo)?|adobe ?stock|"
    r"reuters|ap photo|afp|unsplash|pixabay)\s*/",
    re.I,
)


def split_credit(caption):
    """Return ``(caption, credit, source)``: „Demo in Berlin. Foto: Max Mai“ → caption + credit."""
    text = " ".join(unescape(nh3.clean(caption or "", tags=set())).split())
    match = _CREDIT.search(text)
    if not match:
        return text, "", ""
    credit = match.group("credit").strip()
    rest = text[: match.start()].rstrip(" |–—-/,;(").strip()
    agency = _AGENCY.match(credit)
    source = agency.group(1) if agency else ""
    return rest, credit, source


def plain_text(html):
    """Return the visible text of ``html`` with tags dropped and entities decoded."""
    return " ".join(unescape(nh3.clean(html or "", tags=set())).split())


def teaser_from(excerpt, body_text, *, limit=300, enough=120):
    """
    Return the excerpt as text, else the opening of the body: whole sentences from the
    first paragraphs, stopping once ``enough`` characters are there or ``limit`` is near.
    """
    text = plain_text(excerpt)
    if text:
        return text[:600]
    teaser = ""
    for paragraph in body_text.split("\n\n"):
        for sentence in _SENTENCE.split(" ".join(paragraph.split())):
            if teaser and len(teaser) + len(sentence) >= limit:
                return teaser
            teaser = f"{teaser} {sentence}".strip()
        if len(teaser) >= enough:
            break
    return teaser[:600]


def _attrs(raw):
    attrs = {}
    for match in _ATTR.finditer(raw or ""):
        key = match.group(1) or match.group(3) or match.group(5)
        value = match.group(2) if match.group(1) else match.group(4) or match.group(6) or ""
        attrs[key.lower()] = value
    return attrs


def _link_paragraph(url):
    url = escape(url.strip(), quote=True)
    return f'\n\n<p><a href="{url}">{url}</a></p>\n\n'


def convert_shortcodes(html, *, report, gallery_ids=()):
    """Convert the shortcodes Redaktion understands, remove the rest; count both in ``report``."""

    def replace(match):
        if match.group(1) == "[" and match.group(6) == "]":
            # [[tag]] is WordPress's way of writing a literal [tag]; entities keep the
            # next round of the loop from reading it as a shortcode again.
            return "&#91;" + match.group(0)[2:-2] + "&#93;"
        name = match.group(2).lower()
        attrs = _attrs(match.group(3))
        inner = match.group(5) or ""
        if name in ("caption", "wp_caption"):
            report[f"shortcode [{name}] converted"] += 1
            caption = attrs.get("caption", "")
            image = re.search(r"(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?", inner, re.I | re.S)
            if image:
                caption = caption or inner[image.end() :]
                return f"\n\n<figure>{image.group(0)}<figcaption>{caption.strip()}</figcaption></figure>\n\n"
            return inner
        if name == "gallery":
            ids = [part for part in re.split(r"[,\s]+", attrs.get("ids", "")) if part.isdigit()]
            ids = ids or [str(pk) for pk in gallery_ids]
            report["shortcode [gallery] converted" if ids else "shortcode [gallery] empty"] += 1
            return "".join(f'\n\n<figure><img data-wp-id="{pk}"></figure>\n\n' for pk in ids)
        if name == "embed":
            report["shortcode [embed] converted to a link"] += 1
            return (
                _link_paragraph(inner or attrs.get("src", ""))
                if (inner or attrs.get("src"))
                else ""
            )
        if name in ("audio", "video", "playlist"):
            src = attrs.get("src") or next(
                (
                    value
                    for key, value in attrs.items()
                    if key in ("mp3", "m4a", "ogg", "wav", "mp4", "webm", "ogv", "m4v")
                ),
                "",
            )
            report[f"shortcode [{name}] converted to a link"] += 1
            return _link_paragraph(src) if src else ""
        report[f"shortcode [{name}] removed"] += 1
        return inner

    previous = None
    while previous != html:  # shortcodes may nest: [caption] inside a column shortcode
        previous = html
        html = _SHORTCODE.sub(replace, html)
    return html


def autop(html):
    """Wrap loose text in paragraphs the way WordPress's wpautop does, blank line by blank line."""
    html = html.replace("\r\n", "\n").replace("\r", "\n")
    chunks = re.split(r"\n\s*\n", html)
    out = []
    for chunk in chunks:
        chunk = chunk.strip()
        if not chunk:
            continue
        if _BLOCK_START.match(chunk):
            out.append(chunk)
        else:
            out.append("<p>" + re.sub(r"\s*\n\s*", "<br>", chunk) + "</p>")
    return "\n".join(out)


def clean_html(html, *, report, gallery_ids=()):
    """Return post HTML with WordPress markup converted and everything unsafe removed."""
    html = html or ""
    for pattern, label in (
        (_BLOCK_COMMENT, "Gutenberg block comments removed"),
        (_MORE, "<!--more--> removed"),
        (_NEXTPAGE, "<!--nextpage--> removed (pages joined)"),
        (_COMMENT, "HTML comments removed"),
    ):
        html, count = pattern.subn("", html)
        if count:
            report[label] += count
    if re.search(r"<script\b", html, re.I):
        report["scripts removed"] += len(re.findall(r"<script\b", html, re.I))
    if re.search(r"\sstyle\s*=", html, re.I):
        report["inline styles dropped"] += 1
    html = convert_shortcodes(html, report=report, gallery_ids=gallery_ids)
    # oEmbed: a bare URL on its own line becomes a link, never an embed from another host.
    html = _URL_LINE.sub(lambda m: _link_paragraph(m.group(1)), html)
    html = autop(html)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        clean_content_tags={"script", "style", "iframe", "object", "embed", "noscript", "form"},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
    )


class _Node:
    __slots__ = ("attrs", "children", "tag")

    def __init__(self, tag, attrs=None):
        self.tag = tag
        self.attrs = dict(attrs or {})
        self.children = []

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def find(self, tag):
        for child in self.children:
            if isinstance(child, _Node):
                if child.tag == tag:
                    return child
                found = child.find(tag)
                if found is not None:
                    return found
        return None


_VOID = {"br", "img", "hr"}


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = _Node(tag, attrs)
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse_tree(html):
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


class BlockWriter:
    """
    Walk cleaned HTML into StreamField blocks.

    ``link_for(href)`` returns the rich-text form of a link (``("page", id)``, a new URL,
    or None to keep it); ``image_for(wp_id, src)`` returns an image pk or None.
    """

    INLINE = {"a", "b", "strong", "i", "em", "br", "span", "sup", "sub", "small", "code", "cite"}

    def __init__(self, *, link_for, image_for, report):
        self.link_for = link_for
        self.image_for = image_for
        self.report = report
        self.blocks = []
        self._inline = []

    # Inline content -------------------------------------------------------

    def _render_inline(self, node):
        out = []
        for child in node.children:
            if isinstance(child, str):
                out.append(escape(child, quote=False))
                continue
            inner = self._render_inline(child)
            if child.tag in ("b", "strong"):
                out.append(f"<b>{inner}</b>" if inner.strip() else inner)
            elif child.tag in ("i", "em", "cite"):
                out.append(f"<i>{inner}</i>" if inner.strip() else inner)
            elif child.tag == "br":
                out.append("<br/>")
            elif child.tag == "a" and child.attrs.get("href"):
                out.append(self._link(child.attrs["href"], inner))
            elif child.tag == "img":
                continue
            else:
                out.append(inner)
        return "".join(out)

    def _link(self, href, inner):
        target = self.link_for(href)
        if isinstance(target, tuple):
            return f'<a linktype="page" id="{target[1]}">{inner}</a>'
        href = target or href
        if href.startswith("#"):
            return inner  # in-page anchors point nowhere once the page is rebuilt
        return f'<a href="{escape(href, quote=True)}">{inner}</a>'

    def _flush(self):
        html = "".join(self._inline).strip()
        self._inline = []
        if re.sub(r"<br/>|\s", "", html):
            html = re.sub(r"^(?:<br/>\s*)+|(?:\s*<br/>)+$", "", html)
            self.blocks.append({"type": "paragraph", "value": f"<p>{html}</p>"})

    def _paragraph(self, html):
        self._flush()
        self._inline = [html]
        self._flush()

    # Block content --------------------------------------------------------

    def _image(self, img, caption=""):
        wp_id = img.attrs.get("data-wp-id") or img.attrs.get("data-id") or ""
        match = _WP_IMAGE_CLASS.search(img.attrs.get("class", ""))
        if not wp_id and match:
            wp_id = match.group(1)
        pk = self.image_for(int(wp_id) if wp_id.isdigit() else None, img.attrs.get("src", ""))
        if pk is None:
            self.report["inline images not imported"] += 1
            if caption:
                self._paragraph(escape(caption, quote=False))
            return
        text, _credit, _source = split_credit(caption)
        self.blocks.append({"type": "image", "value": {"image": pk, "caption": text[:400]}})

    def _images_in(self, node):
        found = []
        for child in node.children:
            if isinstance(child, _Node):
                if child.tag == "img":
                    found.append(child)
                else:
                    found.extend(self._images_in(child))
        return found

    def walk(self, node):
        for child in node.children:
            if isinstance(child, str):
                if child.strip() or self._inline:
                    self._inline.append(escape(child, quote=False))
                continue
            tag = child.tag
            if tag in self.INLINE:
                if tag == "a" and child.find("img") is not None:
                    self._flush()
                    self.walk(child)
                    continue
                self._inline.append(self._render_inline(_wrap(child)))
            elif tag == "img":
                self._flush()
                self._image(child)
            elif tag == "p":
                self._flush()
                images = self._images_in(child)
                if images:
                    for img in images:
                        self._image(img)
                self._paragraph(self._render_inline(child))
            elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self._flush()
                text = " ".join(child.text().split())
                if text:
                    self.blocks.append({"type": "subhead", "value": text[:255]})
            elif tag == "blockquote":
                self._flush()
                cite = child.find("cite")
                attribution = " ".join(cite.text().split()) if cite is not None else ""
                if cite is not None:
                    _remove(child, cite)
                parts = [
                    " ".join((p.text() if isinstance(p, _Node) else p).split())
                    for p in child.children
                ]
                text = "\n\n".join(part for part in parts if part)
                if text:
                    self.blocks.append(
                        {"type": "quote", "value": {"text": text, "attribution": attribution}}
                    )
            elif tag == "figure":
                self._flush()
                caption_node = child.find("figcaption")
                caption = " ".join(caption_node.text().split()) if caption_node else ""
                images = self._images_in(child)
                if images:
                    for index, img in enumerate(images):
                        self._image(img, caption if index == len(images) - 1 else "")
                else:
                    self.walk(child)
            elif tag in ("ul", "ol"):
                self._flush()
                self.report["lists flattened into paragraphs"] += 1
                number = 0
                for item in child.children:
                    if isinstance(item, _Node) and item.tag == "li":
                        number += 1
                        marker = f"{number}." if tag == "ol" else "•"
                        self._paragraph(f"{marker} {self._render_inline(item).strip()}")
            elif tag == "table":
                self._flush()
                self.report["tables flattened into paragraphs"] += 1
                for row in _descendants(child, "tr"):
                    cells = [
                        " ".join(c.text().split())
                        for c in row.children
                        if isinstance(c, _Node) and c.tag in ("td", "th")
                    ]
                    if any(cells):
                        self._paragraph(escape(" | ".join(cells), quote=False))
            elif tag == "pre":
                self._flush()
                self._paragraph(escape(child.text().strip(), quote=False).replace("\n", "<br/>"))
            elif tag == "hr":
                self._flush()
            else:  # div, section, dl, li outside a list: keep their content
                self._flush()
                self.walk(child)
        return self

    def finish(self):
        self._flush()
        return self.blocks


def _wrap(node):
    wrapper = _Node("span")
    wrapper.children = [node]
    return wrapper


def _remove(parent, target):
    for child in list(parent.children):
        if child is target:
            parent.children.remove(child)
        elif isinstance(child, _Node):
            _remove(child, target)


def _descendants(node, tag):
    for child in node.children:
        if isinstance(child, _Node):
            if child.tag == tag:
                yield child
            yield from _descendants(child, tag)


def html_to_blocks(html, *, link_for, image_for, report, gallery_ids=()):
    """Return StreamField blocks for WordPress post HTML; ``report`` counts what changed."""
    cleaned = clean_html(html, report=report, gallery_ids=gallery_ids)
    writer = BlockWriter(link_for=link_for, image_for=image_for, report=report)
    return writer.walk(parse_tree(cleaned)).finish()


def blocks_to_richtext(blocks):
    """Return rich text for a StandardPage: subheads become h2, quotes paragraphs, images go."""
    parts = []
    for block in blocks:
        if block["type"] == "paragraph":
            parts.append(block["value"])
        elif block["type"] == "subhead":
            parts.append(f"<h2>{escape(block['value'], quote=False)}</h2>")
        elif block["type"] == "quote":
            parts.append(f"<p><i>{escape(block['value']['text'], quote=False)}</i></p>")
    return "".join(parts)


def blocks_text(blocks):
    """Return the text of paragraphs and subheads, one blank line between blocks."""
    return "\n\n".join(
        plain_text(b["value"]) if b["type"] == "paragraph" else b["value"]
        for b in blocks
        if b["type"] in ("paragraph", "subhead")
    )


def new_counter():
    return Counter()
