"""The `redaktion` command, run as a person would run it: in a fresh process."""

import os
import sqlite3
import stat
import subprocess
import sys


def run(*args, env=None, data_dir=None, timeout=600):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("REDAKTION_", "DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    if data_dir is not None:
        environment["REDAKTION_DATA_DIR"] = str(data_dir)
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "redaktion", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def assert_clear_error(result, *phrases):
    """One sentence on stderr, no traceback, a non-zero exit code."""
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("redaktion: ")
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    for phrase in phrases:
        assert phrase in result.stderr


def test_malformed_setting_is_named(tmp_path):
    result = run("manage", "check", data_dir=tmp_path, env={"REDAKTION_DEBUG": "vielleicht"})
    assert_clear_error(result, "REDAKTION_DEBUG", "vielleicht")


def test_unknown_database_url_is_refused(tmp_path):
    result = run("manage", "check", data_dir=tmp_path, env={"DATABASE_URL": "mysql://db/x"})
    assert_clear_error(result, "DATABASE_URL", "postgres://")


def test_unreachable_database_says_what_to_check(tmp_path):
    result = run(
        "serve", data_dir=tmp_path, env={"DATABASE_URL": "postgres://nobody@127.0.0.1:9/redaktion"}
    )
    assert_clear_error(result, "database cannot be reached", "DATABASE_URL")


def test_data_folder_that_is_a_file(tmp_path):
    blocker = tmp_path / "daten"
    blocker.write_text("")
    assert_clear_error(run("demo", "--no-serve", data_dir=blocker), "is a file")
    assert_clear_error(run("demo", "--no-serve", data_dir=blocker / "unter"), "cannot be created")


def test_missing_data_folder_for_manage(tmp_path):
    assert_clear_error(run("manage", "check", data_dir=tmp_path / "fehlt"), "does not exist")


def test_demo_sets_up_once_and_reuses_its_data(tmp_path):
    """`redaktion demo` creates data, secret and newsroom; a second run duplicates nothing."""
    data = tmp_path / "daten"
    first = run("demo", "--no-serve", data_dir=data)
    assert first.returncode == 0, first.stderr
    assert "Benutzername: redaktion" in first.stdout
    secret = data / "secret_key"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    password = (data / "demo-login.txt").read_text()
    assert f"Passwort: {password}" in first.stdout

    def count(table):
        with sqlite3.connect(data / "redaktion.sqlite3") as db:
            return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608

    articles, authors = count("news_articlepage"), count("news_author")
    assert articles >= 40 and authors >= 4
    second = run("demo", "--no-serve", data_dir=data)
    assert second.returncode == 0, second.stderr
    assert "schon angelegt" in second.stdout
    assert f"Passwort: {password}" in second.stdout
    assert (count("news_articlepage"), count("news_author")) == (articles, authors)
    with sqlite3.connect(data / "redaktion.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
