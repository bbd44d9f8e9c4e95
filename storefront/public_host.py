"""The shop's one public address (settings.HAAT_PUBLIC_URL) and the rows that must agree with it.

Canonical links, hreflang alternates, Open Graph and the sitemap are built from this address,
never from the Host header a request happened to carry (a proxy, 127.0.0.1, a test client).
Wagtail's default Site (page.get_full_url) and Django's Site (sitemaps of products and makers,
Oscar's emails) are set from it after every migrate and by load_demo (sync_sites)."""

from urllib.parse import urlsplit

from django.conf import settings


def base_url() -> str:
    """scheme://host[:port], no trailing slash."""
    return settings.HAAT_PUBLIC_URL.rstrip("/")


def scheme() -> str:
    return urlsplit(base_url()).scheme


def netloc() -> str:
    """host[:port] as Django's Site.domain wants it."""
    return urlsplit(base_url()).netloc


def absolute(url: str) -> str:
    """A path on the public host; an absolute URL is rewritten onto it (a page's URL built from
    an outdated Site row or a request's own host)."""
    if not url:
        return url
    parts = urlsplit(url)
    path = parts.path or "/"
    if parts.query:
        path += f"?{parts.query}"
    return f"{base_url()}{path}"


def sync_sites() -> None:
    """Wagtail's default Site and Django's SITE_ID Site set to the public host (idempotent)."""
    from django.apps import apps

    parts = urlsplit(base_url())
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if apps.is_installed("wagtail"):
        from wagtail.models import Site as WagtailSite

        WagtailSite.objects.filter(is_default_site=True).exclude(
            hostname=parts.hostname, port=port
        ).update(hostname=parts.hostname, port=port)
        WagtailSite.clear_site_root_paths_cache()
    if apps.is_installed("django.contrib.sites"):
        from django.contrib.sites.models import Site

        Site.objects.update_or_create(
            pk=settings.SITE_ID,
            defaults={"domain": parts.netloc, "name": settings.OSCAR_SHOP_NAME},
        )
        Site.objects.clear_cache()


def sync_after_migrate(sender, **kwargs) -> None:
    """post_migrate: once per migrate (sent for every app; storefront's is enough)."""
    if getattr(sender, "name", "") == "storefront":
        sync_sites()
