from celery import shared_task

from . import impact


@shared_task(name="storefront.tasks.refresh_impact_figures", ignore_result=True)
def refresh_impact_figures():
    """Recompute the public impact figures from the ledger into the cache (beat, every 15 min)."""
    impact.refresh()
