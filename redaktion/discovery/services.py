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

from redaktion.discovery.models import (
    LexiconWord,
    RelatedArticle,
    RelatedOverride,
    RelatedTerm,
    SearchEntry,
)
from redaktion.discovery.query import fts5_expression, query_parse, snippet, tsquery_expression
from redaktion.discovery.text import (
    CompoundSplitter,
    analyse,
    compound_parts,
    is_stop_stem,
    words,
)
from redaktion.news.models import ArticlePage
from redaktion.pagecache import tags as cache_tags

RELATED_SHOWN = 5
RELATED_STORED = 10
# Related candidates: each article's RELATED_POSTING_TERMS strongest terms are indexed;
# an article asks for RELATED_PER_TERM articles on each of its RELATED_QUERY_TERMS
# strongest and scores the best RELATED_CANDIDATES fully. A new article is offered to
# the lists of its RELATED_NEIGHBOURS nearest articles.
RELATED_POSTING_TERMS = 20
RELATED_QUERY_TERMS = 12
RELATED_PER_TERM = 150
RELATED_CANDIDATES = 120
RELATED_NEIGHBOURS = 10
VECTOR_TERMS = 40
CHUNK = 900
# A result list holds at most this many hits: the newest, ranked (see _window).
COUNT_CAP = 1000
# SQLite's FTS rowid is publication second * FTS_KEY_SPAN + article id (migration 0004).
FTS_KEY_SPAN = 2**30
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
        RelatedTerm.objects.filter(entry_id=article.pk).delete()
    else:
        SearchEntry.objects.create(article_id=article.pk, **fields)
    RelatedTerm.objects.bulk_create(
        _related_terms(entry_id=article.pk, vector=fields["vector"], tag_ids=fields["tag_ids"])
    )


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
        RelatedTerm.objects.all().delete()
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


def _fts_key(moment):
    """Return the lowest SQLite FTS rowid of ``moment``'s second (see migration 0004)."""
    return math.floor(moment.timestamp()) * FTS_KEY_SPAN


def _window(*, expression, published_before, section_id=None, since=None, until=None, rank=True):
    """
    Return the newest ``COUNT_CAP + 1`` matches as (article id, score) pairs, newest first.

    One bounded query answers everything a result page needs: whether there are more
    than COUNT_CAP hits, the date order, and a relevance score for each match in the
    window. Scoring is limited to the window on purpose: bm25() and ts_rank() cost a
    read of every document they score, and a common word matches half the archive.
    """
    limit = COUNT_CAP + 1
    if connection.vendor == "postgresql":
        where = ["document @@ to_tsquery('simple', %s)", "published_at <= %s"]
        params = [expression, published_before]
        if section_id:
            where.append("section_id = %s")
            params.append(section_id)
        if since:
            where.append("published_at >= %s")
            params.append(since)
        if until:
            where.append("published_at < %s")
            params.append(until)
        # ts_rank in the outer query: only the window's documents are read for it.
        score = "ts_rank(w.document, to_tsquery('simple', %s), 1)" if rank else "0"
        sql = (
            f"SELECT w.article_id, {score} FROM ("  # noqa: S608 - fixed fragments only
            "SELECT article_id, published_at, document FROM discovery_searchentry "
            f"WHERE {' AND '.join(where)} ORDER BY published_at DESC, article_id DESC "
            "LIMIT %s) w ORDER BY w.published_at DESC, w.article_id DESC"
        )
        params = [*([expression] if rank else []), *params, limit]
        in_callers_transaction = connection.in_atomic_block
        # No savepoint: an error aborts a PostgreSQL transaction either way.
        with transaction.atomic(savepoint=False), connection.cursor() as cursor:
            # Matches come from the GIN index as a bitmap. The planner would otherwise
            # walk the published_at index or scan the table, testing `@@` row by row,
            # and it cannot know that each test reads a TOASTed tsvector: ten times
            # the cost of the whole bitmap for a word found in every tenth article.
            cursor.execute(
                "SELECT set_config('enable_seqscan', 'off', true), "
                "set_config('enable_indexscan', 'off', true)"
            )
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            if in_callers_transaction:
                # The settings are transaction-local: they would outlive this query.
                cursor.execute(
                    "SELECT set_config(name, reset_val, true) FROM pg_settings "
                    "WHERE name IN ('enable_seqscan', 'enable_indexscan')"
                )
            return rows
    if section_id:
        expression = f'({expression}) AND facets : "section_{int(section_id)}"'
    # The rowid orders by publication second; the article id fills the low bits. A
    # bound inside the current second may let through an article published later in
    # that second: the page's published() lookup drops it.
    high = _fts_key(published_before) + FTS_KEY_SPAN - 1
    if until:
        high = min(high, _fts_key(until) - 1)
    low = _fts_key(since) if since else -(2**63)
    # Column weights: headline, teaser, body, compound parts and tags; facets count nothing.
    score = "-bm25(discovery_fts, 8.0, 3.0, 1.0, 0.6, 0.0)" if rank else "0"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, {score} FROM discovery_fts "  # noqa: S608 - fixed fragments only
            "WHERE discovery_fts MATCH %s AND rowid BETWEEN %s AND %s "
            "ORDER BY rowid DESC LIMIT %s",
            [expression, low, high, limit],
        )
        return [(key % FTS_KEY_SPAN, value) for key, value in cursor.fetchall()]


