from oscar.apps.basket.models import *  # noqa: F403 (Oscar fork convention: Oscar's models as they are)
