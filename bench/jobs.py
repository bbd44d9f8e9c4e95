"""Staff long jobs (issue 22), each at two sizes ten times apart, on PostgreSQL.

    make bench-jobs                 # every job, database haat_bench_jobs (made on first use)
    make bench-jobs JOBS=payout     # only jobs whose name contains "payout"

Each job module (bench/jobs_*.py: payouts, csr, pages) lists ``JOBS``: a ``Job`` says its
name (as in the table), its target in seconds, its two sizes, how to build its data (not timed;
may be slow the first time, reused afterwards) and what to time: the same service call or page
the staff member's click makes. The runner times ``run`` (best of ``repeat``), counts its
queries, prints the table with the growth ratio (large / small) and appends it to RESULTS.md.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import django

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storefront.settings")
    django.setup()

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


@dataclasses.dataclass
class Job:
    name: str  # the row's label, in the shop's words: "payout run drafted"
    unit: str  # what the size counts: "makers", "rows", "pledged orders"
    sizes: tuple[int, int]  # (small, large): ten times apart
    target_seconds: float  # the target, at the large size
    build: Callable[[int], Any]  # size -> context (data made and committed; not timed)
    run: Callable[[Any], Any]  # context -> anything; timed and query-counted
    repeat: int = 3  # best of N (jobs that change data must undo or be repeatable)
    note: str = ""


def _measure(job: Job, size: int) -> dict:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    context = job.build(size)
    best, queries = None, None
    for _ in range(job.repeat):
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            job.run(context)
            elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
        # The last run's queries: warm, as every run after the first (a first run may also fill
        # a cache, which the fastest run need not show).
        queries = len(captured.captured_queries)
    return {"seconds": best, "queries": queries}


def main(argv: list[str]) -> int:
    only = os.environ.get("JOBS", "")
    import importlib

    # Every bench/jobs_*.py lists its JOBS (payouts, csr, pages: one module per part of the shop).
    modules = sorted(p.stem for p in Path(__file__).parent.glob("jobs_*.py"))
    jobs = [j for m in modules for j in getattr(importlib.import_module(f"bench.{m}"), "JOBS", [])]
    jobs = [j for j in jobs if not only or any(o.strip() in j.name for o in only.split(","))]
    rows = []
    for job in jobs:
        small, large = job.sizes
        print(f"== {job.name}: {small:,} and {large:,} {job.unit}", flush=True)
        a = _measure(job, small)
        b = _measure(job, large)
        growth = b["seconds"] / a["seconds"] if a["seconds"] else float("nan")
        met = "met" if b["seconds"] < job.target_seconds else "missed"
        rows.append(
            f"| {job.name} | {small:,} {job.unit} | {a['seconds']:.3f} | {a['queries']} | "
            f"{large:,} {job.unit} | {b['seconds']:.3f} | {b['queries']} | {growth:.1f}× | "
            f"< {job.target_seconds:g} s: {met} |"
        )
        print(rows[-1], flush=True)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    table = "\n".join([
        f"\n### Staff long jobs at two sizes, {stamp}\n",
        f"`make bench-jobs{' JOBS=' + repr(only) if only else ''}` (commit {commit}, PostgreSQL, "
        f"in-process (the statement row: on Celery workers the bench starts, "
        f"BENCH_JOBS_WORKERS={os.environ.get('BENCH_JOBS_WORKERS', '2')}), best of the runs; "
        f"load average at the end {load})\n",
        "| job | small | seconds | queries | large (10×) | seconds | queries | growth | target |",
        "|---|---|---|---|---|---|---|---|---|",
        *rows,
        "",
    ])
    print(table)
    with RESULTS.open("a") as fh:
        fh.write(table)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
