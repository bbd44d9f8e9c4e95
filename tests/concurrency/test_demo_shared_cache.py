"""`make demo`'s two gunicorn processes share one cache (pagecache/filecache.py, issue 22): a
piece sold through one process never shows as still for sale on a page the other one kept, and
generation numbers bumped by several processes at once are never lost."""

import multiprocessing

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from oscar.core.loading import get_model

from pagecache import pages as pagecache
from tests.functional.page_cache_support import BUY_BUTTON, cached, for_sale

StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db
FORK = multiprocessing.get_context("fork")


@pytest.fixture(autouse=True)
def _shared_file_cache(settings, tmp_path):
    settings.CACHES = {"default": {"BACKEND": "pagecache.filecache.SharedFileCache",
                                   "LOCATION": str(tmp_path / "cache")}}
    settings.HAAT_PAGE_CACHE = True
    yield
    cache.clear()


def in_another_process(target, *args):
    process = FORK.Process(target=target, args=args)
    process.start()
    process.join(60)
    assert process.exitcode == 0


def test_a_sale_in_one_process_retires_the_page_the_other_kept(django_capture_on_commit_callbacks):
    product = for_sale()
    url = product.get_absolute_url()
    Client().get(url)
    response = Client().get(url)
    assert cached(response) == "hit" and BUY_BUTTON in response.content.decode()

    # The order is placed by the other process: the stock row changes in the shared database,
    # and that process retires the kept pages when its transaction commits.
    record = product.stockrecords.get()
    with django_capture_on_commit_callbacks(execute=False):
        StockRecord.allocate_or_fail(record.pk, record.net_stock_level)
    in_another_process(pagecache.bump_generation)

    html = Client().get(url).content.decode()
    assert BUY_BUTTON not in html and "This piece has sold out" in html


def _bump(times):
    for _ in range(times):
        pagecache.bump_generation()


@pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
    reason="the shared file cache is make demo's, on SQLite; forked children hang on the "
           "PostgreSQL + Redis run's inherited connections (seen 2026-12-07, not yet understood)")
def test_generations_bumped_by_several_processes_at_once_are_all_counted():
    pagecache.bump_generation()
    start = pagecache.generation()
    processes = [FORK.Process(target=_bump, args=(50,)) for _ in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(60)
        assert process.exitcode == 0
    assert pagecache.generation() == start + 200
