"""localstripe for the benchmark: `python bench/localstripe_memory.py --port 8102 --from-scratch`.

Plain localstripe pickles its whole store to /tmp/localstripe.pickle after every write: each
order makes the next write slower (the paid-checkout row would measure the pickling), and every
localstripe on the machine shares that file. This one keeps its data in memory only, as the
test suite's does (tests/support/stripe.py).
"""

import sys

import localstripe.resources as resources

resources.Store.dump_to_disk = lambda self: None

from localstripe.server import start  # noqa: E402  (after the patch)

sys.argv[0] = "localstripe"
start()
