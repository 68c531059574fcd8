import time

from django.core.management.base import BaseCommand

from redaktion.discovery.services import related_compute_all, search_index_rebuild


class Command(BaseCommand):
    help = "Rebuild the search index from all published articles and recompute related articles."

    def add_arguments(self, parser):
        parser.add_argument("--skip-index", action="store_true", help="Only recompute related.")
        parser.add_argument("--skip-related", action="store_true", help="Only rebuild the index.")

    def handle(self, *args, skip_index=False, skip_related=False, **options):
        def progress(label):
            return lambda n: self.stdout.write(f"  {label}: {n}")

        if not skip_index:
            started = time.perf_counter()
            count = search_index_rebuild(progress=progress("indexed"))
            self.stdout.write(
                f"Search index: {count} articles in {time.perf_counter() - started:.1f} s."
            )
        if not skip_related:
            started = time.perf_counter()
            count = related_compute_all(progress=progress("related"))
            elapsed = time.perf_counter() - started
            per = elapsed / count * 1000 if count else 0
            self.stdout.write(
                f"Related articles: {count} articles in {elapsed:.1f} s ({per:.1f} ms each)."
            )
