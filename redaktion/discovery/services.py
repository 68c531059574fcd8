"""
Discovery: keep the search index and related articles current, and answer searches.

Everything here is called with keyword arguments by the task, the management command,
the search view and the article page alike.
"""

import math
from collections import Counter
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from redaktion.discovery.models import LexiconWord, RelatedArticle, RelatedOverride, SearchEntry
from redaktion.discovery.query import fts5_expression, query_parse, snippet, tsquery_expression
from redaktion.discovery.text import (
    CompoundSplitter,
    analyse,
    compound_parts,
    is_stop_stem,
    words,
)
from redaktion.news.models import ArticlePage

RELATED_SHOWN = 5
RELATED_STORED = 10
RELATED_QUERY_TERMS = 12
RELATED_CANDIDATES = 120
VECTOR_TERMS = 40
CHUNK = 900
COUNT_CAP = 1000
# Weights of the related score: text similarity dominates, the rest breaks ties.
W_TEXT, W_TAGS, W_SECTION, W_RECENCY = 1.0, 0.25, 0.05, 0.1
RECENCY_DAYS = 60


def _chunks(items, size=CHUNK):
    items = list(items)
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _known_stems(stems):
    known = set()
    for chunk in _chunks(stems):
        known.update(
            LexiconWord.objects.filter(stem__in=chunk, documents__gt=0).values_list(
                "stem", flat=True
            )
        )
    return known


def _document_frequencies(stems):
    found = {}
    for chunk in _chunks(stems):
        found.update(LexiconWord.objects.filter(stem__in=chunk).values_list("stem", "documents"))
    return found


def _lexicon_terms(tokens):
    """Return the stems an article contributes to the dictionary: no stop words, no digits."""
    return {t for t in tokens if len(t) >= 3 and not t.isdigit() and not is_stop_stem(t)}


@dataclass
class _Analysed:
    title: list
    teaser: list
    body: list
    surface: list
    tags: list

    @property
    def lexicon_terms(self):
        return _lexicon_terms(self.title + self.teaser + self.body)


def _analyse_article(article, tag_names):
    title_text = f"{article.kicker} {article.title}".strip()
    return _Analysed(
        title=analyse(title_text),
        teaser=analyse(article.teaser),
        body=analyse(article.body_text),
        surface=list(
            {w for w in words(f"{title_text} {article.teaser} {article.body_text}") if w.isalpha()}
        ),
        tags=analyse(" ".join(tag_names)),
    )


def _vector(analysed, parts, *, df, total):
    """Return the article's top TF-IDF weights, normalised to length 1."""
    counts = Counter()
    for tokens, weight in (
        (analysed.title, 3.0),
        (analysed.teaser, 2.0),
        (analysed.body, 1.0),
        (parts, 0.5),
        (analysed.tags, 2.0),
    ):
        for t in tokens:
            if len(t) >= 3 and not t.isdigit() and not is_stop_stem(t):
                counts[t] += weight
    weights = {
        t: (1 + math.log(c)) * math.log((total + 1) / (df.get(t, 0) + 1)) + 1e-9
        for t, c in counts.items()
    }
    top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:VECTOR_TERMS]
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    return {t: round(w / norm, 5) for t, w in top}


