from django.core.management.base import BaseCommand

from redaktion.comments.services import client_hashes_purge


class Command(BaseCommand):
    help = "Delete the rate-limit hashes of comment posters older than the retention period."

    def handle(self, *args, **options):
        deleted = client_hashes_purge()
        self.stdout.write(f"{deleted} client hashes deleted.")
