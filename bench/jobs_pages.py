"""Staff pages with a year of data for bench/jobs.py (issue 22): the fund page and the
production page. JOBS filled in by that work."""

JOBS: list = []