def search_index_update(*, article, splitter=None, df=None, total=None):
    """Write the search entry of a published ``article`` and keep the dictionary counts right."""
    tag_names = [t.name for t in article.tags.all()]
    analysed = _analyse_article(article, tag_names)
    old = SearchEntry.objects.filter(pk=article.pk).first()
    incremental = splitter is None
    if incremental:
        new_terms = analysed.lexicon_terms
        old_terms = (
            _lexicon_terms(f"{old.title_tokens} {old.teaser_tokens} {old.body_tokens}".split())
            if old
            else set()
        )
        added, removed = new_terms - old_terms, old_terms - new_terms
        LexiconWord.objects.bulk_create(
            [LexiconWord(stem=s[:64]) for s in added], ignore_conflicts=True, batch_size=500
        )
        for chunk in _chunks(added):
            LexiconWord.objects.filter(stem__in=chunk).update(documents=F("documents") + 1)
        for chunk in _chunks(removed):
            LexiconWord.objects.filter(stem__in=chunk, documents__gt=0).update(
                documents=F("documents") - 1
            )
        candidates = set()
        for w in analysed.surface:
            if len(w) >= 7:
                candidates |= CompoundSplitter.candidates(w)
        splitter = CompoundSplitter(_known_stems(candidates).__contains__)
    parts = compound_parts(analysed.surface, splitter)
    if df is None:
        df = _document_frequencies({*analysed.title, *analysed.teaser, *analysed.body, *parts})
        total = SearchEntry.objects.count() + (0 if old else 1)
    fields = {
        "section_id": article.section_id,
        "published_at": article.first_published_at or timezone.now(),
        "title_tokens": " ".join(analysed.title),
        "teaser_tokens": " ".join(analysed.teaser),
        "body_tokens": " ".join(analysed.body),
        "extra_tokens": " ".join([*sorted(set(parts)), *analysed.tags]),
        "vector": _vector(analysed, parts, df=df, total=total),
        "tag_ids": sorted(t.pk for t in article.tags.all()),
    }
    if old:
        SearchEntry.objects.filter(pk=article.pk).update(**fields)
    else:
        SearchEntry.objects.create(article_id=article.pk, **fields)


def search_index_remove(*, article_id):
    """Drop an article from the index and its dictionary counts, e.g. after unpublishing."""
    old = SearchEntry.objects.filter(pk=article_id).first()
    if old is None:
        return
    terms = _lexicon_terms(f"{old.title_tokens} {old.teaser_tokens} {old.body_tokens}".split())
    for chunk in _chunks(terms):
        LexiconWord.objects.filter(stem__in=chunk, documents__gt=0).update(
            documents=F("documents") - 1
        )
    old.delete()


def search_index_rebuild(*, batch_size=500, progress=None):
    """Rebuild index and dictionary from all published articles; return how many were indexed."""
    articles = ArticlePage.objects.published().prefetch_related("tags").order_by("pk")
    df = Counter()
    for article in articles.iterator(chunk_size=batch_size):
        df.update(_analyse_article(article, []).lexicon_terms)
    total = 0
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        LexiconWord.objects.all().delete()
        LexiconWord.objects.bulk_create(
            [LexiconWord(stem=s[:64], documents=n) for s, n in df.items()], batch_size=1000
        )
        known = {s for s, n in df.items() if n > 0}
        splitter = CompoundSplitter(known.__contains__)
        count = sum(1 for _ in articles.values_list("pk"))
        for article in articles.iterator(chunk_size=batch_size):
            search_index_update(article=article, splitter=splitter, df=df, total=count)
            total += 1
            if progress and total % 1000 == 0:
                progress(total)
    return total


# --- Search -------------------------------------------------------------------------------


def _match_ids(
    *,
    expression,
    published_before,
    section_id=None,
    since=None,
    until=None,
    order="relevance",
    limit=None,
    offset=0,
    count=False,
):
    """Run one match against the backend's own full-text index; return ids or a count."""
    params = []
    where = ["e.published_at <= %s"]
    params_where = [published_before]
    if section_id:
        where.append("e.section_id = %s")
        params_where.append(section_id)
    if since:
        where.append("e.published_at >= %s")
        params_where.append(since)
    if until:
        where.append("e.published_at < %s")
        params_where.append(until)
    if connection.vendor == "postgresql":
        source = "discovery_searchentry e"
        where.insert(0, "e.document @@ to_tsquery('simple', %s)")
        params = [expression]
        rank = "ts_rank(e.document, to_tsquery('simple', %s), 1) DESC"
        rank_params = [expression]
    else:
        source = "discovery_fts f JOIN discovery_searchentry e ON e.article_id = f.rowid"
        where.insert(0, "discovery_fts MATCH %s")
        params = [expression]
        # Column weights: headline, teaser, body, compound parts and tags.
        rank = "bm25(discovery_fts, 8.0, 3.0, 1.0, 0.6)"
        rank_params = []
    sql_where = " AND ".join(where)
    with connection.cursor() as cursor:
        if count:
            # Counting stops at COUNT_CAP: past a thousand hits nobody pages on, and an
            # exact count of 20,000 matches would cost more than the page itself.
            sql = f"SELECT COUNT(*) FROM (SELECT 1 FROM {source} WHERE {sql_where} LIMIT %s) hits"  # noqa: S608
            cursor.execute(sql, [*params, *params_where, COUNT_CAP])
            return cursor.fetchone()[0]
        if order == "date":
            order_sql, order_params = "e.published_at DESC, e.article_id DESC", []
        else:
            order_sql, order_params = f"{rank}, e.published_at DESC", rank_params
        cursor.execute(
            f"SELECT e.article_id FROM {source} WHERE {sql_where} ORDER BY {order_sql} "  # noqa: S608
            "LIMIT %s OFFSET %s",
            [*params, *params_where, *order_params, limit, offset],
        )
        return [row[0] for row in cursor.fetchall()]


