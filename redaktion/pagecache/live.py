"""
Live parts: numbers and blocks that must be current on every response, cached or not.

Templates write a placeholder (`{% live "views" article.pk %}` →
`<!--live:views:12-->`); cached pages keep the placeholder, and every response
fills it just before it leaves, with one batched lookup per kind. Apps register
a resolver per kind: it receives all arguments found on the page and returns
the HTML for each.

A page is split at its placeholders once, when it is stored (`split`); a cache hit
then only looks the values up and joins bytes (`fill_parts`), no pattern matching.
"""

import itertools
import re
import threading
from collections import defaultdict
from functools import lru_cache

PLACEHOLDER = re.compile(rb"<!--live:([a-z_]+):([\w,.:-]{0,400})-->")
# Fragments may contain placeholders of their own (a count inside a teaser).
MAX_DEPTH = 3

_resolvers = {}
# Kinds whose HTML holds further placeholders (a block of teasers): filled first, so
# that the counts inside them are looked up together with the page's own.
_fragments = set()
# Kinds whose values change only together with a page cache invalidation (comment
# counts): kept in this process until the store's sequence moves.
_stable = set()
_memo = {"sequence": None, "values": {}}
_memo_lock = threading.Lock()
# Moved on by changed(): a page filled before a known change is not reused.
_generation = itertools.count()
_current = [next(_generation)]


class Slot(tuple):
    """A placeholder in a split page: ``(kind, arg)`` as text."""

    __slots__ = ()


def register(kind, *, fragment=False, stable=False):
    """Decorator: ``resolver(args, request) -> {arg: html}`` fills ``<!--live:kind:arg-->``.

    ``request`` offers ``META``, ``method``, ``path`` and ``page_cache_meta`` (on a
    cache hit it is not a full Django request). ``fragment``: the HTML contains
    placeholders itself. ``stable``: the values change only when something calls
    pagecache.tags.invalidate(), so they may be remembered.
    """

    def decorator(resolver):
        _resolvers[kind] = resolver
        (_fragments.add if fragment else _fragments.discard)(kind)
        (_stable.add if stable else _stable.discard)(kind)
        return resolver

    return decorator


def forget(kind, arg):
    """Drop a remembered value of a stable kind in this process (other processes drop
    theirs when the next invalidation moves the sequence)."""
    with _memo_lock:
        _memo["values"].pop((kind, str(arg)), None)
    changed()


def changed():
    """Say that a live value changed in this process: pages filled before are not reused."""
    _current[0] = next(_generation)


def generation():
    return _current[0]


def placeholder(kind, arg):
    return f"<!--live:{kind}:{arg}-->"


def split(body):
    """``body`` (bytes) as a tuple of static bytes and Slots, in order."""
    parts = []
    start = 0
    for match in PLACEHOLDER.finditer(body):
        if match.start() > start:
            parts.append(body[start : match.start()])
        parts.append(Slot((match[1].decode(), match[2].decode())))
        start = match.end()
    if start < len(body) or not parts:
        parts.append(body[start:])
    return tuple(parts)


# Fragments („Verpasst?“) come back as the same HTML response after response.
_split_fragment = lru_cache(maxsize=1024)(split)


def fill(body, request):
    """Replace every placeholder in ``body`` (bytes) with its current value."""
    return b"".join(fill_parts(split(body), request)[0])


def fill_parts(parts, request):
    """Fill a split page; return its pieces and the pieces that were filled in.

    The second list is what changes from response to response (values and whole
    fragments): with a digest of the stored page it identifies the response.
    """
    parts = list(parts)
    filled = []
    for _ in range(MAX_DEPTH):
        fragments = _wanted(parts, only=_fragments)
        if not fragments:
            break
        values = _resolve(fragments, request)
        expanded = []
        for part in parts:
            if type(part) is Slot and part in values:
                html = values[part]
                filled.append(html)
                expanded.extend(_split_fragment(html))
            else:
                expanded.append(part)
        parts = expanded
    values = _resolve(_wanted(parts, only=_resolvers.keys() - _fragments), request)
    pieces = []
    for part in parts:
        if type(part) is Slot:
            # Unknown kinds, missing values and fragments nested too deep vanish.
            part = values.get(part, b"")
            filled.append(part)
        pieces.append(part)
    return pieces, filled


def _wanted(parts, *, only):
    wanted = defaultdict(set)
    for part in parts:
        if type(part) is Slot and part[0] in only:
            wanted[part[0]].add(part[1])
    return wanted


def _resolve(wanted, request):
    """Look up every wanted value, one resolver call per kind: ``{Slot: html bytes}``."""
    values = {}
    for kind, args in wanted.items():
        resolver = _resolvers.get(kind)
        if resolver is None:
            continue
        results = _stable_values(kind, args, resolver, request)
        for arg in args:
            values[Slot((kind, arg))] = str(results.get(arg, "")).encode()
    return values


def _stable_values(kind, names, resolver, request):
    if kind not in _stable:
        return resolver(sorted(names), request)
    from redaktion.pagecache.store import get_store

    sequence = get_store().sequence()
    with _memo_lock:
        if _memo["sequence"] != sequence:
            _memo["sequence"], _memo["values"] = sequence, {}
        known = {
            name: _memo["values"][(kind, name)]
            for name in names
            if (kind, name) in _memo["values"]
        }
    missing = sorted(set(names) - set(known))
    if missing:
        fresh = resolver(missing, request)
        with _memo_lock:
            if _memo["sequence"] == sequence:
                _memo["values"].update({(kind, name): fresh.get(name, "") for name in missing})
        known.update(fresh)
    return known
