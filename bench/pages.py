"""
Page speed benchmark: cached pages against nginx, uncached renders at two archive sizes,
page weight. Run by hand; writes bench/results/pages.json and prints Markdown.

    .venv/bin/python bench/pages.py                  # 1,000 articles
    .venv/bin/python bench/pages.py --large 100000   # also at 100,000 (takes a while)

Needs wrk and nginx (Debian packages; installed when missing and running as root).
Set DATABASE_URL / REDIS_URL to measure PostgreSQL + Redis instead of SQLite.
"""

import argparse
import gzip
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from pathlib import Path

import brotli

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
REDAKTION = [PYTHON, "-m", "redaktion"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_tools():
    missing = [tool for tool in ("wrk", "nginx") if not shutil.which(tool)]
    if missing and os.geteuid() == 0:
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", *missing],
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
    missing = [tool for tool in ("wrk", "nginx") if not shutil.which(tool)]
    if missing:
        sys.exit(f"bench/pages.py needs {', '.join(missing)}: apt-get install {' '.join(missing)}")


def manage(env, *args):
    subprocess.run([*REDAKTION, "manage", *args], env=env, check=True, stdout=subprocess.DEVNULL)


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read(), response.headers


# A browser's User-Agent: without one a request counts as a bot's, and the cached
# page's cost would leave out counting the view.
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"


def wrk(url, *, duration, connections, threads=2):
    out = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--latency",
            "-H",
            f"User-Agent: {BROWSER}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])

    def latency(label):
        value, unit = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p50_ms": latency("50"),
        "p99_ms": latency("99"),
        "non_2xx": int(errors[1]) if errors else 0,
    }


UNCACHED = textwrap.dedent(
    """
    import json, random, statistics, sys, time
    import django
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from redaktion.news.models import ArticlePage

    ids = list(ArticlePage.objects.published().values_list("pk", flat=True))
    rng = random.Random(7)
    sample = [ArticlePage.objects.get(pk=pk) for pk in rng.sample(ids, min(int(sys.argv[1]), len(ids)))]
    # A session cookie makes the page cache step aside; the render is a reader's.
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies["sessionid"] = "benchmark"
    for article in sample[:5]:
        client.get(article.url)  # warm renditions and template caches
    times, queries = [], []
    for article in sample:
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(article.url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (article.url, response.status_code)
        queries.append(len(captured))
    times.sort()
    print(json.dumps({
        "articles": len(ids),
        "renders": len(times),
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 2),
        "queries_min": min(queries),
        "queries_max": max(queries),
    }))
    """
)


HIT = textwrap.dedent(
    """
    import io, json, statistics, sys, time
    from redaktion.wsgi import application

    path, host = sys.argv[1], sys.argv[2]
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80", "HTTP_HOST": host, "wsgi.url_scheme": "http",
        "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1", "HTTP_USER_AGENT": sys.argv[3],
    }
    status = []
    def start_response(line, headers):
        status.append((line, dict(headers).get("X-Cache")))
    def hit():
        return b"".join(application({**environ, "wsgi.input": io.BytesIO()}, start_response))
    for _ in range(3):
        hit()
    assert status[-1] == ("200 OK", "HIT"), status[-1]
    rounds = []
    for _ in range(7):
        start = time.perf_counter()
        for _ in range(5000):
            hit()
        rounds.append((time.perf_counter() - start) / 5000 * 1e6)
    print(json.dumps({"median_us": round(statistics.median(rounds), 1), "best_us": round(min(rounds), 1)}))
    """
)


