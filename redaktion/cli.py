"""
The `redaktion` command: demo site, production server, management commands.

Everything a person can get wrong here (data folder, settings, database) ends in
one sentence on stderr and a non-zero exit code, never a traceback.
"""

import argparse
import os
import secrets
import sys
from pathlib import Path

DEFAULT_DATA_DIR = "redaktion-data"
# Seconds between runs of Wagtail's scheduled publishing.
SCHEDULER_INTERVAL = 30


class UsageError(Exception):
    """A problem the person running the command can fix; the message says how."""


def data_dir():
    return Path(os.environ.get("REDAKTION_DATA_DIR", DEFAULT_DATA_DIR)).expanduser().absolute()


def prepare_data_dir(*, create):
    """Make sure the data folder exists and is writable, and holds a secret key."""
    path = data_dir()
    if path.exists() and not path.is_dir():
        raise UsageError(
            f"The data folder {path} is a file, not a folder; move it away or set REDAKTION_DATA_DIR."
        )
    if not path.exists():
        if not create:
            raise UsageError(
                f"The data folder {path} does not exist; run `redaktion demo` or `redaktion serve` "
                "once, or set REDAKTION_DATA_DIR to the right folder."
            )
        try:
            path.mkdir(parents=True)
        except OSError as exc:
            raise UsageError(
                f"The data folder {path} cannot be created ({exc.strerror}); "
                "choose a writable place with REDAKTION_DATA_DIR."
            ) from None
    probe = path / f".write-test-{os.getpid()}"
    try:
        probe.write_text("")
        probe.unlink()
    except OSError:
        raise UsageError(
            f"The data folder {path} is not writable; fix its permissions or set REDAKTION_DATA_DIR "
            "to a folder you can write to."
        ) from None
    key_file = path / "secret_key"
    if not os.environ.get("REDAKTION_SECRET_KEY") and not key_file.exists():
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    return path


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redaktion.settings")
    from django.core.exceptions import ImproperlyConfigured

    try:
        import django

        django.setup()
    except ImproperlyConfigured as exc:
        raise UsageError(f"Configuration error: {exc}") from None


def check_database():
    from django.db import connection
    from django.db.utils import OperationalError

    try:
        connection.ensure_connection()
    except OperationalError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        where = "DATABASE_URL" if os.environ.get("DATABASE_URL") else "the data folder"
        raise UsageError(
            f"The database cannot be reached ({reason}); check {where} and that the database server is running."
        ) from None


def migrate():
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collect_static_if_changed", verbosity=0)


def start(*, create):
    prepare_data_dir(create=create)
    setup_django()
    check_database()


def start_scheduler(interval=SCHEDULER_INTERVAL):
    """Publish and unpublish scheduled pages on time, from the server's main process."""
    import logging
    import threading
    import time

    from django.core.management import call_command
    from django.db import connections

    logger = logging.getLogger("redaktion.scheduler")

    def run():
        while True:
            try:
                call_command("publish_scheduled", verbosity=0)
            except Exception:
                logger.exception("scheduled publishing failed; trying again in %s s", interval)
            finally:
                connections.close_all()
            time.sleep(interval)

    threading.Thread(target=run, name="redaktion-scheduler", daemon=True).start()


def serve(*, host, port, workers, threads):
    import multiprocessing

    from django.db import connections
    from granian import Granian
    from granian.constants import Interfaces

    # Workers start as fresh interpreters: nothing of this process (database
    # connections, the scheduler thread) is shared with them by a fork.
    multiprocessing.set_start_method("spawn", force=True)
    connections.close_all()
    start_scheduler()
    print(
        f"Redaktion läuft auf http://{host}:{port}/ (Verwaltung: /admin/). Beenden mit Strg+C.",
        flush=True,
    )
    Granian(
        "redaktion.wsgi:application",
        address=host,
        port=port,
        interface=Interfaces.WSGI,
        workers=workers,
        blocking_threads=threads,
        respawn_failed_workers=True,
        log_access=False,
    ).serve()


def cmd_demo(args):
    start(create=True)
    migrate()
    from django.core.management import call_command

    call_command("load_demo", verbosity=1)
    if args.no_serve:
        return 0
    serve(host=args.host, port=args.port, workers=args.workers, threads=args.threads)
    return 0


def cmd_serve(args):
    start(create=True)
    migrate()
    serve(host=args.host, port=args.port, workers=args.workers, threads=args.threads)
    return 0


def cmd_manage(args):
    start(create=False)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["redaktion manage", *args.arguments])
    return 0


def cmd_import_wordpress(args):
    export = Path(args.export).expanduser()
    if not export.is_file():
        raise UsageError(
            f"The export file {export} does not exist; export it in WordPress under "
            "Werkzeuge → Daten exportieren and give the path to the .xml file."
        )
    if args.media_dir and not Path(args.media_dir).expanduser().is_dir():
        raise UsageError(
            f"The media folder {args.media_dir} does not exist; give the old site's "
            "wp-content/uploads folder, or leave --media-dir out."
        )
    start(create=True)
    migrate()
    from django.core.management import call_command
    from django.core.management.base import CommandError

    try:
        call_command(
            "import_wordpress",
            str(export),
            media_dir=str(Path(args.media_dir).expanduser()) if args.media_dir else None,
            dry_run=args.dry_run,
            report=args.report,
        )
    except CommandError as exc:
        raise UsageError(str(exc)) from None
    return 0


def build_parser():
    parser = argparse.ArgumentParser(
        prog="redaktion", description="Redaktion: news publishing for independent newsrooms."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def server_options(sub, *, workers):
        sub.add_argument(
            "--host", default="127.0.0.1", help="address to listen on (default: %(default)s)"
        )
        sub.add_argument(
            "--port", type=int, default=8000, help="port to listen on (default: %(default)s)"
        )
        sub.add_argument(
            "--workers", type=int, default=workers, help="worker processes (default: %(default)s)"
        )
        # One thread per worker measured fastest for cached pages (docs/performance.md):
        # two threads share one interpreter lock and spend the difference on handing it over.
        sub.add_argument(
            "--threads", type=int, default=1, help="threads per worker (default: %(default)s)"
        )

    demo = commands.add_parser(
        "demo", help="create the demo newsroom and serve it on http://127.0.0.1:8000"
    )
    server_options(demo, workers=min(2, os.cpu_count() or 1))
    demo.add_argument("--no-serve", action="store_true", help="set everything up, then exit")
    demo.set_defaults(handler=cmd_demo)

    serve_parser = commands.add_parser(
        "serve", help="serve the site on a production-grade WSGI server"
    )
    server_options(serve_parser, workers=os.cpu_count() or 1)
    serve_parser.set_defaults(handler=cmd_serve)

    manage = commands.add_parser(
        "manage", help="run a Django or Wagtail management command", add_help=False
    )
    manage.add_argument("arguments", nargs=argparse.REMAINDER)
    manage.set_defaults(handler=cmd_manage)

    wordpress = commands.add_parser(
        "import-wordpress",
        help="import a WordPress export with its images, comments and old links",
    )
    wordpress.add_argument("export", help="the export file WordPress wrote (WXR, .xml)")
    wordpress.add_argument("--media-dir", help="the old site's wp-content/uploads folder")
    wordpress.add_argument(
        "--dry-run", action="store_true", help="import, report, then undo everything"
    )
    wordpress.add_argument("--report", help="also write the report as JSON to this file")
    wordpress.set_defaults(handler=cmd_import_wordpress)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except UsageError as exc:
        print(f"redaktion: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
