"""Settings for benchmarks: the project's own, plus one bare view to compare against."""

from childrights.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
# One public link takes every submission of the benchmark: lift the per-link limit on sends.
PARTICIPATION_SEND_LIMIT_PER_MINUTE = 1_000_000
# The benchmarks' own management commands (make_national_data).
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
# The page sweep asks every API page and open data file many times from one address: lift the
# per-address limit, which the sweep would otherwise measure instead of the pages (429).
PUBLIC_API_REQUESTS_PER_MINUTE = 1_000_000
