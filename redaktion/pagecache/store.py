"""
Where cached pages live: Redis when REDIS_URL is set, otherwise one SQLite file in
the data folder that every worker process on the machine shares.

An entry is valid while none of its tags was invalidated after the entry's render
began. Invalidation bumps one global sequence number and stamps each tag with it;
an entry remembers the sequence number at the start of its render. Counters, not
clocks, so machines with skewed clocks agree, and a render that raced an editor's
publish is never served.

Django's cache framework offers no atomic tag invalidation, and its file and
database backends cull entries at random, which could drop a tag's stamp and
revive a stale page; hence this small store.
"""

import fcntl
import hashlib
import mmap
import pickle
import struct
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from redaktion.core.sqlite import SharedFile

SEQUENCE_KEY = "seq"


@dataclass
class Entry:
    status: int
    headers: list
    body: bytes
    tags: tuple
    sequence: int
    meta: dict = field(default_factory=dict)
    created: float = field(default_factory=time.time)
    # The body split at its live parts (see pagecache.live.split), and its digest.
    parts: tuple = ()
    digest: str = ""

    def __post_init__(self):
        if not self.parts:
            self.parts = (self.body,)
        if not self.digest:
            self.digest = hashlib.blake2b(self.body, digest_size=12).hexdigest()


def _unpickle(raw):
    entry = pickle.loads(raw)  # noqa: S301 - written only by this store
    # Entries an older version wrote lack fields; they count as missing.
    return entry if isinstance(entry, Entry) and "digest" in entry.__dict__ else None


class Memo:
    """Entries this process has already checked, valid while the global sequence stands still.

    A hit then costs one read of the sequence number instead of reading, unpickling
    and checking the entry's tags again.
    """

    def __init__(self, size=512):
        self.size = size
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key, sequence):
        with self.lock:
            found = self.entries.get(key)
            if found is None or found[0] != sequence:
                return None
            self.entries.move_to_end(key)
            return found[1]

    def put(self, key, sequence, entry):
        with self.lock:
            self.entries[key] = (sequence, entry)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self):
        with self.lock:
            self.entries.clear()


class BaseStore:
    # Some pages change with the clock alone (a dated article going live, the News
    # sitemap's 48 hours), with no publish to invalidate them; no entry outlives this.
    ttl = 300

    def get(self, key):
        """The valid entry for ``key``, or None."""
        sequence = self.sequence()
        entry = self.memo.get(key, sequence)
        if entry is None or self.expired(entry):
            # Also when the remembered entry expired: a newer one may have been stored.
            entry = self.load(key)
            if entry is None or self.expired(entry):
                return None
            self.memo.put(key, sequence, entry)
        return entry

    def expired(self, entry):
        return entry.created + self.ttl < time.time()


