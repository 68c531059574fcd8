"""
Where views wait between a reader's request and the database: Redis when REDIS_URL
is set, otherwise one SQLite file in the data folder shared by every worker process.

The store keeps three things, none of them personal:
- the digests of views already counted, each with its expiry (deduplication);
- pending counts per article and hour, durable as soon as a view is recorded;
- the stored total per article (database views + WordPress views), so that showing a
  count on a cached page needs no database query.

A flush takes the pending counts as one batch (`take`), writes them to the database,
then forgets the batch (`done`). A batch left behind by a crash is found by
`leftovers` and applied again; the database's batch log makes that exactly-once.
"""

import threading
import time
import uuid

from django.conf import settings

from redaktion.core.sqlite import SharedFile

# Seconds after which an unfinished batch counts as left behind by a crashed flush.
LEFTOVER_AFTER = 60


def new_batch_id():
    return f"{int(time.time())}-{uuid.uuid4().hex}"


def batch_age(batch_id):
    return time.time() - int(batch_id.split("-", 1)[0])


class SQLiteCounter(SharedFile):
    def __init__(self, path):
        super().__init__(
            path,
            """
            CREATE TABLE IF NOT EXISTS seen (digest BLOB PRIMARY KEY, expires REAL NOT NULL) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS pending (
                article INTEGER NOT NULL, hour INTEGER NOT NULL, batch TEXT NOT NULL DEFAULT '',
                views INTEGER NOT NULL, PRIMARY KEY (batch, article, hour)) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS pending_article ON pending (article);
            CREATE TABLE IF NOT EXISTS totals (article INTEGER PRIMARY KEY, total INTEGER NOT NULL);
            """,
        )

    def _transaction(self, work):
        with self.writing() as db:
            return work(db)

    def record_many(self, views, window):
        """Record ``[(digest, article_id, hour)]`` in one transaction; return how many counted."""
        now = time.time()

        def work(db):
            counted = 0
            for digest, article_id, hour in views:
                db.execute(
                    "INSERT INTO seen (digest, expires) VALUES (?, ?) "
                    "ON CONFLICT(digest) DO UPDATE SET expires = excluded.expires WHERE seen.expires < ?",
                    (digest, now + window, now),
                )
                if db.execute("SELECT changes()").fetchone()[0]:
                    db.execute(
                        "INSERT INTO pending (article, hour, views) VALUES (?, ?, 1) "
                        "ON CONFLICT(batch, article, hour) DO UPDATE SET views = views + 1",
                        (article_id, hour),
                    )
                    counted += 1
            return counted

        return self._transaction(work)

    def pending(self, article_ids):
        """Views recorded but not yet in the stored totals, per article."""
        if not article_ids:
            return {}
        marks = ",".join("?" * len(article_ids))
        rows = self.db.execute(
            f"SELECT article, sum(views) FROM pending WHERE article IN ({marks}) GROUP BY article",  # noqa: S608 - only placeholders
            list(article_ids),
        )
        return dict(rows.fetchall())

    def take(self):
        """Move every pending count into a new batch; return (batch_id, [(article, hour, views)])."""
        batch = new_batch_id()

        def work(db):
            db.execute("UPDATE pending SET batch = ? WHERE batch = ''", (batch,))
            return db.execute(
                "SELECT article, hour, views FROM pending WHERE batch = ?", (batch,)
            ).fetchall()

        return batch, self._transaction(work)

    def leftovers(self):
        rows = self.db.execute(
            "SELECT batch, article, hour, views FROM pending WHERE batch != '' ORDER BY batch"
        ).fetchall()
        batches = {}
        for batch, article, hour, views in rows:
            if batch_age(batch) > LEFTOVER_AFTER:
                batches.setdefault(batch, []).append((article, hour, views))
        return list(batches.items())

    def done(self, batch_id, totals):
        """Forget a flushed batch and raise the stored totals, in one step."""

        def work(db):
            db.execute("DELETE FROM pending WHERE batch = ?", (batch_id,))
            db.executemany(
                "INSERT INTO totals (article, total) VALUES (?, ?) "
                "ON CONFLICT(article) DO UPDATE SET total = max(total, excluded.total)",
                list(totals.items()),
            )
            db.execute("DELETE FROM seen WHERE expires < ?", (time.time(),))

        self._transaction(work)

    def totals(self, article_ids):
        if not article_ids:
            return {}
        marks = ",".join("?" * len(article_ids))
        rows = self.db.execute(
            f"SELECT article, total FROM totals WHERE article IN ({marks})",  # noqa: S608 - only placeholders
            list(article_ids),
        )
        return dict(rows.fetchall())

    def set_totals(self, totals):
        self.db.executemany(
            "INSERT INTO totals (article, total) VALUES (?, ?) "
            "ON CONFLICT(article) DO UPDATE SET total = max(total, excluded.total)",
            list(totals.items()),
        )

    def forget_totals(self, article_ids):
        self.db.executemany("DELETE FROM totals WHERE article = ?", [(a,) for a in article_ids])

    def seen_count(self):
        return self.db.execute("SELECT count(*) FROM seen").fetchone()[0]

    def clear(self):
        def work(db):
            for table in ("seen", "pending", "totals"):
                db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed names

        self._transaction(work)


