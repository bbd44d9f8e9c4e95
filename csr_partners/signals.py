"""What happened in csr_partners, announced (never asked for a result). Each is sent inside the
writer's transaction; the receivers (csr_partners/receivers.py) queue their Celery work on
commit, so a rolled-back write queues nothing.

* ``pledges_changed``: pledges were made or reversed on these tie-ups (``tieup_ids``, a set,
  possibly empty); their cached campaign figures are refreshed.
"""

from django.dispatch import Signal

pledges_changed = Signal()
