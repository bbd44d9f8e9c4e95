from django.dispatch import Signal

# Sent when a production batch passes its quality check and its pieces are stocked.
# Arguments: batch (artisans ProductionBatch). The ledger credits each maker's piece-rate
# earnings from it.
batch_accepted = Signal()
