"""django-auditlog's request middleware, with its signal receiver connected once.

auditlog's own middleware connects a ``pre_save`` receiver for LogEntry at the start of every
request and disconnects it at the end. Each connect and disconnect empties Django's per-sender
receiver cache for every model, so every signal the request sends afterwards (a basket, its
line, the analytics counter) looks its receivers up again: about 4% of an add to basket's CPU
(bench/profile_page.py). Here the receiver is connected once, when the app is ready, under one
fixed id, and each request only sets the context variable auditlog reads: the same who, where
and correlation id on every audit entry as before.
"""

from functools import partial

from auditlog import get_logentry_model
from auditlog.cid import set_cid
from auditlog.context import _set_extra_data, auditlog_value
from auditlog.middleware import AuditlogMiddleware
from django.db.models.signals import pre_save

# The id auditlog's receiver checks against the request's context (auditlog.context).
SIGNAL_ID = ("haat-audit-actor", 0)


def connect_receiver() -> None:
    pre_save.connect(
        partial(_set_extra_data, signal_duid=SIGNAL_ID),
        sender=get_logentry_model(), dispatch_uid=SIGNAL_ID, weak=False,
    )


class AuditActorMiddleware(AuditlogMiddleware):
    def __call__(self, request):
        set_cid(request)
        context = self.get_extra_data(request)
        context["signal_duid"] = SIGNAL_ID
        token = auditlog_value.set(context)
        try:
            return self.get_response(request)
        finally:
            auditlog_value.reset(token)
