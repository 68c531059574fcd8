"""
Live parts: numbers and blocks that must be current on every response, cached or not.

Templates write a placeholder (`{% live "views" article.pk %}` →
`<!--live:views:12-->`); cached pages keep the placeholder, and every response
fills it just before it leaves, with one batched lookup per kind. Apps register
a resolver per kind: it receives all arguments found on the page and returns
the HTML for each.
"""

import re
from collections import defaultdict

PLACEHOLDER = re.compile(rb"<!--live:([a-z_]+):([\w,.:-]{0,400})-->")
# Fragments may contain placeholders of their own (a count inside a teaser).
MAX_DEPTH = 3

_resolvers = {}


def register(kind):
    """Decorator: ``resolver(args, request) -> {arg: html}`` fills ``<!--live:kind:arg-->``."""

    def decorator(resolver):
        _resolvers[kind] = resolver
        return resolver

    return decorator


def placeholder(kind, arg):
    return f"<!--live:{kind}:{arg}-->"


def fill(body, request):
    """Replace every placeholder in ``body`` (bytes) with its current value."""
    for _ in range(MAX_DEPTH):
        wanted = defaultdict(dict)
        for match in PLACEHOLDER.finditer(body):
            wanted[match[1]][match[2]] = match[0]
        if not wanted:
            break
        values = {}
        for kind, args in wanted.items():
            resolver = _resolvers.get(kind.decode())
            results = resolver(sorted(arg.decode() for arg in args), request) if resolver else {}
            for arg, found in args.items():
                values[found] = str(results.get(arg.decode(), "")).encode()
        body = PLACEHOLDER.sub(lambda m, values=values: values[m[0]], body)
    return body
