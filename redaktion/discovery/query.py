"""
Reader queries: parse what was typed, turn it into FTS5 or PostgreSQL tsquery syntax, and
cut highlighted snippets.

Only analysed tokens (letters and digits) ever reach the database, and always as bound
parameters, so quotes, operators, control characters or 10 KB of junk cannot break a query.
"""

import itertools
import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe

from redaktion.discovery.text import WORD_RE, fold, is_stop_word, stem, words

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
# Shorter prefixes match most of the archive and have no prefix index (migration 0004):
# „EU*“ is searched as the word „EU“.
MIN_PREFIX = 3
PHRASE_RE = re.compile(r'"([^"]*)"')
TERM_RE = re.compile(r"([^\W_]+)(\*?)", re.UNICODE)
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass
class ParsedQuery:
    text: str = ""
    truncated: bool = False
    terms: list = field(default_factory=list)
    prefixes: list = field(default_factory=list)
    phrases: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.terms or self.prefixes or self.phrases)

    @property
    def size(self):
        return len(self.terms) + len(self.prefixes) + len(self.phrases)


def clean_query(raw):
    """Return the query as a reader may see it again: no control characters, at most 200 chars."""
    text = CONTROL_RE.sub(" ", raw or "")
    text = " ".join(text.split())
    truncated = len(text) > MAX_QUERY_CHARS
    return text[:MAX_QUERY_CHARS], truncated


def query_parse(raw):
    """Split a query into stems, prefixes (`Wahl*`) and phrases (`"grüne Wende"`)."""
    text, truncated = clean_query(raw)
    parsed = ParsedQuery(text=text, truncated=truncated)
    rest = text
    for match in PHRASE_RE.finditer(text):
        stems = [stem(w) for w in words(match.group(1))]
        if len(stems) == 1:
            parsed.terms.append(stems[0])
        elif stems:
            parsed.phrases.append(stems[:8])
    rest = PHRASE_RE.sub(" ", text)
    loose = []
    for word, star in TERM_RE.findall(rest):
        if len(word) > 40:
            continue
        if star and len(fold(word)) < MIN_PREFIX:
            loose.append(word)
        elif star:
            prefix = fold(word)
            if len(prefix) >= MIN_PREFIX:
                # The index holds stems, so „Wahlen*“ must also match „wahl“; a stem that
                # cuts deeper („Bundest*“ → „bund“) would widen the prefix too much.
                stemmed = stem(word)
                short = (
                    stemmed
                    if prefix.startswith(stemmed) and len(prefix) - len(stemmed) <= 2
                    else prefix
                )
                parsed.prefixes.append(short)
        else:
            loose.append(word)
    # Stop words only count when nothing else was asked: „Die Linke“ still finds „Linke“.
    content = [w for w in loose if not is_stop_word(w)] or loose
    parsed.terms.extend(stem(w) for w in content)
    parsed.terms = list(dict.fromkeys(parsed.terms))
    parsed.prefixes = list(dict.fromkeys(parsed.prefixes))
    # Bound the work a single query can ask for.
    budget = MAX_TERMS
    parsed.phrases = parsed.phrases[:budget]
    budget -= len(parsed.phrases)
    parsed.terms = parsed.terms[: max(budget, 0)]
    budget -= len(parsed.terms)
    parsed.prefixes = parsed.prefixes[: max(budget, 0)]
    return parsed


def _fts_quote(token):
    return '"' + token.replace('"', '""') + '"'


def fts5_expression(parsed, *, match_all=True):
    """Return an FTS5 MATCH expression for ``parsed``."""
    parts = [_fts_quote(t) for t in parsed.terms]
    parts += [_fts_quote(p) + "*" for p in parsed.prefixes]
    parts += ['"' + " ".join(p).replace('"', '""') + '"' for p in parsed.phrases]
    return (" AND " if match_all else " OR ").join(parts)


def _ts_quote(token):
    return "'" + token.replace("'", "''").replace("\\", "") + "'"


def tsquery_expression(parsed, *, match_all=True):
    """Return a `to_tsquery('simple', …)` expression for ``parsed``."""
    parts = [_ts_quote(t) for t in parsed.terms]
    parts += [_ts_quote(p) + ":*" for p in parsed.prefixes]
    parts += ["(" + " <-> ".join(_ts_quote(t) for t in p) + ")" for p in parsed.phrases]
    return (" & " if match_all else " | ").join(parts)


def _matcher(parsed):
    exact = set(parsed.terms) | {t for p in parsed.phrases for t in p}
    prefixes = tuple(parsed.prefixes)
    # Compound hits: „Wahl“ should light up in „Bundestagswahl“ too.
    inner = tuple(t for t in exact if len(t) >= 4)

    def matches(word):
        if len(word) < 2:
            return False
        stemmed = stem(word)
        if stemmed in exact or (prefixes and fold(word).startswith(prefixes)):
            return True
        if inner and len(word) >= 7 and not is_stop_word(word):
            folded = fold(word)
            return any(t in folded[1:] for t in inner)
        return False

    return matches


def snippet(text, parsed, *, length=32):
    """Return the passage of ``text`` with the most hits, hits wrapped in <mark>, HTML-safe."""
    if not text:
        return ""
    # Long bodies: the first 4,000 words are plenty to find a passage.
    tokens = list(itertools.islice(WORD_RE.finditer(text), 4000))
    if not tokens:
        return ""
    matches = _matcher(parsed)
    verdict = {}
    hits = []
    for i, m in enumerate(tokens):
        word = m.group(0)
        if word not in verdict:
            verdict[word] = matches(word)
        if verdict[word]:
            hits.append(i)
    if hits:
        # The window of `length` words that holds the most hits, starting a little before.
        best_start, best_count, j = hits[0], 0, 0
        for k, start in enumerate(hits):
            while j < len(hits) and hits[j] < start + length:
                j += 1
            if j - k > best_count:
                best_start, best_count = start, j - k
        first = max(0, best_start - 4)
    else:
        first = 0
    last = min(len(tokens), first + length)
    hit_set = set(hits)
    begin = tokens[first].start()
    end = tokens[last - 1].end()
    out = ["…" if begin > 0 else ""]
    cursor = begin
    for i in range(first, last):
        m = tokens[i]
        out.append(escape(text[cursor : m.start()]))
        word = escape(m.group(0))
        out.append(f"<mark>{word}</mark>" if i in hit_set else word)
        cursor = m.end()
    out.append(" …" if end < len(text.rstrip()) else escape(text[cursor:end]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped
