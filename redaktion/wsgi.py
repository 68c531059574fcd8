import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redaktion.settings")

from redaktion.pagecache.wsgi import CachedPagesApplication

application = CachedPagesApplication(get_wsgi_application())