class SQLiteStore(BaseStore, SharedFile):
    def __init__(self, path, *, max_entries=50_000):
        super().__init__(
            path,
            """
            CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value BLOB NOT NULL, created REAL NOT NULL);
            CREATE TABLE IF NOT EXISTS tags (tag TEXT PRIMARY KEY, sequence INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
            """,
        )
        self.max_entries = max_entries
        self.memo = Memo()
        # The sequence, mirrored in eight bytes of a file every process maps: reading
        # it is a memory access. The SQLite table stays the record.
        self.board_path = Path(path).with_suffix(".sequence")
        self._board = None
        self._board_lock = threading.Lock()

    def sequence(self):
        """The current sequence, read from shared memory: no query on a cache hit."""
        board = self._board or self._open_board()
        return struct.unpack_from("<Q", board)[0]

    def _stored_sequence(self):
        row = self.db.execute(
            "SELECT value FROM counters WHERE name = ?", (SEQUENCE_KEY,)
        ).fetchone()
        return row[0] if row else 0

    def _open_board(self):
        with self._board_lock:
            if self._board is None:
                with open(self.board_path, "a+b") as file:
                    if file.seek(0, 2) < 8:
                        file.truncate(8)
                    self._board = mmap.mmap(file.fileno(), 8)
                self._publish_sequence()
        return self._board

    def _publish_sequence(self):
        """Copy the stored sequence to the board, under a lock on the board's file.

        Each writer copies the newest committed value after its own commit, one
        writer at a time, so the board never goes backwards; a reader that saw the
        old value validated its entries against tags committed no later than that.
        """
        with open(self.board_path, "r+b") as file:
            fcntl.flock(file, fcntl.LOCK_EX)
            try:
                struct.pack_into("<Q", self._board, 0, self._stored_sequence())
            finally:
                fcntl.flock(file, fcntl.LOCK_UN)

    def load(self, key):
        row = self.db.execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
        entry = row and _unpickle(row[0])
        if not entry:
            return None
        if entry.tags:
            marks = ",".join("?" * len(entry.tags))
            newest = self.db.execute(
                f"SELECT max(sequence) FROM tags WHERE tag IN ({marks})",  # noqa: S608 - only placeholders
                entry.tags,
            ).fetchone()[0]
            if newest is not None and newest > entry.sequence:
                return None
        return entry

    def set(self, key, entry):
        self.db.execute(
            "INSERT OR REPLACE INTO entries (key, value, created) VALUES (?, ?, ?)",
            (key, pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL), entry.created),
        )
        if self._should_trim():
            self.db.execute(
                "DELETE FROM entries WHERE key IN (SELECT key FROM entries ORDER BY created LIMIT ?)",
                (self.max_entries // 10,),
            )

    def _should_trim(self):
        # Counting on every write would cost more than the write; look now and then.
        self._local.writes = getattr(self._local, "writes", 0) + 1
        if self._local.writes % 200:
            return False
        return self.db.execute("SELECT count(*) FROM entries").fetchone()[0] > self.max_entries

    def invalidate(self, tags):
        if not tags:
            return
        with self.writing() as db:
            db.execute(
                "INSERT INTO counters (name, value) VALUES (?, 1) "
                "ON CONFLICT(name) DO UPDATE SET value = value + 1",
                (SEQUENCE_KEY,),
            )
            sequence = db.execute(
                "SELECT value FROM counters WHERE name = ?", (SEQUENCE_KEY,)
            ).fetchone()[0]
            db.executemany(
                "INSERT INTO tags (tag, sequence) VALUES (?, ?) ON CONFLICT(tag) DO UPDATE SET sequence = excluded.sequence",
                [(tag, sequence) for tag in tags],
            )
        if self._board is None:
            self._open_board()  # publishes the new sequence
        else:
            self._publish_sequence()

    def clear(self):
        self.db.execute("DELETE FROM entries")
        self.memo.clear()


class RedisStore(BaseStore):
    def __init__(self, url, *, prefix="redaktion:pagecache:"):
        import redis

        self.client = redis.Redis.from_url(url)
        self.prefix = prefix
        self.memo = Memo()

    def _tag(self, tag):
        return f"{self.prefix}tag:{tag}"

    def sequence(self):
        return int(self.client.get(self.prefix + SEQUENCE_KEY) or 0)

    def load(self, key):
        raw = self.client.get(self.prefix + "page:" + key)
        entry = raw and _unpickle(raw)
        if not entry:
            return None
        if entry.tags:
            stamps = self.client.mget([self._tag(tag) for tag in entry.tags])
            if any(stamp is not None and int(stamp) > entry.sequence for stamp in stamps):
                return None
        return entry

    def set(self, key, entry):
        self.client.set(
            self.prefix + "page:" + key,
            pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL),
            ex=self.ttl,
        )

    def invalidate(self, tags):
        if not tags:
            return
        sequence = self.client.incr(self.prefix + SEQUENCE_KEY)
        self.client.mset({self._tag(tag): sequence for tag in tags})

    def clear(self):
        for key in self.client.scan_iter(match=self.prefix + "page:*", count=1000):
            self.client.delete(key)
        self.memo.clear()


_store = None
_store_lock = threading.Lock()


def get_store():
    """The store for this process, made on first use from the settings."""
    global _store
    if _store is None:
        with _store_lock:
            if _store is None:
                BaseStore.ttl = settings.PAGE_CACHE_TTL
                if settings.REDIS_URL:
                    _store = RedisStore(
                        settings.REDIS_URL, prefix=f"{settings.PAGE_CACHE_PREFIX}:pagecache:"
                    )
                else:
                    _store = SQLiteStore(settings.DATA_DIR / "pagecache.sqlite3")
    return _store
