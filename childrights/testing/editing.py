"""Helpers for tests of several people editing one record (``core.editing``)."""

import re
from typing import Any


def opened_on(client: Any, url: str) -> str:
    """The signed "opened" values of the editing page at ``url``, as a person's browser holds
    them from the moment the page was opened."""
    found = re.search(r'name="opened" value="([^"]+)"', client.get(url).content.decode())
    assert found is not None, f"no opened values on {url}"
    return found.group(1)
