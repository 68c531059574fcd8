from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from redaktion.comments.services import comments_delete, comments_export_json, comments_for_email


class Command(BaseCommand):
    help = (
        "Answer a GDPR request: export (--export FILE) or delete (--delete) all comments "
        "of one e-mail address."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="the commenter's e-mail address")
        parser.add_argument("--export", metavar="FILE", help="write the comments as JSON to FILE")
        parser.add_argument("--delete", action="store_true", help="delete the comments")

    def handle(self, *args, email, export, delete, **options):
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"{email!r} is not an e-mail address.") from None
        if not export and not delete:
            raise CommandError("Say what to do: --export FILE, --delete, or both.")
        if export:
            path = Path(export)
            try:
                path.write_text(comments_export_json(email=email) + "\n", encoding="utf-8")
            except OSError as exc:
                raise CommandError(f"Cannot write {path}: {exc.strerror}.") from None
            count = comments_for_email(email=email).count()
            self.stdout.write(f"{count} comments of {email} exported to {path}.")
        if delete:
            count = comments_delete(email=email)
            self.stdout.write(f"{count} comments of {email} deleted.")
