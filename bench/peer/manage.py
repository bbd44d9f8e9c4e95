#!/usr/bin/env python
"""Plain django-oscar 4.2 for the benchmark's side-by-side run (bench/README.md)."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peershop.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
