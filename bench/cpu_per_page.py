"""CPU per request of the pages a shopper meets, served in-process by Haat's own WSGI handler
with the bench's production settings (bench/profile_page.py's requests, without the profiler).

CPU time, not wall time: it holds when the machine is busy with other work, so two trees of the
code can be compared on one machine at one time (issue 23: "bench rows within noise"). Run from
the root of the tree to measure, against a bench database built as bench/README.md says:

    env <bench.sh's SERVE_ENV> HAAT_PAGE_CACHE=false python /path/to/bench/cpu_per_page.py \
        [--runs 40] [--rounds 3] [pages...]

Prints, per page, the median over rounds of the mean CPU milliseconds per request, and the
queries of one request.
"""

import argparse
import os
import statistics
import sys
import time

# The tree measured is the working directory's (its bench/ too), not this file's.
sys.path.insert(0, os.getcwd())
sys.path.insert(1, os.path.join(os.getcwd(), "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.haat_settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from profile_page import CHECKOUT, request_for  # noqa: E402

PAGES = ["product", "catalogue", "add", "basket", *CHECKOUT]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("pages", nargs="*", default=PAGES)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(f"{'page':<10} {'CPU ms/request':>15} {'queries':>8}")
    for page in args.pages:
        make = request_for(page)
        for _ in range(3):
            assert make().status_code in (200, 302)
        connection.force_debug_cursor = True
        connection.queries_log.clear()
        make()
        queries = len(connection.queries)
        connection.force_debug_cursor = False
        means = []
        for _ in range(args.rounds):
            start = time.process_time()
            for _ in range(args.runs):
                make()
            means.append((time.process_time() - start) / args.runs * 1000)
        print(f"{page:<10} {statistics.median(means):>15.2f} {queries:>8}")


if __name__ == "__main__":
    main()
