"""What an app server does once its application is loaded, before it serves anyone."""

import gc
from pathlib import Path

from django.apps import apps
from django.template import engines
from django.urls import get_resolver

PROJECT = "childrights"
# What the project's templates are written in; anything else in a templates folder is left alone.
SUFFIXES = {".html", ".txt", ".json", ".xml"}


def compile_templates() -> int:
    """Compile every template of the project's own apps into the template engines' caches (each
    is otherwise compiled on the first request that renders it); how many."""
    compiled = 0
    for config in apps.get_app_configs():
        if config.name != PROJECT and not config.name.startswith(f"{PROJECT}."):
            continue
        root = Path(config.path) / "templates"
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in SUFFIXES and not path.name.startswith("."):
                for engine in engines.all():
                    engine.get_template(path.relative_to(root).as_posix())
                compiled += 1
    return compiled


def freeze_start_up_objects() -> None:
    """Load the URL patterns and compile the templates, then move every object made so far
    (settings, apps, models, URL patterns, templates, imported modules) into the garbage
    collector's permanent generation.

    They live as long as the process, yet each full collection walks them all: a pause of tens
    to hundreds of milliseconds in whichever request set it off, growing as pages are first
    rendered. Frozen, a collection walks only what requests made (docs/benchmarks.md, "The
    collector at start-up").
    """
    get_resolver().url_patterns  # noqa: B018  (loaded on the first request otherwise)
    compile_templates()
    gc.collect()
    gc.freeze()
