"""The story side's demo pages (called by load_demo), in English, Bengali and Hindi: site() makes
the Wagtail skeleton (root, home, Site, an empty About), load() fills and translates the pages.

English pages: home, about (the trust page: mission, how the shelters work, how makers are paid,
registrations, audited accounts, contact, team, figures), shipping, returns, privacy, the impact
page, a story page of a demo maker whose consent to her story stands, and the campaign page
(made by partners.csr). Each is translated into Bengali and Hindi through wagtail-localize's
own records: a TranslationSource of the English page, a StringTranslation for each of its
segments, and a Translation saved into the language's page (translate()), so an editor sees in
/cms/ that they are translated and can change any segment there. Idempotent.

Registration numbers, phone and the audited accounts are DEMO values, marked so on the page:
nothing here is a real registration, account or person."""

import html

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.html import escape
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from artisans.models import Artisan, Consent
from artisans.selectors import consent_state
from storefront.models import HomePage, ImpactPage, StandardPage, StoryPage

from .about import ABOUT_DESCRIPTION, ABOUT_INTRO, ABOUT_TITLE, about_body
from .page_texts import HOME, IMPACT, STANDARD_PAGES, STORY, STORY_MAKER
from .translated import LANGUAGES, T, _para


# --- The site's skeleton -----------------------------------------------------------------------
def site() -> HomePage:
    """The Wagtail root, the home page, the default Site and an About page to fill in."""
    # Wagtail makes these in its migrations; a flushed test database has lost them.
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's migration makes a plain "Welcome" page with our slug: replace it.
        for page in root.get_children().filter(slug="home"):
            if page.specific_class is Page:
                page.delete()
        home = root.add_child(instance=HomePage(title="Haat", slug="home"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"root_page": home, "site_name": "Haat"},
    )
    # Host and port from settings.HAAT_PUBLIC_URL, as the Django Site's (public_host.py).
    from storefront.public_host import sync_sites

    sync_sites()
    if not StandardPage.objects.filter(slug="about").exists():
        home.add_child(
            instance=StandardPage(
                title="About Haat",
                slug="about",
                introduction=(
                    "Haat sells what women in our partner shelters make, and sends the "
                    "money where it belongs: to the maker, to training, and to running the shop."
                ),
            )
        )
    return home


# --- Translation through wagtail-localize -------------------------------------------------------
def _plain(data: str) -> str:
    return html.unescape(data.replace("<br>", "\n")).strip()


def translate(page, locale, user=None) -> list[str]:
    """Translate `page` into `locale` with wagtail-localize: its source (re)read from the English
    page, each segment given its translation from T.registry (a slug stays the English slug, so
    /bn/about/ is the Bengali about page), then the language's page saved and published.
    Returns the English segments left untranslated (none, for the demo's pages)."""
    from wagtail_localize.models import (
        StringSegment,
        StringTranslation,
        Translation,
        TranslationSource,
    )

    source, _created = TranslationSource.update_or_create_from_instance(page)
    missing = []
    for segment in StringSegment.objects.filter(source=source).select_related("string",
                                                                               "context"):
        english = _plain(segment.string.data)
        if segment.context.path == "slug":
            text = english
        else:
            text = T.registry.get(english, {}).get(locale.language_code)
        if not text:
            missing.append(english)
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string, locale=locale, context=segment.context,
            defaults={"data": escape(text),
                      "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                      "last_translated_by": user},
        )
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True})
    # Saved as a draft, then published here and now: wagtail-localize publishes on commit, and
    # inside load_demo's one transaction that would save each page as it was before its
    # children were added (treebeard's child count back to 0, its children unreachable).
    translation.save_target(user=user, publish=False)
    target = page.get_translation(locale)
    target = type(target).objects.get(pk=target.pk)
    target.get_latest_revision().publish(user=user, skip_permission_checks=True)
    return missing