class SearchResults:
    """A lazily counted, lazily sliced result list that Django's Paginator can page through."""

    def __init__(self, *, parsed, match_all, filters, order):
        self.parsed = parsed
        self.match_all = match_all
        self.order = order
        self.filters = filters
        if connection.vendor == "postgresql":
            self.expression = tsquery_expression(parsed, match_all=match_all)
        else:
            self.expression = fts5_expression(parsed, match_all=match_all)
        self._count = None

    def count(self):
        if self._count is None:
            self._count = _match_ids(expression=self.expression, count=True, **self.filters)
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start = index.start or 0
        ids = _match_ids(
            expression=self.expression,
            order=self.order,
            limit=index.stop - start,
            offset=start,
            **self.filters,
        )
        # Publication state comes from the one published() path, whatever the index says.
        by_id = ArticlePage.objects.published().for_listing().in_bulk(ids)
        results = [by_id[i] for i in ids if i in by_id]
        for article in results:
            article.search_snippet = (
                snippet(article.body_text or article.teaser, self.parsed) or article.teaser
            )
        return results


def search_articles(*, query, section=None, since=None, until=None, order="relevance"):
    """
    Return (parsed query, results, match_all) for a reader's query.

    All words must match; if that finds nothing and the query had several words, the
    articles that match some of them are offered instead of an empty page.
    """
    parsed = query_parse(query)
    if not parsed:
        return parsed, None, True
    tz = timezone.get_current_timezone()
    filters = {
        "published_before": timezone.now(),
        "section_id": section.pk if section else None,
        "since": datetime.combine(since, time.min, tzinfo=tz) if since else None,
        "until": datetime.combine(until + timedelta(days=1), time.min, tzinfo=tz)
        if until
        else None,
    }
    results = SearchResults(parsed=parsed, match_all=True, filters=filters, order=order)
    if results.count() == 0 and parsed.size > 1:
        fallback = SearchResults(parsed=parsed, match_all=False, filters=filters, order=order)
        if fallback.count():
            return parsed, fallback, False
    return parsed, results, True


# --- Related articles ---------------------------------------------------------------------


def _candidate_ids(*, stems, exclude):
    if not stems:
        # An article with no word another article shares has no candidates (and an
        # empty expression is a syntax error to FTS5).
        return []
    expression_parsed = query_parse("")
    expression_parsed.terms = list(stems)
    if connection.vendor == "postgresql":
        expression = tsquery_expression(expression_parsed, match_all=False)
    else:
        expression = fts5_expression(expression_parsed, match_all=False)
    ids = _match_ids(
        expression=expression,
        published_before=timezone.now(),
        limit=RELATED_CANDIDATES + 1,
    )
    return [i for i in ids if i != exclude]


def _related_score(entry, other):
    text = sum(w * other.vector.get(t, 0.0) for t, w in entry.vector.items())
    tags_a, tags_b = set(entry.tag_ids), set(other.tag_ids)
    tags = len(tags_a & tags_b) / len(tags_a | tags_b) if tags_a and tags_b else 0.0
    section = 1.0 if entry.section_id and entry.section_id == other.section_id else 0.0
    days = abs((entry.published_at - other.published_at).total_seconds()) / 86400
    recency = math.exp(-days / RECENCY_DAYS)
    return W_TEXT * text + W_TAGS * tags + W_SECTION * section + W_RECENCY * recency


