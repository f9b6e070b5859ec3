import gc
import importlib
import sys


def test_the_wsgi_application_freezes_what_start_up_made():
    gc.unfreeze()
    sys.modules.pop("childrights.wsgi", None)
    try:
        wsgi = importlib.import_module("childrights.wsgi")
        assert callable(wsgi.application)
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
