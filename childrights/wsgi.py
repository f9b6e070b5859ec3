import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "childrights.settings")

application = get_wsgi_application()

from childrights.core.startup import freeze_start_up_objects  # noqa: E402  (needs the apps)

freeze_start_up_objects()
