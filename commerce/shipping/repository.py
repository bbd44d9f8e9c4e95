from oscar.apps.shipping import repository

from .methods import Courier, IndiaPost


class Repository(repository.Repository):
    """Standard post first (the basket page shows the first method as the default)."""

    methods = (IndiaPost(), Courier())
