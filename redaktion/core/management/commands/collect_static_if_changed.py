import hashlib
import os

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run collectstatic only when the static files changed since the last run."

    def handle(self, *args, **options):
        stamp = settings.STATIC_ROOT / ".fingerprint"
        fingerprint = self.fingerprint()
        if stamp.exists() and stamp.read_text() == fingerprint:
            return
        call_command("collectstatic", interactive=False, verbosity=0)
        stamp.write_text(fingerprint)

    def fingerprint(self):
        """Hash the name, size and modification time of every file the finders see."""
        digest = hashlib.sha256()
        for finder in get_finders():
            for path, storage in finder.list(ignore_patterns=[]):
                try:
                    info = os.stat(storage.path(path))
                except OSError:
                    continue
                digest.update(f"{path}:{info.st_size}:{info.st_mtime_ns}\n".encode())
        return digest.hexdigest()
