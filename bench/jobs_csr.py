"""Staff long jobs of the csr_partners app for bench/jobs.py (issue 22). JOBS filled in by the
work on the recipients file and the CSR report."""

JOBS: list = []
