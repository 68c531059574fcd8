"""
SQLite files that every worker process on the machine shares (the page cache and the
view counter in the embedded mode): one connection per thread, write-ahead log,
autocommit, and explicit write transactions.
"""

import sqlite3
import threading
from contextlib import contextmanager


class SharedFile:
    """A SQLite file at ``path`` with ``schema`` (CREATE … IF NOT EXISTS statements)."""

    def __init__(self, path, schema):
        self.path = str(path)
        self.schema = schema
        self._local = threading.local()

    @property
    def db(self):
        """This thread's connection, opened on first use."""
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(
                self.path, timeout=20, isolation_level=None, check_same_thread=False
            )
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.executescript(self.schema)
            self._local.connection = connection
        return connection

    @contextmanager
    def writing(self):
        """A write transaction that takes the file's write lock at once (no upgrade deadlock)."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
