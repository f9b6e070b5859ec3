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


def test_start_up_compiles_every_template_of_the_project_into_the_cache():
    from pathlib import Path

    from django.template import engines

    from childrights.core.startup import compile_templates

    root = Path(__file__).resolve().parents[2]
    files = [p for p in root.glob("*/templates/**/*") if p.is_file()]
    assert compile_templates() == len(files) > 300
    cached = engines["django"].engine.template_loaders[0]  # type: ignore[attr-defined]
    assert "participation/journey/base.html" in cached.get_template_cache
