"""The one thing a bulk order needs from above csr_partners: an Oscar order written the way the
shop writes orders (the checkout fork in storefront owns that, with its safe stock allocation).

``place_oscar_order`` is sent by ``services.place_bulk_order`` inside its transaction; exactly one
receiver (csr_partners/bulk/oscar_order.py) writes the order and returns it. Arguments:

* ``quote``: the accepted Quote (lines, company, request);
* ``user``: the buyer placing it;
* ``number``: the order number to use;
* ``shipping``: the address fields of the one delivery address, or None for many recipients;
* ``billing``: the company's billing address fields.

The receiver returns ``(order, {product id: pieces allocated from stock})`` and raises
``InsufficientStock``-like errors as ValidationError with a message for the buyer.
"""

from django.dispatch import Signal

place_oscar_order = Signal()

