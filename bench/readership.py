"""
Readership benchmark: how many views per second the counting path records, whether
the stored counts are exact under concurrent load, and what counting costs the
cached page path.

    python bench/readership.py                          # embedded mode (SQLite)
    python bench/readership.py --redis redis://127.0.0.1:6379/11

Self-contained: a throw-away data folder, its own SQLite database, demo articles
made with the test factories. With --redis the Redis database given is emptied.
"""

import argparse
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
BOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


class Request:
    """The little of a request that counting reads."""

    def __init__(self, ip, ua, method="GET"):
        self.method = method
        self.META = {
            "REMOTE_ADDR": ip,
            "HTTP_USER_AGENT": ua,
            "HTTP_ACCEPT_LANGUAGE": "de-DE,de;q=0.9",
        }


def setup(data_dir, redis_url):
    os.environ["REDAKTION_DATA_DIR"] = data_dir
    os.environ.setdefault("REDAKTION_SECRET_KEY", "bench-only-secret")
    os.environ["DJANGO_SETTINGS_MODULE"] = "redaktion.settings_test"
    os.environ["REDAKTION_ALLOWED_HOSTS"] = "testserver,127.0.0.1"
    if redis_url:
        os.environ["REDIS_URL"] = redis_url
    else:
        os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def make_content(count):
    from redaktion.news.models import ArticlePage
    from redaktion.news.tests.factories import make_article, make_home, make_section

    if ArticlePage.objects.exists():
        return list(ArticlePage.objects.values_list("pk", flat=True))
    home = make_home()
    section = make_section(home, title="Politik")
    return [make_article(section, title=f"Artikel {i}").pk for i in range(count)]


def worker(args):
    """Record views for one process; return (countable, counted, seconds)."""
    number, articles, per_process, start_at = args
    from django.db import connections

    from redaktion.readership import services, store
    from redaktion.readership.services import article_record_view

    connections.close_all()
    store.reset_counter()
    rng = random.Random(number)
    # Every visitor reads once; a tenth reloads, a twentieth are bots: the exact
    # number of countable views is known in advance.
    plan = []
    for i in range(per_process):
        request = Request(f"10.{number}.{i // 250 % 250}.{i % 250}", f"{FIREFOX} {i // 62500}")
        article = articles[rng.randrange(len(articles))]
        plan.append((article, request))
        if i % 10 == 0:
            plan.append((article, request))  # reload
        if i % 20 == 0:
            plan.append((article, Request(request.META["REMOTE_ADDR"], BOT)))
    while time.time() < start_at:
        time.sleep(0.001)
    began = time.perf_counter()
    accepted = 0
    for article, request in plan:
        accepted += article_record_view(article_id=article, request=request)
    services.buffer.drain()  # the clock stops when every view is in the counter store
    return per_process, accepted, time.perf_counter() - began, len(plan)


def count_rate(articles, *, processes, per_process):
    from django.db import connections

    from redaktion.readership.models import ArticleViews
    from redaktion.readership.services import views_flush
    from redaktion.readership.store import get_counter

    get_counter().clear()
    views_flush()
    before = sum(ArticleViews.objects.values_list("views", flat=True))
    connections.close_all()
    start_at = time.time() + 1.0
    context = multiprocessing.get_context("fork")
    wall = time.perf_counter()
    with context.Pool(processes) as pool:
        results = pool.map(
            worker, [(n, articles, per_process, start_at) for n in range(processes)]
        )
    wall = time.perf_counter() - wall - max(0.0, start_at - time.time())
    countable = sum(r[0] for r in results)
    requests = sum(r[3] for r in results)
    slowest = max(r[2] for r in results)
    flush_began = time.perf_counter()
    written = views_flush()
    flush_seconds = time.perf_counter() - flush_began
    stored = sum(ArticleViews.objects.values_list("views", flat=True)) - before
    return {
        "processes": processes,
        "requests": requests,
        "countable": countable,
        "stored": stored,
        "written": written,
        "views_per_second": countable / slowest,
        "requests_per_second": requests / slowest,
        "flush_seconds": flush_seconds,
    }


