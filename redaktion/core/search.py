"""
Wagtail's database search backend (the admin's search), without a full-table pass per save.

After every save of a page or image, modelsearch's SQLite and PostgreSQL indexes
average the title length over all index entries and then look for entries still at the
default title norm (``_refresh_title_norms``): two passes over the whole table, so an
editor's save, and every article of an import, costs more the larger the archive is.
Here the average comes from the newest entries and only the rows just written are
updated. ``update_index`` (the full rebuild) still computes the exact average.
"""

from functools import cache

from django.db.models import Avg, F
from django.db.models.functions import Length
from django.utils.encoding import force_str
from modelsearch.backends import database
from modelsearch.utils import get_content_type_pk

# Enough titles for a stable average (headline lengths vary little), few enough that
# reading them, bodies included, stays a small part of a save.
TITLE_SAMPLE = 100


class _RecentTitleNorms:
    """Mixin for modelsearch's database indexes: title norms for the written rows only."""

    _written = None

    def add_items(self, model, objs):
        objs = list(objs)
        self._written = (get_content_type_pk(model), [force_str(obj.pk) for obj in objs])
        try:
            super().add_items(model, objs)
        finally:
            self._written = None

    def _refresh_title_norms(self, full=False):
        if full or self._written is None:
            super()._refresh_title_norms(full=full)
            return
        content_type_pk, object_ids = self._written
        with_length = self.entries.annotate(title_length=Length("title")).filter(
            title_length__gt=0
        )
        average = with_length.order_by("-pk")[:TITLE_SAMPLE].aggregate(Avg("title_length"))[
            "title_length__avg"
        ]
        if average is None:
            return
        with_length.filter(content_type_id=content_type_pk, object_id__in=object_ids).update(
            title_norm=average / F("title_length")
        )


@cache
def _index_class(base):
    if not hasattr(base, "_refresh_title_norms"):
        return base
    return type(base.__name__, (_RecentTitleNorms, base), {"__module__": __name__})


def SearchBackend(params):
    """
    Return modelsearch's database backend for this database, with cheap title norms.

    modelsearch looks for this name in a backend module, as in its own database backend.
    """
    backend = database.SearchBackend(params)
    backend.index_class = _index_class(backend.index_class)
    return backend
