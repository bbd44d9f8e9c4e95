"""Bulk orders for companies (issue 8): quotes, recipients, the order, shipments, GST invoices.

Models live in ``csr_partners/models/bulk.py``; this package holds the pure pieces (the
recipients file, the invoice arithmetic), the services, the buyer's views at
``/partners/bulk/`` and the Celery tasks.
"""
