"""
Benchmark search and related articles on a large synthetic archive.

    python bench/search.py --articles 100000                      # SQLite (FTS5)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/redaktion_bench \
        python bench/search.py --articles 100000                  # PostgreSQL

The archive is written straight into the discovery index (SearchEntry + the backend's
full-text index) with foreign-key checks off, because creating 100k Wagtail pages through
the page tree would take hours; the index, the queries and the related scoring measured
here are exactly the production code. Article bodies are sentences of the demo newsroom,
mixed within each topic cluster, so word frequencies look like German news.
Prints p50/p95 per query kind and the per-article cost of computing related articles.
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = [
    "Wahl",
    "Wahlen",
    "Klima",
    "Pflegekräfte",
    "Mietpreisbremse",
    "Schule Digitalisierung",
    "Wahl Landtag Ergebnis",
    '"sozialen Wohnungsbau"',
    '"erneuerbare Energien"',
    "Energ*",
    "Kultur*",
    "Strompreis",
    "Bundestagswahl",
    "Hochwasser Starkregen",
    "Quantencomputer",
    "Krankenhaus Reform",
    # Worst cases: a stop word alone (found in nearly every article), short and long
    # prefixes, and four words that each match a large share of the archive.
    "Die",
    "Sch*",
    "Bundes*",
    "Bundestag Wahl Ergebnis Koalition",
]


def setup_django(data_dir):
    os.environ.setdefault("REDAKTION_DATA_DIR", data_dir)
    os.environ.setdefault("REDAKTION_SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redaktion.settings")
    import django

    django.setup()


def sentences_by_cluster():
    import re

    clusters = {}
    for path in sorted((ROOT / "redaktion" / "demo" / "content").glob("articles_*.json")):
        for item in json.loads(path.read_text(encoding="utf-8"))["articles"]:
            texts = [item["title"], item["teaser"]] + [
                b["text"] for b in item.get("body", []) if b.get("text")
            ]
            parts = clusters.setdefault(item.get("cluster") or "misc", [])
            for text in texts:
                parts.extend(s for s in re.split(r"(?<=[.!?])\s+", text) if len(s) > 30)
    return clusters


def without_foreign_keys():
    """The synthetic index has no pages behind it; let it (and related rows) be written."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_keys = OFF")
        else:
            cursor.execute("SET session_replication_role = replica")


def generate(count, *, seed=7):
    from django.db import connection, transaction
    from django.utils import timezone

    from redaktion.discovery.models import LexiconWord, RelatedTerm, SearchEntry
    from redaktion.discovery.services import _related_terms, _vector
    from redaktion.discovery.text import (
        CompoundSplitter,
        analyse,
        compound_parts,
        is_stop_stem,
        words,
    )

    rng = random.Random(seed)
    clusters = sentences_by_cluster()
    names = sorted(clusters)
    now = timezone.now()
    docs = []
    df = {}
    for i in range(count):
        cluster = names[i % len(names)]
        pool = clusters[cluster]
        title = rng.choice(pool)[:120]
        teaser = rng.choice(pool)
        body = " ".join(rng.sample(pool, min(len(pool), rng.randint(12, 24))))
        docs.append((cluster, title, teaser, body, now - timedelta(minutes=37 * i)))
        for t in set(analyse(f"{title} {teaser} {body}")):
            if len(t) >= 3 and not t.isdigit() and not is_stop_stem(t):
                df[t] = df.get(t, 0) + 1
    known = set(df)

    def write(entries):
        SearchEntry.objects.bulk_create(entries)
        RelatedTerm.objects.bulk_create(
            [
                t
                for e in entries
                for t in _related_terms(entry_id=e.pk, vector=e.vector, tag_ids=e.tag_ids)
            ],
            batch_size=5000,
        )

    splitter = CompoundSplitter(known.__contains__)
    without_foreign_keys()
    with transaction.atomic():
        RelatedTerm.objects.all().delete()
        SearchEntry.objects.all().delete()
        LexiconWord.objects.all().delete()
        LexiconWord.objects.bulk_create(
            [LexiconWord(stem=s[:64], documents=n) for s, n in df.items()], batch_size=2000
        )
        batch = []
        sections = {name: n + 1_000_000 for n, name in enumerate(names)}
        for i, (cluster, title, teaser, body, when) in enumerate(docs, start=1):

            class A:
                pass

            analysed = A()
            analysed.title = analyse(title)
            analysed.teaser = analyse(teaser)
            analysed.body = analyse(body)
            analysed.tags = analyse(cluster)
            surface = list({w for w in words(f"{title} {teaser} {body}") if w.isalpha()})
            parts = compound_parts(surface, splitter)
            batch.append(
                SearchEntry(
                    article_id=i,
                    section_id=sections[cluster],
                    published_at=when,
                    title_tokens=" ".join(analysed.title),
                    teaser_tokens=" ".join(analysed.teaser),
                    body_tokens=" ".join(analysed.body),
                    extra_tokens=" ".join([*sorted(set(parts)), *analysed.tags]),
                    vector=_vector(analysed, parts, df=df, total=count),
                    tag_ids=[sections[cluster]],
                )
            )
            if len(batch) == 2000:
                write(batch)
                batch = []
        write(batch)
    if connection.vendor == "postgresql":
        # What autovacuum does on a live site soon after such a load: statistics, and the
        # visibility map that lets the term index answer related-article scans alone.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE discovery_searchentry")
            cursor.execute("VACUUM ANALYZE discovery_relatedterm")
    return sections


