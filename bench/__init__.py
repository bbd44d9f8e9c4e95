"""Load benchmark of the shop, side by side with plain django-oscar (issue 10; see README.md)."""
