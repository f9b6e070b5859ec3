"""The project's own Python source, as the tests that read code find it."""

from collections.abc import Iterator
from pathlib import Path


def python_modules(root: Path) -> Iterator[Path]:
    """Every ``.py`` file under ``root`` that Python could import: each part of its dotted name
    is an identifier. A stray file beside the code (an editor's or another tool's copy such as
    ``account.html.py``, which may come and go while the tests run) is not a module of ours."""
    for path in sorted(root.rglob("*.py")):
        if all(part.isidentifier() for part in path.relative_to(root).with_suffix("").parts):
            yield path
