"""Benchmark: pages through real app servers, with and without start-up's objects frozen.

    .venv/bin/python bench/gc_freeze.py --database postgres://postgres@127.0.0.1:5432/NAME
        [--requests 40]

Over a kept national data set (``page_sweep.py --keep``), starts two gunicorn servers on
loopback, one sync worker each, as docs/deployment.md runs them:

- frozen: ``childrights.wsgi``, which freezes what start-up made (``core/startup.py``);
- plain: Django's own ``get_wsgi_application()``, with nothing frozen.

Each page is requested ``--requests`` times from each server after two warm-ups, the two
servers taking turns request by request (which goes first alternates), so that whatever else
the machine is doing falls on both alike. The pages are large ones the page sweep found with a
slow p95 but a fast median, as the public and as a social worker of the first council (a
session made in the database and sent as its cookie). Printed: each page's median and p95 on
each server, and the p95 of every request together, with the frozen server's as a ratio of
the plain one's.
"""

from __future__ import annotations

import argparse
import http.client
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import free_port, percentile, refuse_unless_scratch  # noqa: E402

SERVERS = {"frozen": "childrights.wsgi", "plain": "django.core.wsgi:get_wsgi_application()"}
PUBLIC_PAGES = [
    "/partners/",
    "/services/?q=counselling",
    "/search/?q=counselling",
    "/you-said-we-did/",
    "/have-your-say/",
    "/send-local-offers/",
    "/local-offers/",
]
WORKER_PAGES = ["/councils/", "/councils/{council}/children/"]


def start(target: str, port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(  # noqa: S603
        [
            str(Path(sys.executable).parent / "gunicorn"),
            target,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(300):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit(f"{target} did not start on port {port}")


def timed(port: int, path: str, cookie: str) -> float:
    """Seconds to the whole answer of one GET, which must be a 200."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Cookie": cookie} if cookie else {}
    began = time.perf_counter()
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.read()
    took = time.perf_counter() - began
    connection.close()
    if response.status != 200:
        raise SystemExit(f"{path} answered {response.status}")
    return took


def social_worker_cookie() -> tuple[str, int]:
    """A signed-in social worker of the first council: their session cookie, and the council."""
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from childrights.accounts.models import User
    from childrights.testing.auth import sign_in

    lead = User.objects.get(email="staff0@council0.bench.example")
    council_id = lead.memberships.get().council_id
    if council_id is None:
        raise SystemExit("The data set's first lead belongs to no council: fill it again.")
    worker = (
        User.objects.filter(
            memberships__council_id=council_id,
            memberships__role__slug="social-worker",
            email__endswith=".bench.example",
        )
        .order_by("pk")
        .first()
    )
    if worker is None:
        raise SystemExit("The data set has no social worker in its first council: fill it again.")
    client = sign_in(Client(), worker)
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}", council_id


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True, help="a kept national data set's URL")
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    refuse_unless_scratch(args.database.rsplit("/", 1)[-1], environment=False)

    env = os.environ | {
        "APP_ENV": "test",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "DATABASE_URL": args.database,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "ALLOWED_HOSTS": "127.0.0.1",
        "PYTHONPATH": str(ROOT),
    }
    os.environ.update(env)
    cookie, council = social_worker_cookie()
    pages = [(path, "") for path in PUBLIC_PAGES]
    pages += [(path.format(council=council), cookie) for path in WORKER_PAGES]

    ports = {label: free_port() for label in SERVERS}
    servers = []
    try:
        for label, target in SERVERS.items():
            servers.append(start(target, ports[label], env))
        times: dict[str, dict[str, list[float]]] = {label: {} for label in SERVERS}
        began = time.perf_counter()
        for path, with_cookie in pages:
            for label in SERVERS:
                for _ in range(2):
                    timed(ports[label], path, with_cookie)
                times[label][path] = []
            for index in range(args.requests):
                order = list(SERVERS) if index % 2 == 0 else list(reversed(SERVERS))
                for label in order:
                    took = timed(ports[label], path, with_cookie)
                    times[label][path].append(took * 1000)
        seconds = time.perf_counter() - began
    finally:
        for server in servers:
            server.terminate()
            server.wait()

    load = os.getloadavg()
    print(
        f"gunicorn, one sync worker a server, PostgreSQL, {os.cpu_count()} CPUs; "
        f"{args.requests} requests a page a server after two, taking turns; "
        f"{seconds:.0f} s; load average at the end {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}"
    )
    print(f"{'page':<36} {'frozen p50':>10} {'p95':>7} {'plain p50':>10} {'p95':>7}")
    for path, with_cookie in pages:
        shown = path + (" (social worker)" if with_cookie else "")
        frozen, plain = times["frozen"][path], times["plain"][path]
        print(
            f"{shown[:36]:<36} {percentile(frozen, 0.5):>10.1f} {percentile(frozen, 0.95):>7.1f} "
            f"{percentile(plain, 0.5):>10.1f} {percentile(plain, 0.95):>7.1f}"
        )
    every = {label: [t for found in times[label].values() for t in found] for label in SERVERS}
    frozen_p95, plain_p95 = percentile(every["frozen"], 0.95), percentile(every["plain"], 0.95)
    frozen_max, plain_max = max(every["frozen"]), max(every["plain"])
    print(
        f"every request: p95 frozen {frozen_p95:.1f} ms, plain {plain_p95:.1f} ms "
        f"(ratio {frozen_p95 / plain_p95:.2f}); slowest frozen {frozen_max:.1f} ms, "
        f"plain {plain_max:.1f} ms (ratio {frozen_max / plain_max:.2f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
