"""Settings for every environment, chosen by DJANGO_ENV (dev, test or prod).

Everything that differs between machines comes from environment variables (django-environ);
see DESIGN.md section 3 and the README for the list.
"""

from .base import *  # noqa: F403
from .base import DJANGO_ENV

if DJANGO_ENV == "prod":
    from .prod import *  # noqa: F403
