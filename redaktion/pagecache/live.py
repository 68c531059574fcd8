"""
Live parts: numbers and blocks that must be current on every response, cached or not.

Templates write a placeholder (`{% live "views" article.pk %}` →
`<!--live:views:12-->`); cached pages keep the placeholder, and every response
fills it just before it leaves, with one batched lookup per kind. Apps register
a resolver per kind: it receives all arguments found on the page and returns
the HTML for each.
"""

import re
import threading
from collections import defaultdict

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


def register(kind, *, fragment=False, stable=False):
    """Decorator: ``resolver(args, request) -> {arg: html}`` fills ``<!--live:kind:arg-->``.

    ``fragment``: the HTML contains placeholders itself. ``stable``: the values change
    only when something calls pagecache.tags.invalidate(), so they may be remembered.
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


def placeholder(kind, arg):
    return f"<!--live:{kind}:{arg}-->"


def fill(body, request):
    """Replace every placeholder in ``body`` (bytes) with its current value."""
    for _ in range(MAX_DEPTH):
        wanted = defaultdict(dict)
        for match in PLACEHOLDER.finditer(body):
            wanted[match[1].decode()][match[2]] = match[0]
        if not wanted:
            break
        fragments = {kind: args for kind, args in wanted.items() if kind in _fragments}
        # Fragments first: the next round then sees their counts with the page's.
        values = _resolve(fragments or wanted, request)
        body = PLACEHOLDER.sub(lambda m, values=values: values.get(m[0], m[0]), body)
    return PLACEHOLDER.sub(b"", body)


def _resolve(wanted, request):
    values = {}
    for kind, args in wanted.items():
        resolver = _resolvers.get(kind)
        names = {arg.decode(): found for arg, found in args.items()}
        results = _stable_values(kind, names, resolver, request) if resolver else {}
        for name, found in names.items():
            values[found] = str(results.get(name, "")).encode()
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
