"""
What a rendered page shows, and telling the cache when that changed.

While a page renders, templates and views name what it depends on
(`depends_on("page:12", "list:all")`); the page cache stores the page with those
tags. After a change commits, `invalidate()` drops every page that carries one.
"""

import contextvars

from django.db import transaction

from redaktion.pagecache.store import get_store

# Every cached page depends on the site's frame: navigation, name, settings.
LAYOUT = "layout"
# Pages that list the newest articles of the whole site (home, feeds, „Verpasst?“).
LIST_ALL = "list:all"
# The list of all authors.
AUTHOR_LIST = "list:authors"

_collector = contextvars.ContextVar("pagecache_tags", default=None)


def page(pk):
    return f"page:{pk}"


def section_list(pk):
    return f"list:section:{pk}"


def author(pk):
    return f"author:{pk}"


def author_list(pk):
    return f"list:author:{pk}"


def tag(pk):
    return f"tag:{pk}"


def tag_list(pk):
    return f"list:tag:{pk}"


def related_list(pk):
    """The related articles an article page shows (its list is stored, see discovery)."""
    return f"list:related:{pk}"


def image(pk):
    return f"image:{pk}"


def start_collecting():
    """Begin a render; returns a token for `stop_collecting`."""
    return _collector.set(set())


def stop_collecting(token):
    tags = _collector.get()
    _collector.reset(token)
    return tags or set()


def depends_on(*tags):
    """Record that the page being rendered shows what these tags name."""
    collected = _collector.get()
    if collected is not None:
        collected.update(tags)


def invalidate(*tags):
    """Drop every cached page with one of these tags once the current transaction commits."""
    tags = {t for t in tags if t}
    if tags:
        transaction.on_commit(lambda: get_store().invalidate(sorted(tags)))
