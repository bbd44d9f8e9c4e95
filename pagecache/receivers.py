"""What retires the kept pages (pagecache/pages.py): Wagtail pages published or unpublished,
stock changed, offers, vouchers and CSR tie-ups saved, deleted or relinked retire every stored
page; a basket, its lines, their options and its vouchers changed retire that basket's own.
Connected by PageCacheConfig.ready()."""

from .pages import basket_changed, bump_generation, pages_changed, stock_changed


def _stock_record_changed(sender, **kwargs):
    stock_changed()


def _retire_pages(sender, **kwargs):
    bump_generation()


def _retire_all_pages(sender, **kwargs):
    if kwargs.get("action", "post_").startswith("post_"):
        pages_changed()


def _basket_saved_or_deleted(sender, instance, created=False, **kwargs):
    # A basket made just now has no page kept under its id (ids are never reused: PostgreSQL
    # sequences, SQLite AUTOINCREMENT), which spares a new visitor's first add a round trip.
    # Nor can one be kept while this object lives: its cookie goes out with this response.
    if created:
        instance._pagecache_made_now = True
    else:
        basket_changed(instance.pk)


def _line_saved_or_deleted(sender, instance, **kwargs):
    # The first line of a basket made by this request (its object is the one that was saved
    # as new): no page of it can be kept yet, so two round trips are spared.
    basket = instance._state.fields_cache.get("basket")
    if basket is not None and getattr(basket, "_pagecache_made_now", False):
        return
    basket_changed(instance.basket_id)


def _line_attribute_saved_or_deleted(sender, instance, **kwargs):
    line = instance._state.fields_cache.get("line")
    if line is not None:
        basket_changed(line.basket_id)
    else:  # (when its line is deleted too, the line's own signal retires the basket's pages)
        basket_changed(
            sender._meta.get_field("line").related_model._default_manager
            .filter(pk=instance.line_id).values_list("basket_id", flat=True).first()
        )


def _basket_vouchers_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if not reverse:
        basket_changed(instance.pk)
    elif pk_set:  # from the voucher's side: these baskets
        for basket_id in pk_set:
            basket_changed(basket_id)
    else:  # a voucher taken off every basket it was on: which ones is not told
        pages_changed()


def _with_proxies(*concrete):
    """The models and their proxies (Oscar's conditions and benefits are saved as proxies, and
    a signal's sender is the proxy)."""
    from django.apps import apps

    return [model for model in apps.get_models() if model._meta.concrete_model in concrete]


def connect_receivers():
    """Wagtail pages (the home page) published or unpublished, offers, vouchers and tie-ups
    saved retire the stored pages; a basket, its lines and vouchers changed retire its own."""
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from oscar.core.loading import get_model
    from wagtail.signals import page_published, page_unpublished

    from commerce.partner.signals import stock_changed as stock_record_changed

    stock_record_changed.connect(_stock_record_changed, dispatch_uid="pagecache.pages.stock")
    page_published.connect(_retire_pages, dispatch_uid="pagecache.pages.published")
    page_unpublished.connect(_retire_pages, dispatch_uid="pagecache.pages.unpublished")

    Basket = get_model("basket", "Basket")
    for models, receiver in (
        ([Basket], _basket_saved_or_deleted),
        ([get_model("basket", "Line")], _line_saved_or_deleted),
        ([get_model("basket", "LineAttribute")], _line_attribute_saved_or_deleted),
    ):
        for model in _with_proxies(*models):
            for name, signal in (("saved", post_save), ("deleted", post_delete)):
                signal.connect(receiver, sender=model, weak=False,
                               dispatch_uid=f"pagecache.pages.{model._meta.label}.{name}")
    m2m_changed.connect(_basket_vouchers_changed, sender=Basket.vouchers.through, weak=False,
                        dispatch_uid="pagecache.pages.basket-vouchers")

    shared = [get_model("offer", name) for name in (
        "ConditionalOffer", "Condition", "Benefit", "Range", "RangeProduct")]
    shared += [get_model("voucher", "Voucher"), get_model("voucher", "VoucherSet"),
               get_model("csr_partners", "TieUp")]
    for model in _with_proxies(*shared):
        for name, signal in (("saved", post_save), ("deleted", post_delete)):
            signal.connect(_retire_all_pages, sender=model, weak=False,
                           dispatch_uid=f"pagecache.pages.{model._meta.label}.{name}")
    for model in shared:
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(_retire_all_pages, sender=through, weak=False,
                                dispatch_uid=f"pagecache.pages.{through._meta.label}")
