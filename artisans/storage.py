"""Where files only some staff may see are kept: outside MEDIA_ROOT, with no URL of their own.

Production batch photos are taken inside a shelter, before anyone has chosen what the public
sees; they are for the staff of that shelter only. The web server serves everything under
MEDIA_ROOT to anyone with the link, so these live under ``PRIVATE_MEDIA_ROOT`` instead (a
folder the web server does not serve) and reach a browser only through a view that checks who
asks (``artisans.private_files``). Published product images, copied from accepted batch photos,
stay in the default (public) storage.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(FileSystemStorage):
    """A FileSystemStorage rooted at ``settings.PRIVATE_MEDIA_ROOT``, read on every use (so a
    test's override applies), whose files have no public URL."""

    @property
    def base_location(self):
        return os.fspath(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError(
            "A private file has no public URL: link to the view that serves it after checking "
            "who asks."
        )


private_storage = PrivateStorage()
