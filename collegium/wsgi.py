import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "collegium.settings")
application = get_wsgi_application()
# Import every page's code while the process starts (about 3 s of CPU), not during its first
# visitor's request, which would otherwise wait for it (a first sign-in took 5 s or more).
import_module(settings.ROOT_URLCONF)