class SearchResults:
    """
    The hits of one query, as Django's Paginator pages through them.

    At most COUNT_CAP hits are listed: the newest ones, in date order or ranked by
    relevance. ``capped`` says that there were more, so the page can say so and point
    to the section and date filters, which apply before the window is taken.
    """

    def __init__(self, *, parsed, match_all, filters, order):
        self.parsed = parsed
        self.match_all = match_all
        self.order = order
        self.filters = filters
        if connection.vendor == "postgresql":
            self.expression = tsquery_expression(parsed, match_all=match_all)
        else:
            self.expression = fts5_expression(parsed, match_all=match_all)
        self._ids = None
        self.capped = False

    def _load(self):
        if self._ids is None:
            rows = _window(
                expression=self.expression, rank=self.order == "relevance", **self.filters
            )
            self.capped = len(rows) > COUNT_CAP
            rows = rows[:COUNT_CAP]
            if self.order == "relevance":
                # A stable sort: among equal scores the newer article stays first.
                rows = sorted(rows, key=lambda row: -row[1])
            self._ids = [article_id for article_id, _ in rows]
        return self._ids

    def count(self):
        return len(self._load())

    def __len__(self):
        return self.count()

    def ids(self, start, stop):
        """Return the article ids of one page, in the page's order."""
        return self._load()[start:stop]

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        ids = self.ids(index.start or 0, index.stop)
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


def _related_terms(*, entry_id, vector, tag_ids):
    """
    Return the RelatedTerm rows of an article: its strongest terms, and its tags as
    `#<tag id>` (the analyser never makes a token with '#'), so that sharing a tag
    finds a candidate as sharing a word does.
    """
    top = sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:RELATED_POSTING_TERMS]
    top += [(f"#{tag_id}", 1.0) for tag_id in tag_ids]
    return [RelatedTerm(entry_id=entry_id, stem=stem, weight=weight) for stem, weight in top]


def _candidate_ids(*, entry):
    """
    Return up to RELATED_CANDIDATES articles that share the entry's strongest terms.

    For each term only the RELATED_PER_TERM articles in which it weighs most are read
    (an impact-ordered index scan), so a term found in half the archive costs no more
    than a rare one. Their partial dot products pick the candidates that get scored.
    """
    # Only words another article shares can find candidates; the strongest of those.
    shared = _document_frequencies(entry.vector)
    terms = sorted(
        ((t, w) for t, w in entry.vector.items() if shared.get(t, 0) >= 2),
        key=lambda kv: (-kv[1], kv[0]),
    )[:RELATED_QUERY_TERMS]
    # A shared tag counts like the score's tag weight spread over the article's tags.
    terms += [(f"#{tag_id}", W_TAGS / len(entry.tag_ids)) for tag_id in entry.tag_ids]
    if not terms:
        return []
    weights = dict(terms)
    arm = (
        "SELECT * FROM (SELECT entry_id, stem, weight FROM discovery_relatedterm "
        "WHERE stem = %s ORDER BY weight DESC, entry_id DESC LIMIT %s) t"
    )
    params = []
    for stem, _ in terms:
        params += [stem, RELATED_PER_TERM]
    partial = Counter()
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join([arm] * len(terms)), params)
        for entry_id, stem, weight in cursor.fetchall():
            if entry_id != entry.pk:
                partial[entry_id] += weights[stem] * weight
    return [entry_id for entry_id, _ in partial.most_common(RELATED_CANDIDATES)]


