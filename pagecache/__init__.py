"""Whole pages kept for anonymous visitors, and the cache backends they live in (Redis in
production, a shared file cache for `make demo`)."""