def in_process(env, snippet, *args):
    """Run a snippet with the site's settings in a fresh interpreter; its last line is JSON."""
    out = subprocess.run(
        [PYTHON, "-c", snippet, *map(str, args)],
        env={**env, "DJANGO_SETTINGS_MODULE": "redaktion.settings"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def serve(env, port, workers, threads):
    process = subprocess.Popen(
        [
            *REDAKTION,
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--threads",
            str(threads),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            fetch(f"http://127.0.0.1:{port}/healthz")
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    sys.exit("redaktion serve did not start")


def nginx(root, port):
    # nginx's workers run as an unprivileged user; let them read the page.
    for folder in (root.parent, root, root / "html"):
        folder.chmod(0o755)
    conf = root / "nginx.conf"
    conf.write_text(
        textwrap.dedent(
            f"""
            worker_processes auto;
            pid {root}/nginx.pid;
            error_log {root}/error.log;
            daemon off;
            events {{ worker_connections 1024; }}
            http {{
              access_log off;
              default_type text/html;
              server {{
                listen 127.0.0.1:{port};
                root {root}/html;
              }}
            }}
            """
        )
    )
    process = subprocess.Popen(
        ["nginx", "-c", str(conf), "-p", str(root)], stderr=subprocess.DEVNULL
    )
    time.sleep(1)
    return process


def find_article(base):
    """The newest article linked from the home page (not a feed or a section)."""
    home, _ = fetch(base + "/")
    for url in re.findall(rb'href="(/[a-z0-9-]+/[a-z0-9-]+/)"', home):
        html, _ = fetch(base + url.decode())
        if b'<body class="article-page"' in html:
            return url.decode()
    sys.exit("bench/pages.py found no article linked from the home page")


def page_weight(base, url):
    html, _ = fetch(base + url)
    css_paths = re.findall(rb'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
    css_paths += re.findall(rb'<link[^>]+href="([^"]+\.css)"[^>]+rel="stylesheet"', html)
    scripts = re.findall(rb'<script[^>]+src="([^"]+)"', html)
    assets = [fetch(base + path.decode())[0] for path in css_paths + scripts]
    plain = len(html) + sum(len(a) for a in assets)
    return {
        "html_bytes": len(html),
        "css_js_bytes": sum(len(a) for a in assets),
        "total_bytes": plain,
        "total_gzip_bytes": sum(len(gzip.compress(b, 6)) for b in [html, *assets]),
        "total_brotli_bytes": sum(len(brotli.compress(b, quality=5)) for b in [html, *assets]),
        # Only what a browser loads by itself: scripts, styles, images, fonts, frames.
        "external_requests": len(
            [
                url
                for url in re.findall(
                    rb'<(?:script|img|iframe|source|link[^>]+rel="(?:stylesheet|preload|icon)")[^>]*(?:src|href|srcset)="(https?://[^"]+)"',
                    html,
                )
                if not url.startswith(base.encode())
            ]
        ),
    }


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--large", type=int, default=0, help="also measure at this archive size")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (as serve)")
    parser.add_argument("--samples", type=int, default=200, help="uncached renders to time")
    args = parser.parse_args()
    ensure_tools()

    work = Path(tempfile.mkdtemp(prefix="redaktion-bench-"))
    env = {**os.environ, "REDAKTION_DATA_DIR": str(work / "data")}
    results = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "server": {"workers": args.workers, "threads": args.threads},
        "database": "postgresql" if "postgres" in env.get("DATABASE_URL", "") else "sqlite",
        "redis": bool(env.get("REDIS_URL")),
    }
    subprocess.run(
        [*REDAKTION, "demo", "--no-serve"], env=env, check=True, stdout=subprocess.DEVNULL
    )
    manage(env, "generate_archive", "--count", str(max(args.articles - 44, 1)))
    results["uncached_small"] = in_process(env, UNCACHED, args.samples)

    port, static_port = free_port(), free_port()
    server = serve(env, port, args.workers, args.threads)
    try:
        base = f"http://127.0.0.1:{port}"
        article_url = find_article(base)
        for _ in range(3):
            html, headers = fetch(base + article_url)
        assert headers.get("X-Cache") == "HIT", headers
        (work / "nginx" / "html").mkdir(parents=True)
        (work / "nginx" / "html" / "index.html").write_bytes(html)
        static = nginx(work / "nginx", static_port)
        try:
            served, _ = fetch(f"http://127.0.0.1:{static_port}/index.html")
            assert served == html, "nginx does not serve the page's bytes"
            results["nginx_static"] = wrk(
                f"http://127.0.0.1:{static_port}/index.html",
                duration=args.duration,
                connections=args.connections,
            )
            results["cached_article"] = wrk(
                base + article_url, duration=args.duration, connections=args.connections
            )
        finally:
            static.terminate()
        results["cached_vs_nginx"] = round(
            results["cached_article"]["rps"] / results["nginx_static"]["rps"], 3
        )
        results["page_weight"] = page_weight(base, article_url)
        # Microseconds per cache hit through redaktion.wsgi, no server and no network.
        results["hit_in_process"] = in_process(env, HIT, article_url, f"127.0.0.1:{port}", BROWSER)
    finally:
        server.terminate()
        server.wait()

    if args.large:
        manage(
            env,
            "generate_archive",
            "--count",
            str(args.large - results["uncached_small"]["articles"]),
        )
        results["uncached_large"] = in_process(env, UNCACHED, args.samples)

    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "pages.json").write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