def page_rate(url, *, seconds, counting, display, distinct):
    """Cache hits per CPU second through the whole middleware stack, in one process."""
    from django.test import Client

    from redaktion.pagecache import live, middleware
    from redaktion.readership import services

    hook, resolver = services.count_served_view, live._resolvers["views"]
    if not counting:
        middleware.SERVED_HOOKS.remove(hook)
    if not display:
        live._resolvers["views"] = lambda args, request: dict.fromkeys(args, "")
    try:
        client = Client()
        client.get(url, HTTP_USER_AGENT=FIREFOX)  # warm: the page is now cached
        done = 0
        began, cpu = time.perf_counter(), time.process_time()
        while time.perf_counter() - began < seconds:
            ip = (
                f"10.{done // 62500 % 250}.{done // 250 % 250}.{done % 250}"
                if distinct
                else "10.9.0.1"
            )
            response = client.get(url, REMOTE_ADDR=ip, HTTP_USER_AGENT=FIREFOX)
            assert response["X-Cache"] == "HIT", response["X-Cache"]
            done += 1
        services.buffer.drain()  # the writing of this run's views is part of its cost
        # CPU time of this process (the buffer's thread included), not wall time: other
        # programs on the machine then slow no variant more than another.
        return done / (time.process_time() - cpu)
    finally:
        if not counting:
            middleware.SERVED_HOOKS.append(hook)
        live._resolvers["views"] = resolver


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--redis", default="", help="Redis URL; its database is emptied")
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--views", type=int, default=20000, help="distinct visitors per process")
    parser.add_argument("--seconds", type=float, default=5.0, help="per page-path measurement")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--buffer-seconds", type=int, default=1, help="0 writes every view at once"
    )
    args = parser.parse_args()
    os.environ["REDAKTION_VIEW_BUFFER_SECONDS"] = str(args.buffer_seconds)
    with tempfile.TemporaryDirectory(prefix="redaktion-bench-") as data_dir:
        setup(data_dir, args.redis)
        from django.conf import settings

        from redaktion.news.models import ArticlePage
        from redaktion.readership.store import get_counter

        mode = "Redis" if settings.REDIS_URL else "embedded (SQLite)"
        if settings.REDIS_URL:
            get_counter().client.flushdb()
        articles = make_content(50)
        print(
            f"Readership benchmark, {mode}, buffer {settings.READERSHIP_BUFFER_SECONDS} s, "
            f"{os.cpu_count()} CPUs"
        )
        for processes in sorted({1, args.processes}):
            rates = []
            for _ in range(args.rounds):
                result = count_rate(articles, processes=processes, per_process=args.views)
                exact = result["stored"] == result["written"] == result["countable"]
                rates.append(result["views_per_second"])
                print(
                    f"  {processes} process(es): {result['requests']} requests, "
                    f"{result['countable']} countable, {result['stored']} stored ({'exact' if exact else 'MISMATCH'}); "
                    f"{result['views_per_second']:,.0f} counted views/s, "
                    f"{result['requests_per_second']:,.0f} requests/s; "
                    f"flush {result['flush_seconds']:.2f} s"
                )
                if not exact:
                    return 1
            print(
                f"  -> median {statistics.median(rates):,.0f} counted views/s with {processes} process(es)"
            )
            if processes == 1:
                single = statistics.median(rates)
        url = ArticlePage.objects.get(pk=articles[0]).url
        configs = {
            "counts neither shown nor counted": {"counting": False, "display": False},
            "counts shown, not counted": {"counting": False, "display": True},
            "counted, every request a new visitor": {"counting": True, "display": True},
            "counted, the same visitor reloading": {"counting": True, "display": True},
        }
        rates = {label: [] for label in configs}
        # Interleaved rounds, so that a noisy neighbour slows every variant alike.
        for _ in range(args.rounds):
            for label, flags in configs.items():
                distinct = "new visitor" in label
                rates[label].append(
                    page_rate(url, seconds=args.seconds, distinct=distinct, **flags)
                )
        medians = {label: statistics.median(values) for label, values in rates.items()}
        base = medians["counts shown, not counted"]
        # The counting path alone (bot rules, digest, buffer, batched store write), per view,
        # against the CPU time of one cached response: the end-to-end difference above is
        # within the noise of a shared machine, this ratio is not.
        print(
            f"  counting path: {1e6 / single:.0f} µs per counted view = "
            f"{base / single:.1%} of a cached response ({1e6 / base:.0f} µs)"
        )
        for label, median in medians.items():
            print(
                f"  cached article page, {label}: {median:,.0f} responses per CPU second "
                f"({(median - base) / base:+.1%} against counts shown, not counted; "
                f"rounds: {', '.join(f'{v:,.0f}' for v in rates[label])})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
