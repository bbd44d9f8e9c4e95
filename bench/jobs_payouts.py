"""Staff long jobs of the payouts app for bench/jobs.py (issue 22). JOBS filled in by the work
on payout runs, statements, the fund page and the production page."""

JOBS: list = []