def _related_score(entry, other):
    text = sum(w * other.vector.get(t, 0.0) for t, w in entry.vector.items())
    tags_a, tags_b = set(entry.tag_ids), set(other.tag_ids)
    tags = len(tags_a & tags_b) / len(tags_a | tags_b) if tags_a and tags_b else 0.0
    section = 1.0 if entry.section_id and entry.section_id == other.section_id else 0.0
    days = abs((entry.published_at - other.published_at).total_seconds()) / 86400
    recency = math.exp(-days / RECENCY_DAYS)
    return W_TEXT * text + W_TAGS * tags + W_SECTION * section + W_RECENCY * recency


def _related_scored(entry):
    """Return (score, article id) of the entry's best candidates, best first."""
    ids = _candidate_ids(entry=entry)
    others = SearchEntry.objects.filter(pk__in=ids, published_at__lte=timezone.now()).only(
        "article_id", "vector", "tag_ids", "section_id", "published_at"
    )
    return sorted(
        ((_related_score(entry, o), o.article_id) for o in others),
        key=lambda pair: (-pair[0], -pair[1]),
    )


def related_compute(*, article_id, neighbours=True):
    """
    Compute and store the related articles of one article; return the related ids.

    With ``neighbours`` the article is also offered to the lists of its nearest
    articles (see _neighbours_offer): a new or edited article should show up next to
    the older ones on its topic, not only they next to it. Only a run over every
    article, which recomputes those lists anyway, leaves it out.
    """
    entry = SearchEntry.objects.filter(pk=article_id).first()
    overrides = list(RelatedOverride.objects.filter(article_id=article_id).order_by("sort_order"))
    excluded = {o.other_id for o in overrides if o.kind == RelatedOverride.Kind.EXCLUDE}
    pinned = [
        o.other_id
        for o in overrides
        if o.kind == RelatedOverride.Kind.PIN and o.other_id != article_id
    ]
    scored = _related_scored(entry) if entry is not None and entry.vector else []
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
        changed = [article_id]
        if neighbours:
            changed += _neighbours_offer(article_id=article_id, scored=scored[:RELATED_NEIGHBOURS])
        # Cached article pages show these lists: drop the pages whose list was written.
        cache_tags.invalidate(*(cache_tags.related_list(pk) for pk in changed))
    return [r.related_id for r in rows]


def _neighbours_offer(*, article_id, scored):
    """
    Put ``article_id`` into the stored lists of its nearest articles where it now belongs.

    The related score is symmetric, so the score computed for the article's own list is
    the one it would get in each neighbour's list: no neighbour is recomputed, and the
    work is a fixed four queries. Pinned rows and the neighbours' exclusions are kept.
    """
    if not scored:
        return []
    ids = [other for _, other in scored]
    refusing = set(
        RelatedOverride.objects.filter(
            article_id__in=ids, other_id=article_id, kind=RelatedOverride.Kind.EXCLUDE
        ).values_list("article_id", flat=True)
    )
    current = {}
    for row in RelatedArticle.objects.filter(article_id__in=ids).order_by("article_id", "rank"):
        current.setdefault(row.article_id, []).append(row)
    changed = {}
    for score, other in scored:
        rows = current.get(other, [])
        pinned = [r.related_id for r in rows if r.pinned]
        if other in refusing or article_id in pinned:
            continue
        natural = [(r.score, r.related_id) for r in rows if not r.pinned]
        natural = [pair for pair in natural if pair[1] != article_id]
        natural.append((round(score, 6), article_id))
        natural.sort(key=lambda pair: (-pair[0], -pair[1]))
        natural = natural[: max(RELATED_STORED - len(pinned), 0)]
        wanted = [(0.0, r, True) for r in pinned] + [(sc, r, False) for sc, r in natural]
        if [(r.related_id, r.score, r.pinned) for r in rows] != [
            (r, sc, p) for sc, r, p in wanted
        ]:
            changed[other] = [
                RelatedArticle(article_id=other, related_id=r, score=sc, pinned=p, rank=rank)
                for rank, (sc, r, p) in enumerate(wanted)
            ]
    if changed:
        RelatedArticle.objects.filter(article_id__in=list(changed)).delete()
        RelatedArticle.objects.bulk_create([row for rows in changed.values() for row in rows])
    return sorted(changed)


def related_compute_all(*, progress=None):
    """Recompute the related articles of every indexed article; return how many."""
    done = 0
    for article_id in SearchEntry.objects.order_by("pk").values_list("pk", flat=True).iterator():
        related_compute(article_id=article_id, neighbours=False)
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
