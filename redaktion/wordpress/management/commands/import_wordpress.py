import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from redaktion.wordpress.services import WXRError, wordpress_import


class Command(BaseCommand):
    help = "Import a WordPress export (WXR): posts, pages, authors, images, comments, redirects."

    def add_arguments(self, parser):
        parser.add_argument("export", help="the WordPress export file (WXR, .xml)")
        parser.add_argument(
            "--media-dir", help="the wp-content/uploads folder of the old site, for images"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="import, report, then undo everything"
        )
        parser.add_argument("--report", help="also write the report as JSON to this file")

    def handle(self, *args, export, media_dir=None, dry_run=False, report=None, **options):
        path = Path(export)
        if not path.is_file():
            raise CommandError(_("The export file %(path)s does not exist.") % {"path": path})
        if report:
            report_path = Path(report)
            if not report_path.parent.is_dir():
                raise CommandError(
                    _("The folder for the report file %(path)s does not exist.")
                    % {"path": report_path}
                )
        show_progress = options.get("verbosity", 1) >= 1

        def progress(done, total, stage=None):
            if show_progress:
                width = 30
                filled = width * done // max(total, 1)
                label = f"{stage}: " if stage else ""
                sys.stderr.write(
                    f"\r{label}[{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
                )
                if done == total:
                    sys.stderr.write("\n")
                sys.stderr.flush()

        try:
            result = wordpress_import(
                path=path, media_dir=media_dir, dry_run=dry_run, progress=progress
            )
        except WXRError as exc:
            raise CommandError(str(exc)) from None
        if report:
            Path(report).write_text(
                json.dumps(result.as_dict(), ensure_ascii=False, indent=2), encoding="utf-8"
            )
        if options.get("verbosity", 1) >= 1:
            self.stdout.write("\n".join(result.lines()))
