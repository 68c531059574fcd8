"""
Benchmark the WordPress import: generate an export of N posts with comments, import it
into a fresh data folder, and report time and peak memory.

    python bench/wordpress_import.py            # 20,000 posts
    python bench/wordpress_import.py --posts 2000

The parse pass is also timed on its own at two sizes, with tracemalloc, to show that
the reader's memory does not grow with the file. During the import a line every
``--every`` posts gives the rate over the last stretch, so a cost that grows with the
archive shows up as a falling rate; the discovery rebuild at the end reports its own
progress and time.
"""

import argparse
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from xml.sax.saxutils import escape

CATEGORIES = ["politik", "wirtschaft", "kultur", "sport", "lokales"]
WORDS = (
    "Stadtrat Brücke Haushalt Wärmepumpe Schule Verkehr Bürgerinnen Bürger Straßenbahn "
    "Ausschuss Gutachten Förderung Grünfläche Bahnhof Öffnungszeiten Versammlung"
).split()


def paragraph(seed):
    words = [WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(40)]
    return " ".join(words).capitalize() + "."


def write_export(path, posts, comments_per_post):
    with open(path, "w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:excerpt="https://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:wp="https://wordpress.org/export/1.2/">\n<channel>\n'
            "<title>Benchmark-Zeitung</title><link>https://bench.example.de</link>\n"
            "<wp:wxr_version>1.2</wp:wxr_version>\n"
            "<wp:base_blog_url>https://bench.example.de</wp:base_blog_url>\n"
        )
        for login in ("anna", "bert", "cem"):
            out.write(
                f"<wp:author><wp:author_login>{login}</wp:author_login>"
                f"<wp:author_display_name>{login.title()} Müller</wp:author_display_name></wp:author>\n"
            )
        for nicename in CATEGORIES:
            out.write(
                f"<wp:category><wp:category_nicename>{nicename}</wp:category_nicename>"
                f"<wp:category_parent></wp:category_parent><wp:cat_name>{nicename.title()}"
                "</wp:cat_name></wp:category>\n"
            )
        comment_id = 1
        for n in range(1, posts + 1):
            category = CATEGORIES[n % len(CATEGORIES)]
            body = "\n\n".join(paragraph(n + i) for i in range(6))
            body += f'\n\n<h2>Zwischentitel {n}</h2>\n\n<a href="https://bench.example.de/?p={max(1, n - 1)}">Vorher</a>'
            out.write(
                f"<item><title>Artikel {n}: „{escape(WORDS[n % len(WORDS)])}“</title>"
                f"<link>https://bench.example.de/2024/01/{n % 28 + 1:02d}/artikel-{n}/</link>"
                f"<dc:creator>{('anna', 'bert', 'cem')[n % 3]}</dc:creator>"
                f"<content:encoded><![CDATA[{body}]]></content:encoded>"
                "<excerpt:encoded><![CDATA[]]></excerpt:encoded>"
                f"<wp:post_id>{n}</wp:post_id>"
                f"<wp:post_date_gmt>2024-01-{n % 28 + 1:02d} 08:00:00</wp:post_date_gmt>"
                f"<wp:post_name>artikel-{n}</wp:post_name><wp:status>publish</wp:status>"
                "<wp:post_type>post</wp:post_type>"
                f'<category domain="category" nicename="{category}">{category.title()}</category>'
                f'<category domain="post_tag" nicename="thema-{n % 50}">Thema {n % 50}</category>'
                "<wp:postmeta><wp:meta_key>post_views_count</wp:meta_key>"
                f"<wp:meta_value>{n * 3}</wp:meta_value></wp:postmeta>"
            )
            for c in range(comments_per_post):
                parent = comment_id - 1 if c % 2 else 0
                out.write(
                    f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>"
                    "<wp:comment_author>Leserin</wp:comment_author>"
                    "<wp:comment_author_email>l@example.org</wp:comment_author_email>"
                    "<wp:comment_author_IP>203.0.113.1</wp:comment_author_IP>"
                    "<wp:comment_date_gmt>2024-02-01 10:00:00</wp:comment_date_gmt>"
                    f"<wp:comment_content>Kommentar {comment_id}</wp:comment_content>"
                    "<wp:comment_approved>1</wp:comment_approved>"
                    f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
                )
                comment_id += 1
            out.write("</item>\n")
        out.write("</channel>\n</rss>\n")


def parse_peak(path):
    from redaktion.wordpress.wxr import read_export

    tracemalloc.start()
    started = time.perf_counter()
    items = sum(1 for kind, _data in read_export(path) if kind == "item")
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return items, elapsed, peak


def max_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=20_000)
    parser.add_argument("--comments", type=int, default=3, help="comments per post")
    parser.add_argument("--every", type=int, default=1000, help="progress line every N posts")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="redaktion-bench-wp-"))
    os.environ["REDAKTION_DATA_DIR"] = str(workdir / "data")
    os.environ.setdefault("REDAKTION_SECRET_KEY", "bench-only")
    os.environ["DJANGO_SETTINGS_MODULE"] = "redaktion.settings"
    (workdir / "data").mkdir()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    small, export = workdir / "small.xml", workdir / "export.xml"
    write_export(small, max(1, args.posts // 10), args.comments)
    write_export(export, args.posts, args.comments)
    size_mb = export.stat().st_size / 1e6
    small_items, _t, small_peak = parse_peak(small)
    items, parse_seconds, peak = parse_peak(export)
    print(
        f"parse only: {small_items} items → peak {small_peak / 1e6:.1f} MB traced; "
        f"{items} items ({size_mb:.0f} MB) → peak {peak / 1e6:.1f} MB traced, {parse_seconds:.1f} s"
    )

    from redaktion.wordpress.services import wordpress_import

    rss_before = max_rss_mb()
    started = time.perf_counter()
    # Per stage: (done, time) of its last line; a new stage starts where the last one ended.
    marks = {"items": (0, started)}
    ended = [started]

    def progress(done, total, stage="items"):
        if stage == "items" and done % args.every and done != total:
            return
        now = time.perf_counter()
        last_done, last_time = marks.get(stage, (0, ended[0]))
        rate = (done - last_done) / (now - last_time) if now > last_time else 0
        print(
            f"{stage}: {done}/{total} after {now - started:.0f} s, "
            f"{rate:.1f}/s over the last {done - last_done}, RSS {max_rss_mb():.0f} MB",
            flush=True,
        )
        marks[stage] = (done, now)
        ended[0] = now

    report = wordpress_import(path=export, progress=progress)
    seconds = time.perf_counter() - started
    print(
        f"import: {args.posts} posts, {args.posts * args.comments} comments, {size_mb:.0f} MB "
        f"in {seconds:.0f} s ({args.posts / seconds:.0f} posts/s); "
        f"peak RSS {max_rss_mb():.0f} MB (Django and migrations before: {rss_before:.0f} MB)"
    )
    print(f"created: {dict(report.created)}")
    print(f"skipped: {dict(report.skipped)}")
    print(f"discovery rebuilt: {dict(report.discovery)}")
    started = time.perf_counter()
    again = wordpress_import(path=export)
    print(
        f"second run (nothing to do): {time.perf_counter() - started:.0f} s, "
        f"created {dict(again.created)}, updated {dict(again.updated)}, "
        f"discovery rebuilt: {dict(again.discovery) or 'no'}"
    )


if __name__ == "__main__":
    main()