def related_compute(*, article_id):
    """Compute and store the related articles of one article; return the related ids."""
    entry = SearchEntry.objects.filter(pk=article_id).first()
    overrides = list(RelatedOverride.objects.filter(article_id=article_id).order_by("sort_order"))
    excluded = {o.other_id for o in overrides if o.kind == RelatedOverride.Kind.EXCLUDE}
    pinned = [
        o.other_id
        for o in overrides
        if o.kind == RelatedOverride.Kind.PIN and o.other_id != article_id
    ]
    scored = []
    if entry is not None and entry.vector:
        # Only words another article shares can find candidates; the rarest of those first.
        shared = _document_frequencies(entry.vector)
        top = sorted(
            ((t, w) for t, w in entry.vector.items() if shared.get(t, 0) >= 2),
            key=lambda kv: -kv[1],
        )[:RELATED_QUERY_TERMS]
        ids = _candidate_ids(stems=[t for t, _ in top], exclude=article_id)
        others = SearchEntry.objects.filter(pk__in=ids).only(
            "article_id", "vector", "tag_ids", "section_id", "published_at"
        )
        scored = sorted(
            ((_related_score(entry, o), o.article_id) for o in others),
            key=lambda pair: (-pair[0], -pair[1]),
        )
    rows = []
    for related_id in dict.fromkeys(pinned):
        rows.append(
            RelatedArticle(
                article_id=article_id,
                related_id=related_id,
                score=0.0,
                pinned=True,
                rank=len(rows),
            )
        )
    chosen = {r.related_id for r in rows} | excluded | {article_id}
    for score, related_id in scored:
        if len(rows) >= RELATED_STORED:
            break
        if related_id not in chosen:
            rows.append(
                RelatedArticle(
                    article_id=article_id,
                    related_id=related_id,
                    score=round(score, 6),
                    rank=len(rows),
                )
            )
            chosen.add(related_id)
    with transaction.atomic():
        RelatedArticle.objects.filter(article_id=article_id).delete()
        RelatedArticle.objects.bulk_create(rows)
    return [r.related_id for r in rows]


def related_compute_all(*, progress=None):
    """Recompute the related articles of every indexed article; return how many."""
    done = 0
    for article_id in SearchEntry.objects.order_by("pk").values_list("pk", flat=True).iterator():
        related_compute(article_id=article_id)
        done += 1
        if progress and done % 1000 == 0:
            progress(done)
    return done


def related_for_article(*, article, count=RELATED_SHOWN):
    """Return the related articles to show on ``article``'s page, with one query."""
    return list(
        ArticlePage.objects.published()
        .filter(discovery_related_in__article=article)
        .exclude(pk=article.pk)
        .select_related("section")
        .annotate(related_rank=F("discovery_related_in__rank"))
        .order_by("related_rank")[:count]
    )


def article_discovery_refresh(*, article_id):
    """Bring index and related list of one article up to date after publish, edit or unpublish."""
    article = ArticlePage.objects.published().filter(pk=article_id).first()
    if article is None:
        search_index_remove(article_id=article_id)
        RelatedArticle.objects.filter(article_id=article_id).delete()
        return
    search_index_update(article=article)
    related_compute(article_id=article_id)


# The ids held back inside ``discovery_deferred``; None outside it.
_held_back = ContextVar("discovery_held_back", default=None)


@contextmanager
def discovery_deferred():
    """
    Hold back the per-article refresh while many articles change at once, e.g. in an import.

    Inside the block, publishing or unpublishing an article leaves index and related lists
    alone; the block yields the set of the article ids held back. The caller rebuilds once
    afterwards (``search_index_rebuild``, ``related_compute_all``): refreshing after each
    article costs more the larger the archive already is.
    """
    token = _held_back.set(set())
    try:
        yield _held_back.get()
    finally:
        _held_back.reset(token)


def article_discovery_defer(*, article_id):
    """Hold back the refresh of one article inside ``discovery_deferred``; return whether it was."""
    held_back = _held_back.get()
    if held_back is None:
        return False
    held_back.add(article_id)
    return True


def search_index_incomplete():
    """Return True when the index misses a published article or keeps one no longer published."""
    published = ArticlePage.objects.published().values("pk")
    return (
        ArticlePage.objects.published().exclude(pk__in=SearchEntry.objects.values("pk")).exists()
        or SearchEntry.objects.exclude(pk__in=published).exists()
    )
