"""The zero-set-up cache shared by `make demo`'s gunicorn processes: Django's file-based cache.

`make demo` runs two processes (issue 22: one process is held to one core by the GIL, and 8
people at once queued behind it). Kept pages, fragments and their generation numbers must then
be one cache for both: a stock change committed in one process retires the pages the other keeps
(pagecache/pages.py bumps a generation number in the cache). Django's FileBasedCache is
shared through the directory, and a reader sees a value whole (each write is a rename), but its
incr is a read then a write: two processes bumping a generation at once could both write N+1, and
a page kept between the two changes would outlive the second one. Here incr holds an exclusive
lock on a file in the cache's directory (flock, between processes and threads alike).

Production and the PostgreSQL run use Redis (settings.REDIS_URL), whose incr is atomic.
"""

import fcntl
import os

from django.core.cache.backends.filebased import FileBasedCache

LOCK_FILE = "incr.lock"  # not a "*.djcache" file: never culled, never cleared


class SharedFileCache(FileBasedCache):
    def incr(self, key, delta=1, version=None):
        self._createdir()
        with open(os.path.join(self._dir, LOCK_FILE), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
            return super().incr(key, delta, version)
