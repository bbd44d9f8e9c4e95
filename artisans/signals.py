from django.dispatch import Signal

# Sent when a production batch passes its quality check and its pieces are stocked.
# Arguments: batch (artisans ProductionBatch). The ledger credits each maker's piece-rate
# earnings from it.
batch_accepted = Signal()

# Sent when a maker's consent to show some material is granted or withdrawn, after the change
# is committed. Arguments: artisan, kind (Consent.STORY, HANDS_PHOTO or QUOTE), granted.
# Pages that cache a maker's material (stories, product fragments) purge it on this signal;
# nothing caches it yet, so every page already reads consent afresh.
consent_changed = Signal()
