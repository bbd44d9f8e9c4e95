"""Handing a private file (artisans.storage) to the browser once a view has checked who asks.

``private_file_response`` answers with the file itself (Django's FileResponse), or, when
``PRIVATE_MEDIA_SENDFILE_HEADER`` names one, lets the web server in front send it:

* ``X-Accel-Redirect`` (nginx): the header carries ``PRIVATE_MEDIA_INTERNAL_URL`` + the file's
  name; nginx needs an ``internal`` location there aliased to PRIVATE_MEDIA_ROOT.
* ``X-Sendfile`` (Apache mod_xsendfile, lighttpd): the header carries the file's path.

Either way the answer may be kept by no shared cache and by no browser cache
(``Cache-Control: private, no-store``).
"""

import mimetypes
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

SENDFILE_HEADERS = ("X-Accel-Redirect", "X-Sendfile")


def _private(response):
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    patch_vary_headers(response, ("Cookie",))
    response["Content-Disposition"] = "inline"
    return response


def private_file_response(fieldfile):
    """The stored file of ``fieldfile`` (a FieldFile on the private storage) as a response."""
    if not fieldfile or not fieldfile.storage.exists(fieldfile.name):
        raise Http404("No such file")
    content_type = mimetypes.guess_type(fieldfile.name)[0] or "application/octet-stream"
    header = settings.PRIVATE_MEDIA_SENDFILE_HEADER
    if header:
        if header not in SENDFILE_HEADERS:
            raise ImproperlyConfigured(
                f"PRIVATE_MEDIA_SENDFILE_HEADER must be empty or one of {SENDFILE_HEADERS}"
            )
        response = HttpResponse(content_type=content_type)
        if header == "X-Accel-Redirect":
            prefix = settings.PRIVATE_MEDIA_INTERNAL_URL.rstrip("/") + "/"
            response[header] = prefix + quote(fieldfile.name)
        else:
            response[header] = fieldfile.storage.path(fieldfile.name)
        return _private(response)
    response = FileResponse(fieldfile.storage.open(fieldfile.name, "rb"),
                            content_type=content_type)
    return _private(response)
