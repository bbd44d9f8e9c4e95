"""Fault tests (issue 19): the shop's parts stopped and started under it.

They run in make test's PostgreSQL + Redis run (a real Celery worker and the Redis cache); on
the SQLite run, where the cache is in memory and Celery is eager, there is nothing to stop.
Each test stops a server of its own (a Redis on a free port), never the machine's shared ones.
"""

import os
import shutil
import signal
import subprocess
import tempfile
import time

import pytest
import redis
from django.conf import settings

from tests.support.stripe import free_port

needs_matrix_run = pytest.mark.skipif(
    settings.CELERY_TASK_ALWAYS_EAGER,
    reason="fault tests need the PostgreSQL + Redis run (REDIS_URL set, a real worker)",
)


class RedisServer:
    """A throwaway redis-server: stop() kills it, pause()/resume() freeze it with its data."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.dir = tempfile.mkdtemp(prefix="haat-fault-redis-")
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", self.dir],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                if redis.Redis.from_url(self.url, socket_timeout=0.5).ping():
                    return self
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def stop(self):
        self.process.kill()
        self.process.wait(timeout=10)

    def pause(self):
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self):
        os.kill(self.process.pid, signal.SIGCONT)

    def close(self):
        if self.process and self.process.poll() is None:
            self.resume()
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def own_redis():
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    server = RedisServer().start()
    yield server
    server.close()


class LocalstripeServer:
    """A localstripe of the test's own (in memory), to stop under a checkout."""

    def __init__(self):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self):
        import sys

        import requests

        from tests.support.stripe import IN_MEMORY_LOCALSTRIPE

        self.process = subprocess.Popen(
            [sys.executable, "-c", IN_MEMORY_LOCALSTRIPE, "--port", str(self.port),
             "--from-scratch"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.delete(f"{self.base}/_config/data", timeout=1)
                return self
            except requests.ConnectionError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def stop(self):
        self.process.kill()
        self.process.wait(timeout=10)


@pytest.fixture
def own_localstripe():
    from django.test.utils import override_settings

    server = LocalstripeServer().start()
    with override_settings(STRIPE_API_BASE=server.base,
                           STRIPE_JS_URL=f"{server.base}/js.stripe.com/v3/"):
        yield server
    if server.process.poll() is None:
        server.stop()
