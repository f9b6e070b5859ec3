"""Settings for benchmarks: the project's own, plus one bare view to compare against."""

from childrights.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