# Count each view whose digest is new: one round trip for a whole batch, atomic.
RECORD_MANY_SCRIPT = """
local counted = 0
for i = 3, #KEYS do
  if redis.call('SET', KEYS[i], '1', 'NX', 'EX', ARGV[1]) then
    redis.call('HINCRBY', KEYS[1], ARGV[2 * (i - 2)], 1)
    redis.call('HINCRBY', KEYS[2], ARGV[2 * (i - 2) + 1], 1)
    counted = counted + 1
  end
end
return counted
"""
# Move the pending hashes to a batch's keys, atomically, and note the batch.
TAKE_SCRIPT = """
redis.call('SADD', KEYS[5], ARGV[1])
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('RENAME', KEYS[1], KEYS[3]) end
if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('RENAME', KEYS[2], KEYS[4]) end
return redis.call('HGETALL', KEYS[3])
"""
# Forget a batch (if any) and raise the stored totals; never lower them, because
# flushes in several processes may finish out of order.
DONE_SCRIPT = """
if ARGV[1] ~= '' then
  redis.call('DEL', KEYS[1], KEYS[2])
  redis.call('SREM', KEYS[4], ARGV[1])
end
for i = 2, #ARGV, 2 do
  local old = tonumber(redis.call('HGET', KEYS[3], ARGV[i]) or '-1')
  if tonumber(ARGV[i + 1]) > old then redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1]) end
end
return 1
"""


class RedisCounter:
    def __init__(self, url, *, prefix):
        import redis

        self.client = redis.Redis.from_url(url)
        self.prefix = prefix
        self._record_many = self.client.register_script(RECORD_MANY_SCRIPT)
        self._take = self.client.register_script(TAKE_SCRIPT)
        self._done = self.client.register_script(DONE_SCRIPT)

    def _key(self, name):
        return self.prefix + name

    def _batch_keys(self, batch):
        return self._key(f"batch:{batch}:hours"), self._key(f"batch:{batch}:articles")

    def record_many(self, views, window):
        args = [window]
        keys = [self._key("pending"), self._key("pending_a")]
        for digest, article_id, hour in views:
            keys.append(self._key("seen:" + digest.hex()))
            args += [f"{article_id}:{hour}", article_id]
        return int(self._record_many(keys=keys, args=args))

    def pending(self, article_ids):
        if not article_ids:
            return {}
        batches = [b.decode() for b in self.client.smembers(self._key("batches"))]
        keys = [self._key("pending_a")] + [self._batch_keys(b)[1] for b in batches]
        pipe = self.client.pipeline(transaction=False)
        for key in keys:
            pipe.hmget(key, list(article_ids))
        result = {}
        for values in pipe.execute():
            for article_id, value in zip(article_ids, values, strict=True):
                if value is not None:
                    result[article_id] = result.get(article_id, 0) + int(value)
        return result

    def take(self):
        batch = new_batch_id()
        hours, articles = self._batch_keys(batch)
        flat = self._take(
            keys=[
                self._key("pending"),
                self._key("pending_a"),
                hours,
                articles,
                self._key("batches"),
            ],
            args=[batch],
        )
        return batch, self._rows(flat)

    @staticmethod
    def _rows(flat):
        rows = []
        for field, value in zip(flat[::2], flat[1::2], strict=True):
            article, hour = field.decode().split(":")
            rows.append((int(article), int(hour), int(value)))
        return rows

    def leftovers(self):
        result = []
        for raw in self.client.smembers(self._key("batches")):
            batch = raw.decode()
            if batch_age(batch) > LEFTOVER_AFTER:
                result.append((batch, self._rows(self.client.hgetall(self._batch_keys(batch)[0]))))
        return result

    def done(self, batch_id, totals):
        args = [batch_id]
        for article, total in totals.items():
            args += [article, total]
        self._done(
            keys=[*self._batch_keys(batch_id), self._key("totals"), self._key("batches")],
            args=args,
        )

    def totals(self, article_ids):
        if not article_ids:
            return {}
        values = self.client.hmget(self._key("totals"), list(article_ids))
        return {a: int(v) for a, v in zip(article_ids, values, strict=True) if v is not None}

    def set_totals(self, totals):
        if totals:
            # Same rule as done(): totals only grow between explicit forgets.
            args = [""]
            for article, total in totals.items():
                args += [article, total]
            keys = [self._key("totals")] * 2
            self._done(keys=[*keys, self._key("totals"), self._key("batches")], args=args)

    def forget_totals(self, article_ids):
        if article_ids:
            self.client.hdel(self._key("totals"), *article_ids)

    def seen_count(self):
        return sum(1 for _ in self.client.scan_iter(match=self._key("seen:*"), count=1000))

    def clear(self):
        for key in self.client.scan_iter(match=self.prefix + "*", count=1000):
            self.client.delete(key)


_store = None
_lock = threading.Lock()


def get_counter():
    """The counter store for this process, made on first use from the settings."""
    global _store
    if _store is None:
        with _lock:
            if _store is None:
                if settings.REDIS_URL:
                    _store = RedisCounter(
                        settings.REDIS_URL, prefix=f"{settings.PAGE_CACHE_PREFIX}:views:"
                    )
                else:
                    _store = SQLiteCounter(settings.DATA_DIR / "readership.sqlite3")
    return _store


def reset_counter():
    """Forget the store, so that the next use reads the settings again (tests, benchmarks)."""
    global _store
    _store = None