def _audited_accounts_document():
    """A demo PDF of 'audited accounts' in Wagtail's documents, made once."""
    from wagtail.documents.models import Document

    title = "Audited accounts 2025-26 (DEMO)"
    document = Document.objects.filter(title=title).first()
    if document is not None:
        return document
    try:
        from weasyprint import HTML

        pdf = HTML(string=(
            "<h1>Haat Trust: audited accounts 2025-26</h1>"
            "<p><strong>DEMO DOCUMENT.</strong> Not a real audit, not a real trust. The demo shop "
            "links it where the real audited statement will be uploaded (CMS, Documents).</p>"
        )).write_pdf()
    except Exception:  # noqa: BLE001 - a machine without WeasyPrint's libraries: a text file
        pdf = None
    if pdf:
        file = ContentFile(pdf, name="audited-accounts-2025-26-demo.pdf")
    else:
        file = ContentFile(b"DEMO: audited accounts 2025-26 (not real)",
                           name="audited-accounts-2025-26-demo.txt")
    document = Document(title=title, file=file)
    document.save()
    return document


def load(home: HomePage, editor) -> None:
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}
    # Fresh from the database: the caller's instance predates the children it added since.
    home = HomePage.objects.get(pk=home.pk)

    for field, text in HOME.items():
        if field != "title":
            setattr(home, field, str(text))
    home.save_revision(user=editor).publish()

    about = StandardPage.objects.filter(slug="about", locale=home.locale).first()
    if about is not None and not about.body:
        about.title, about.introduction = str(ABOUT_TITLE), str(ABOUT_INTRO)
        about.search_description = str(ABOUT_DESCRIPTION)
        about.body = about_body(_audited_accounts_document())
        about.save_revision(user=editor).publish()

    for slug, title, intro, paragraphs in STANDARD_PAGES:
        if not StandardPage.objects.filter(slug=slug, locale=home.locale).exists():
            home.add_child(instance=StandardPage(
                title=str(title), slug=slug, introduction=str(intro),
                body=[_para(*paragraphs)], search_description=str(intro)))

    impact = ImpactPage.objects.filter(locale=home.locale).first()
    if impact is None:
        impact = home.add_child(instance=ImpactPage(
            title=str(IMPACT["title"]), slug="impact", introduction=str(IMPACT["introduction"]),
            body=[_para(IMPACT["body"])],
            search_description=str(IMPACT["search_description"])))

    maker = Artisan.objects.filter(pseudonym=STORY_MAKER).first()
    story = StoryPage.objects.filter(locale=home.locale, slug="juhis-story").first()
    if maker is not None and story is None and consent_state(maker)[Consent.STORY]:
        home.add_child(instance=StoryPage(
            title=str(STORY["title"]), slug="juhis-story", artisan=maker,
            introduction=str(STORY["introduction"]), body=[_para(STORY["body"])], owner=editor))

    # Every English page under home (home too), translated with wagtail-localize.
    pages = [home] + list(home.get_children().filter(locale=home.locale).specific())
    for code, locale in locales.items():
        for page in pages:
            translation = page.get_translation_or_none(locale)
            if translation is not None and not translation.alias_of_id and \
                    _already_translated(page, locale):
                continue
            missing = translate(page, locale, user=editor)
            if missing:
                raise ValueError(f"storefront.demo.pages: {page.slug} has no {code} text for {missing!r}")
    _same_permissions_in_every_language(home)


def _same_permissions_in_every_language(home) -> None:
    """Editors may edit, translate and publish the Bengali and Hindi trees as the English one
    (the permissions load_demo gives on the English home, given on each language's home)."""
    from wagtail.models import GroupPagePermission

    for translated in home.get_translations():
        for grant in GroupPagePermission.objects.filter(page=home):
            GroupPagePermission.objects.get_or_create(
                group_id=grant.group_id, page=translated, permission_id=grant.permission_id)


def _already_translated(page, locale) -> bool:
    from wagtail_localize.models import Translation

    return Translation.objects.filter(
        source__object_id=page.translation_key, target_locale=locale).exists()
