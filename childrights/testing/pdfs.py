"""Counting the PDFs WeasyPrint draws, to show a download was served from the kept file."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from weasyprint import HTML


@dataclass
class Drawings:
    count: int = 0


def count_drawings(monkeypatch: pytest.MonkeyPatch) -> Drawings:
    """From now on, every PDF WeasyPrint draws (it still draws them) is counted."""
    drawings = Drawings()
    draw = HTML.write_pdf

    def counted(self: HTML, *args: Any, **kwargs: Any) -> Any:
        drawings.count += 1
        return draw(self, *args, **kwargs)

    monkeypatch.setattr(HTML, "write_pdf", counted)
    return drawings


def kept_files() -> list[Path]:
    """Every kept PDF in the test's media folder."""
    return sorted((Path(settings.MEDIA_ROOT) / "pdfs").rglob("*.pdf"))
