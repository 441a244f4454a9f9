"""Index public records in worker processes while the generator goes on writing records.

Each worker is a fork of the generator process (after django.setup(), with every database
connection closed first) and runs the product's bulk path, gongkai.search.services.reindex, on
the IndexItems it receives — segmentation happens outside the write transaction there, so two
workers and the writer share the two cores and the database's single writer lock. Search entry
ids therefore depend on which worker wrote first; hit order does not (publication times are
unique, and the index orders by them).
"""

from __future__ import annotations

import multiprocessing
import queue as queue_module
import traceback

from bench.data.records import record_document

QUEUE_BATCHES = 6
INDEX_BATCH = 1000  # documents per reindex transaction (the product's default is 500)


def tune_connection():
    """Generation-only settings of this process's SQLite connection: a long wait for the write lock,
    a large page cache, no fsync and rarer WAL checkpoints (about 20 % faster indexing). A crash
    mid-generation may then leave a damaged file; it has no marker yet, so it is thrown away."""
    from django.db import connection

    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout = 600000")
            cursor.execute("PRAGMA cache_size = -262144")  # 256 MB
            cursor.execute("PRAGMA synchronous = OFF")
            cursor.execute("PRAGMA wal_autocheckpoint = 50000")  # pages: about 200 MB of WAL


def _work(items_queue, done, errors):
    from django.db import connections

    from gongkai.search.services import reindex

    try:
        tune_connection()
        while True:
            items = items_queue.get()
            if items is None:
                break
            count = reindex((record_document(item) for item in items), batch_size=INDEX_BATCH)
            with done.get_lock():
                done.value += count
    except BaseException:
        errors.put(traceback.format_exc())
        raise
    finally:
        connections.close_all()


class ParallelIndexer:
    """add(items) hands a batch to the workers (blocking while QUEUE_BATCHES are waiting); close() waits for them."""

    def __init__(self, workers=2):
        from django.db import connections

        connections.close_all()  # a forked child must not share the parent's connection
        context = multiprocessing.get_context("fork")
        self.queue = context.Queue(QUEUE_BATCHES)
        self.errors = context.Queue()
        self.done = context.Value("q", 0)
        self.workers = [context.Process(target=_work, args=(self.queue, self.done, self.errors), daemon=True)
                        for _ in range(workers)]
        for worker in self.workers:
            worker.start()

    @property
    def count(self):
        return self.done.value

    def _check(self):
        try:
            error = self.errors.get_nowait()
        except queue_module.Empty:
            error = None
        if error or any(w.exitcode not in (None, 0) for w in self.workers):
            self.terminate()
            codes = [w.exitcode for w in self.workers]
            raise RuntimeError(f"An index worker failed (exit codes {codes}):\n{error or ''}")

    def add(self, items):
        while True:
            self._check()
            try:
                self.queue.put(items, timeout=5)
                return
            except queue_module.Full:
                continue

    def close(self):
        for _ in self.workers:
            self.add(None)
        for worker in self.workers:
            while worker.is_alive():
                worker.join(timeout=5)
                self._check()
        self._check()
        return self.done.value

    def terminate(self):
        for worker in self.workers:
            if worker.is_alive():
                worker.terminate()
