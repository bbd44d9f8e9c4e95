"""Bulk orders for companies (issue 8): quotes, recipients, the order, shipments, GST invoices.

Models live in ``csr_partners/models/bulk.py``; this package holds the pure pieces (the
recipients file, the invoice arithmetic, the delivery plan), the reads (``selectors``,
``pricing``), the writes, one module per step (``quoting``: quote asked, computed, sent,
accepted; ``recipient_lists``: who receives a parcel; ``ordering``: the order placed, its
invoice issued and paid, read top-down; ``credit_notes``; ``shipments`` and ``parcels``), the
Oscar order (``oscar_order``), the buyer's views at ``/partners/bulk/`` (card payment in
``card_payments``) and the Celery tasks, queued on commit by csr_partners/receivers.py from
the announcements in ``signals``.

Imports run one way: models < pure pieces < selectors/pricing < service modules < tasks <
views, documents read from selectors and pricing.
"""
