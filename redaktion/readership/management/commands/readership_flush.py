from django.core.management.base import BaseCommand

from redaktion.readership.services import views_flush


class Command(BaseCommand):
    help = "Write the views waiting in the counter store to the database."

    def handle(self, *args, **options):
        written = views_flush()
        if options["verbosity"]:
            self.stdout.write(f"{written} views written.")
