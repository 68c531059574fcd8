from django.core.management.base import BaseCommand

from redaktion.pagecache.store import get_store


class Command(BaseCommand):
    help = "Drop every cached page (they are rendered again on the next request)."

    def handle(self, *args, **options):
        get_store().clear()
        self.stdout.write("Seiten-Cache geleert.")
