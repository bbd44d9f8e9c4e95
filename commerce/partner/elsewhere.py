"""Pieces of a product held away from the online stock (at a stall, for now).

The app that holds them registers a reader in its ``AppConfig.ready`` (exhibitions does); the
partner strategy asks the readers only when a product's online stock is gone, so its page can say
where the pieces are instead of "Unavailable". A reader takes a product id and returns an Oscar
availability policy, or None when it holds none of that product's pieces.

A registry rather than an import: the stalls sit above the commerce core in the layers (they sell
through its payments boundary), so the core cannot import them.
"""

from __future__ import annotations

from collections.abc import Callable

_readers: list[Callable] = []


def register(reader: Callable) -> None:
    if reader not in _readers:
        _readers.append(reader)


def availability_elsewhere(product_id):
    for reader in _readers:
        policy = reader(product_id)
        if policy is not None:
            return policy
    return None
