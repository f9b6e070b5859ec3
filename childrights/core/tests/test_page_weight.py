"""Pages stay light for old phones on a weak signal: under 100 KB compressed, assets included."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders

LIMIT_BYTES = 100 * 1024


@pytest.mark.parametrize("path", ["/", "/uncrc/", "/sign-in/", "/find-your-council/?q=Leeds"])
def test_a_page_and_everything_it_loads_weigh_under_100_kb_compressed(client, db, path):
    html = client.get(path).content
    assets = re.findall(rb'(?:src|href)="/static/([^"]+)"', html)
    assert assets, "the page should load its stylesheet and script"
    total = len(gzip.compress(html))
    while assets:
        asset = assets.pop().decode()
        found = finders.find(asset)
        assert found, asset
        with open(found, "rb") as handle:
            content = handle.read()
        total += len(gzip.compress(content))
        # Modules load the modules they import.
        folder = asset.rsplit("/", 1)[0]
        assets += [
            f"{folder}/{name.decode()}".encode()
            for name in re.findall(rb'from "\./([^"]+)"', content)
        ]
    assert total < LIMIT_BYTES, f"{path} weighs {total} bytes compressed"
