"""How near the themes come to a person's: the labelled answers (``data/labelled_answers.csv``,
408 made-up answers in 12 themes, English and Welsh) themed by the model, and the groups it
finds scored against the labels.

- ARI (adjusted Rand index): agreement of the two groupings, 1 for the same, about 0 for chance;
- NMI (normalised mutual information, arithmetic mean): 1 for the same, 0 for unrelated;
- purity: the share of answers in the theme where their label is the commonest;
- Welsh pairs: how many of the Welsh answers that translate an English one in the set sit in
  the same theme as it.

Measured twice: with the default settings (every answer embedded) and with a small sample
(``SMALL_SAMPLE``), so that most answers are placed by the word model, as the answers beyond
the sample of a very large consultation are. ``manage.py theme_quality`` prints the table; the
floors the model must keep are in ``tests/test_themes_quality.py``, and the figures and what
they mean in ADR 23.
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from childrights.participation.themes.embedding import Embedder
from childrights.participation.themes.engine import Settings, adjusted_rand_index, find_themes

LABELLED = Path(__file__).parent / "data" / "labelled_answers.csv"

# Small enough that most of the 408 answers are placed by their words, not embedded.
SMALL_SAMPLE = 150


@dataclass(frozen=True)
class Labelled:
    id: str
    theme: str
    language: str
    pair: str  # for a Welsh translation, its English answer's id
    text: str


def labelled_answers() -> list[Labelled]:
    with LABELLED.open(encoding="utf-8", newline="") as file:
        return [
            Labelled(
                id=row["id"],
                theme=row["theme"],
                language=row["language"],
                pair=row["pair"],
                text=row["text"],
            )
            for row in csv.DictReader(file)
        ]


class KeptEmbedder:
    """An embedder that keeps each text's vector, so that several settings can be measured
    with one pass of the model. The model's own name and version."""

    def __init__(self, embedder: Embedder) -> None:
        self.name = embedder.name
        self.version = embedder.version
        self._embedder = embedder
        self._kept: dict[str, np.ndarray] = {}

    def embed(self, texts: list[str]) -> np.ndarray:
        new = [t for t in dict.fromkeys(texts) if t not in self._kept]
        if new:
            self._kept.update(zip(new, self._embedder.embed(new), strict=True))
        if not texts:
            return self._embedder.embed([])
        return np.vstack([self._kept[t] for t in texts])


@dataclass(frozen=True)
class Quality:
    label: str
    settings: Settings
    ari: float
    nmi: float
    purity: float
    pairs_together: int
    pairs: int
    themes: int
    embedded: int
    answers: int
    assignment: tuple[int, ...]


def normalised_mutual_information(truth: Sequence[str], found: Sequence[int]) -> float:
    """Mutual information over the mean of the two groupings' entropies (1: the same)."""
    n = len(truth)
    if n == 0:
        return 1.0
    joint = Counter(zip(truth, found, strict=True))
    a = Counter(truth)
    b = Counter(found)

    def entropy(counts: Counter[str] | Counter[int]) -> float:
        return -sum(c / n * math.log(c / n) for c in counts.values())

    mutual = sum(c / n * math.log(c * n / (a[t] * b[f])) for (t, f), c in joint.items())
    mean = (entropy(a) + entropy(b)) / 2
    return mutual / mean if mean > 0 else 1.0


def purity(truth: Sequence[str], found: Sequence[int]) -> float:
    by_theme: dict[int, Counter[str]] = {}
    for t, f in zip(truth, found, strict=True):
        by_theme.setdefault(f, Counter())[t] += 1
    return sum(max(c.values()) for c in by_theme.values()) / max(len(truth), 1)


def welsh_pairs(answers: Sequence[Labelled], found: Sequence[int]) -> tuple[int, int]:
    """How many Welsh translations sit in their English answer's theme, out of how many."""
    position = {a.id: i for i, a in enumerate(answers)}
    pairs = [(i, position[a.pair]) for i, a in enumerate(answers) if a.pair in position]
    together = sum(1 for i, j in pairs if found[i] >= 0 and found[i] == found[j])
    return together, len(pairs)


def measure(
    answers: Sequence[Labelled], *, embedder: Embedder, settings: Settings, label: str = ""
) -> Quality:
    result = find_themes([a.text for a in answers], embedder=embedder, settings=settings)
    truth = [a.theme for a in answers]
    together, pairs = welsh_pairs(answers, result.assignment)
    return Quality(
        label=label,
        settings=settings,
        ari=adjusted_rand_index(truth, result.assignment),
        nmi=normalised_mutual_information(truth, result.assignment),
        purity=purity(truth, result.assignment),
        pairs_together=together,
        pairs=pairs,
        themes=len(result.themes),
        embedded=result.embedded,
        answers=len(answers),
        assignment=tuple(result.assignment),
    )


def quality_report(*, embedder: Embedder, settings: Settings | None = None) -> list[Quality]:
    """The labelled answers themed with ``settings`` (the defaults) and with a small sample;
    the model runs once for both."""
    settings = settings or Settings()
    answers = labelled_answers()
    kept = KeptEmbedder(embedder)
    return [
        measure(answers, embedder=kept, settings=settings, label="default settings"),
        measure(
            answers,
            embedder=kept,
            settings=replace(settings, sample_size=SMALL_SAMPLE),
            label=f"sample of {SMALL_SAMPLE}, the rest by words",
        ),
    ]


def quality_table(rows: Sequence[Quality]) -> str:
    lines = [
        f"{'':40} {'themes':>6} {'embedded':>8} {'ARI':>6} {'NMI':>6} {'purity':>6}"
        f" {'Welsh pairs':>11}"
    ]
    for q in rows:
        lines.append(
            f"{q.label:40} {q.themes:>6} {q.embedded:>8} {q.ari:>6.3f} {q.nmi:>6.3f}"
            f" {q.purity:>6.3f} {f'{q.pairs_together}/{q.pairs}':>11}"
        )
    return "\n".join(lines)
