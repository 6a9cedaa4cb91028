"""WSGI entry point of the hello-world: ``bench_hello.wsgi:application``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench_hello.settings")

application = get_wsgi_application()
