"""What an app server does once its application is loaded, before it serves anyone."""

import gc

from django.urls import get_resolver


def freeze_start_up_objects() -> None:
    """Load the URL patterns, then move every object made so far (settings, apps, models, URL
    patterns, imported modules) into the garbage collector's permanent generation.

    They live as long as the process, yet each full collection walks them all: a pause of tens
    of milliseconds in whichever request set it off, on large pages most often. Frozen, a
    collection walks only what requests made (docs/benchmarks.md, "The collector at start-up").
    """
    get_resolver().url_patterns  # noqa: B018  (loaded on the first request otherwise)
    gc.collect()
    gc.freeze()
