from django.conf import settings
from django.core.management.base import BaseCommand

from redaktion.demo.services import demo_editor, demo_load


class Command(BaseCommand):
    help = "Load the demo newsroom „Der Rundblick“ once and print the editor's login."

    def handle(self, *args, **options):
        if demo_load(stdout=self.stdout if options["verbosity"] > 1 else None):
            self.stdout.write("Demo-Redaktion „Der Rundblick“ angelegt.")
        else:
            self.stdout.write("Demo-Redaktion ist schon angelegt; nichts geändert.")
        username, password = demo_editor()
        self.stdout.write(
            f"Anmeldung für die Redaktion: {settings.BASE_URL}/admin/  "
            f"Benutzername: {username}  Passwort: {password}"
        )
