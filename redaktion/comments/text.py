"""
Comment text: plain text in, inert HTML out. Only paragraphs, line breaks and
http(s) links survive; everything else a reader types is shown as text.
"""

import re
import unicodedata

import nh3
from django.utils.html import escape

LINK_REL = "nofollow ugc noopener"
URL = re.compile(r"\bhttps?://[^\s<>\"'\x00-\x1f]+", re.IGNORECASE)
TRAILING = ".,;:!?'\")]}»“”‘’"
# Bidirectional overrides and isolates can make text read differently than it is stored.
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def find_urls(text):
    """Return the http(s) URLs in ``text``, without trailing punctuation."""
    urls = []
    for match in URL.finditer(text):
        url = match.group(0)
        while url and url[-1] in TRAILING:
            # A closing bracket that belongs to the URL, as in Wikipedia links, stays.
            if url[-1] == ")" and url.count("(") >= url.count(")"):
                break
            url = url[:-1]
        urls.append((match.start(), match.start() + len(url), url))
    return urls


def _linkify(line):
    parts, last = [], 0
    for start, end, url in find_urls(line):
        parts.append(escape(line[last:start]))
        shown = url if len(url) <= 60 else url[:57] + "…"
        parts.append(f'<a href="{escape(url)}" rel="{LINK_REL}">{escape(shown)}</a>')
        last = end
    parts.append(escape(line[last:]))
    return "".join(parts)


def render_body(text):
    """Escape ``text``, keep paragraphs and line breaks, and link http(s) URLs."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = [p.strip("\n") for p in re.split(r"\n\s*\n", text) if p.strip()]
    html = "".join(
        "<p>" + "<br>".join(_linkify(line) for line in paragraph.split("\n")) + "</p>"
        for paragraph in paragraphs
    )
    # Defence in depth: whatever the code above missed cannot become markup.
    return nh3.clean(
        html,
        tags={"p", "br", "a"},
        attributes={"a": {"href"}},
        url_schemes={"http", "https"},
        link_rel=LINK_REL,
    )


def control_characters(text):
    """Return the invisible control characters in ``text`` (tabs and line breaks are fine)."""
    found = []
    for char in text or "":
        if char in "\t\n\r":
            continue
        if char in BIDI_CONTROLS or unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn"):
            found.append(char)
    return found


def safe_url(url):
    """``url`` if it is an http(s) address, else an empty string (imported rows too)."""
    url = (url or "").strip()
    return url if re.match(r"^https?://[^\s<>\"']+$", url, re.IGNORECASE) else ""
