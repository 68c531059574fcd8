from django.core.management.base import BaseCommand, CommandError

from redaktion.demo.archive import archive_generate


class Command(BaseCommand):
    help = "Add many synthetic live articles to measure how costs grow with the archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "--count", type=int, default=1000, help="number of articles (default: %(default)s)"
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="random seed, for repeatable archives"
        )

    def handle(self, *args, count, seed, **options):
        if count < 1:
            raise CommandError("--count must be at least 1.")
        try:
            created = archive_generate(count=count, seed=seed, stdout=self.stdout)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"{created} Artikel angelegt. Der Seiten-Cache wird beim nächsten Aufruf neu gefüllt."
        )
