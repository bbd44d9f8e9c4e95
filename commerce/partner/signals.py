"""What the stock records announce. Oscar's model signals do not fire for the conditional
UPDATEs that allocate, withdraw or put back pieces (models.StockRecord), so this one says so."""

from django.dispatch import Signal

# Sent after pieces of a stock record were allocated, withdrawn or put back. The whole-page cache retires its pages (pagecache.pages), so nobody is
# shown a sold piece.
stock_changed = Signal()
