from django.template.loader import render_to_string

from redaktion.news.models import ArticlePage
from redaktion.pagecache import live, tags
from redaktion.pagecache.store import Entry, get_store

MISSED_COUNT = 6


def article_missed(*, article_id, exclude=(), count=MISSED_COUNT):
    """Return the newest articles for „Verpasst?“, never the article itself or what the page shows elsewhere."""
    shown = {article_id, *exclude}
    return list(ArticlePage.objects.published().exclude(pk__in=shown).for_listing()[:count])


@live.register("missed", fragment=True)
def missed_block(args, request):
    """Fill „Verpasst?“ on every response, so that a new article shows up without re-rendering every page.

    The argument is the article's id followed by the ids the page already shows.
    The rendered block is cached on its own, tagged with the articles it lists.
    """
    store = get_store()
    blocks = {}
    for arg in args:
        ids = [int(part) for part in arg.split(",") if part.isdigit()]
        if not ids:
            continue
        key = f"fragment:missed:{arg}"
        entry = store.get(key)
        if entry is None:
            sequence = store.sequence()
            token = tags.start_collecting()
            try:
                html = render_to_string(
                    "news/includes/missed.html",
                    {"missed": article_missed(article_id=ids[0], exclude=ids[1:])},
                )
            finally:
                shown = tags.stop_collecting(token)
            entry = Entry(
                status=200,
                headers=[],
                body=html.encode(),
                tags=tuple(sorted({*shown, tags.LIST_ALL})),
                sequence=sequence,
            )
            store.set(key, entry)
        blocks[arg] = entry.body.decode()
    return blocks
