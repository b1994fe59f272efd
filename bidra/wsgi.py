"""WSGI entry point for gunicorn: ``gunicorn bidra.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bidra.settings")
application = get_wsgi_application()