def percentile(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    f = int(k)
    c = min(f + 1, len(values) - 1)
    return values[f] + (values[c] - values[f]) * (k - f)


def bench_search(repeat):
    from redaktion.discovery.query import snippet
    from redaktion.discovery.services import search_articles

    texts = sentences_by_cluster()
    sample_body = " ".join(texts[sorted(texts)[0]][:20])
    timings = {}
    for order in ("relevance", "date"):
        for query in QUERIES:
            runs = []
            for _ in range(repeat):
                started = time.perf_counter()
                parsed, results, _ = search_articles(query=query, order=order)
                # The index part of one result page: count, ids of page 1, ten snippets.
                count = results.count()
                results.ids(0, 10)
                for _ in range(min(10, count)):
                    snippet(sample_body, parsed)
                runs.append((time.perf_counter() - started) * 1000)
            timings[(query, order)] = (runs, count)
    return timings


def bench_related(samples, total):
    from redaktion.discovery.services import related_compute

    rng = random.Random(3)
    runs = []
    for article_id in rng.sample(range(1, total + 1), samples):
        started = time.perf_counter()
        related_compute(article_id=article_id, neighbours=True)
        runs.append((time.perf_counter() - started) * 1000)
    return runs


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--related-samples", type=int, default=200)
    parser.add_argument("--data-dir", default=None)
    parser.add_argument("--reuse", action="store_true", help="Skip generating the archive.")
    args = parser.parse_args()
    setup_django(args.data_dir or tempfile.mkdtemp(prefix="redaktion-bench-"))
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    print(f"backend: {connection.vendor}, articles: {args.articles}")
    if not args.reuse:
        started = time.perf_counter()
        generate(args.articles)
        print(f"generated and indexed in {time.perf_counter() - started:.0f} s")
    without_foreign_keys()
    timings = bench_search(args.repeat)
    all_runs = []
    print(f"{'query':32} {'order':9} {'hits':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for (query, order), (runs, count) in timings.items():
        all_runs.extend(runs)
        print(
            f"{query:32} {order:9} {count:7d} {statistics.median(runs):8.1f} "
            f"{percentile(runs, 95):8.1f}"
        )
    print(
        f"ALL search: p50 {statistics.median(all_runs):.1f} ms, "
        f"p95 {percentile(all_runs, 95):.1f} ms, max {max(all_runs):.1f} ms"
    )
    related = bench_related(args.related_samples, args.articles)
    print(
        f"related per article: p50 {statistics.median(related):.1f} ms, "
        f"p95 {percentile(related, 95):.1f} ms over {len(related)} articles"
    )


if __name__ == "__main__":
    main()
