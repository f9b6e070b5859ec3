"""Grouping written answers into themes, on this server, the same way every time for the same
answers, model and seed.

1. Answers are put in a plain form (lower case, spaces) and identical ones counted once.
2. Up to ``sample_size`` distinct answers (all of them, for most consultations), chosen with the
   seed, are embedded by the model (``themes.embedding``): English and Welsh in one space.
3. The mean and the strongest shared direction (the language) are taken out of the vectors,
   and spectral clustering of the nearest-neighbour graph groups them (k-means with the seed on
   the graph's eigenvectors). The number of themes is chosen by staff, or else follows the
   number of answers (``default_themes``).
4. Beyond the sample (a very large set), answers are placed by a naive Bayes model of the words
   of each theme, learnt from the sample: the sample holds both languages, so Welsh words are
   learnt too. This keeps 100,000 answers within minutes on two cores (docs/benchmarks.md).
5. Each theme is named by its most typical phrases (words and pairs of words far more common in
   it than in the others, c-TF-IDF) and shown with the answers nearest its centre.

Pure functions of their inputs: no database, no network.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from childrights.participation.themes.embedding import Embedder

Progress = Callable[[int, int], None]

WORD = re.compile(r"[a-zà-öø-ÿŵŷ0-9]+(?:'[a-zà-öø-ÿŵŷ]+)?")

# Words too common to name a theme, English and Welsh (and children's spellings of them).
STOPWORDS = frozenset(
    line.strip()
    for line in (Path(__file__).parent / "data" / "stopwords.txt").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)


@dataclass(frozen=True)
class Settings:
    """What decides a result, kept with it so that it can be made again exactly. ``themes``: how
    many; 0 lets the number of distinct answers decide (``default_themes``)."""

    seed: int = 1
    themes: int = 0
    sample_size: int = 4000
    max_themes: int = 12
    neighbours: int = 15
    removed_directions: int = 1
    starts: int = 8
    iterations: int = 100
    examples: int = 3
    phrases: int = 5

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def default_themes(distinct: int, most: int) -> int:
    """Neither the silhouette nor the spectral gap found a sensible number in children's short
    answers (both chose 2 for the labelled set's 12 themes), so the number grows with the
    answers (about the square root of a third of them), between 2 and ``most``; staff can choose
    another, and merge and split."""
    return max(2, min(most, round(math.sqrt(distinct / 3))))


@dataclass
class FoundTheme:
    phrases: list[str]
    members: list[int]  # indexes into the texts given, most typical first
    examples: list[int]  # indexes into the texts given


@dataclass
class Result:
    themes: list[FoundTheme]
    # For each text given, its theme's index in ``themes`` (-1: empty after its plain form).
    assignment: list[int]
    # For each text given, how near the centre of its theme it is (0 to 1).
    typicality: list[float]
    # For each text given, the vector it was grouped by (None: placed by its words).
    vectors: list[np.ndarray | None]
    embedded: int
    distinct: int
    details: dict[str, Any] = field(default_factory=dict)


def plain(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))


def words(text: str) -> list[str]:
    return [w for w in plain(text).split() if w not in STOPWORDS and len(w) > 1]


def terms(text: str) -> list[str]:
    """Words and pairs of neighbouring words, the stop words left out."""
    ws = words(text)
    return ws + [f"{a} {b}" for a, b in itertools.pairwise(ws)]


# --- clustering ---------------------------------------------------------------------------------


def kmeans(
    vectors: np.ndarray, k: int, *, rng: np.random.Generator, starts: int, iterations: int
) -> tuple[np.ndarray, np.ndarray]:
    """Spherical k-means (cosine) of unit vectors: the best of ``starts`` k-means++ starts."""
    best: tuple[float, np.ndarray, np.ndarray] | None = None
    n = len(vectors)
    for _ in range(starts):
        centres = np.empty((k, vectors.shape[1]), dtype=np.float32)
        centres[0] = vectors[rng.integers(n)]
        closest = 1.0 - vectors @ centres[0]
        for c in range(1, k):
            weights = np.maximum(closest, 0) ** 2
            total = float(weights.sum())
            pick = int(rng.choice(n, p=weights / total)) if total > 0 else int(rng.integers(n))
            centres[c] = vectors[pick]
            closest = np.minimum(closest, 1.0 - vectors @ centres[c])
        labels = np.full(n, -1)
        for _ in range(iterations):
            new = np.argmax(vectors @ centres.T, axis=1)
            if np.array_equal(new, labels):
                break
            labels = new
            for c in range(k):
                mine = vectors[labels == c]
                if len(mine):
                    centre = mine.sum(axis=0)
                    centres[c] = centre / max(float(np.linalg.norm(centre)), 1e-12)
        score = float(np.sum(np.max(vectors @ centres.T, axis=1)))
        if best is None or score > best[0]:
            best = (score, labels.copy(), centres.copy())
    if best is None:
        raise ValueError("k-means needs at least one start")
    return best[1], best[2]


def common_directions_removed(vectors: np.ndarray, count: int) -> np.ndarray:
    """The vectors less their mean and their ``count`` strongest shared directions, unit length
    again. The strongest direction of e5's vectors here is the language: without this, Welsh
    answers group with Welsh answers, whatever they are about."""
    centred = vectors - vectors.mean(axis=0)
    if count and len(vectors) > count:
        _, _, directions = np.linalg.svd(centred, full_matrices=False)
        top = directions[:count]
        centred = centred - (centred @ top.T) @ top
    norms = np.linalg.norm(centred, axis=1, keepdims=True)
    unit: np.ndarray = (centred / np.maximum(norms, 1e-12)).astype(np.float32)
    return unit


def spectral_groups(
    vectors: np.ndarray, k: int, *, settings: Settings, rng: np.random.Generator
) -> np.ndarray:
    """Spectral clustering: a graph of each answer's nearest neighbours, its k strongest
    eigenvectors, and k-means of those."""
    n = len(vectors)
    if k <= 1 or n <= k:
        return np.arange(n) % max(k, 1) if n <= k else np.zeros(n, dtype=int)
    similarity = vectors @ vectors.T
    np.fill_diagonal(similarity, -np.inf)
    near = min(settings.neighbours, n - 1)
    nearest = np.argpartition(-similarity, near - 1, axis=1)[:, :near]
    rows = np.arange(n)[:, None]
    graph = np.zeros((n, n), dtype=np.float32)
    graph[rows, nearest] = np.maximum(similarity[rows, nearest], 0)
    graph = np.maximum(graph, graph.T)
    scale = 1.0 / np.sqrt(np.maximum(graph.sum(axis=1), 1e-12))
    _, eigenvectors = np.linalg.eigh(scale[:, None] * graph * scale[None, :])
    rows_k = eigenvectors[:, -k:]
    rows_k = rows_k / np.maximum(np.linalg.norm(rows_k, axis=1, keepdims=True), 1e-12)
    labels, _ = kmeans(
        rows_k.astype(np.float32),
        k,
        rng=rng,
        starts=settings.starts,
        iterations=settings.iterations,
    )
    return labels


def _centres(vectors: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    centres = np.zeros((k, vectors.shape[1]), dtype=np.float32)
    for c in range(k):
        mine = vectors[labels == c]
        if len(mine):
            centre = mine.sum(axis=0)
            centres[c] = centre / max(float(np.linalg.norm(centre)), 1e-12)
    return centres


# --- beyond the sample --------------------------------------------------------------------------


class WordModel:
    """Multinomial naive Bayes over words and word pairs, learnt from the themed sample."""

    def __init__(self, texts: Sequence[str], labels: np.ndarray, k: int) -> None:
        self.index: dict[str, int] = {}
        counts: list[Counter[int]] = [Counter() for _ in range(k)]
        for text, label in zip(texts, labels, strict=True):
            for term in terms(text):
                counts[int(label)][self.index.setdefault(term, len(self.index))] += 1
        table = np.ones((k, max(len(self.index), 1)), dtype=np.float64)
        for label, counter in enumerate(counts):
            for term_id, count in counter.items():
                table[label, term_id] += count
        self.log_likelihood = np.log(table / table.sum(axis=1, keepdims=True)).T.copy()
        sizes = np.bincount(labels, minlength=k).astype(np.float64) + 1.0
        self.log_prior = np.log(sizes / sizes.sum())

    def place(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Each text's theme, and how sure (the winning share of probability, 0 to 1)."""
        scores = np.tile(self.log_prior, (len(texts), 1))
        for row, text in enumerate(texts):
            ids = [self.index[t] for t in terms(text) if t in self.index]
            if ids:
                scores[row] += self.log_likelihood[ids].sum(axis=0)
        labels = np.argmax(scores, axis=1)
        shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
        sure = shifted.max(axis=1) / shifted.sum(axis=1)
        return labels, sure


# --- naming -------------------------------------------------------------------------------------


def typical_phrases(texts_by_theme: list[list[str]], count: int) -> list[list[str]]:
    """For each theme, the terms far more common in it than in the others (c-TF-IDF)."""
    per_theme = [Counter(t for text in texts for t in set(terms(text))) for texts in texts_by_theme]
    overall: Counter[str] = Counter()
    for counter in per_theme:
        overall.update(counter)
    average = sum(overall.values()) / max(len(per_theme), 1)
    named = []
    for counter, texts in zip(per_theme, texts_by_theme, strict=True):
        size = max(len(texts), 1)
        scored = sorted(
            (
                (freq / size) * math.log(1 + average / overall[term]) * (1.3 if " " in term else 1),
                term,
            )
            for term, freq in counter.items()
            # Never a word only one answer used: a theme's name must not be one child's words.
            if freq >= 2
        )
        chosen: list[str] = []
        for _score, term in reversed(scored):
            if any(term in kept or kept in term for kept in chosen):
                continue
            chosen.append(term)
            if len(chosen) == count:
                break
        named.append(chosen)
    return named


# --- the whole ----------------------------------------------------------------------------------


def find_themes(
    texts: Sequence[str],
    *,
    embedder: Embedder,
    settings: Settings | None = None,
    progress: Progress | None = None,
    batch: int = 256,
) -> Result:
    """Themes of ``texts``. ``progress(done, total)`` is told as the answers are embedded."""
    settings = settings or Settings()
    rng = np.random.default_rng(settings.seed)
    plain_texts = [plain(t) for t in texts]
    distinct = sorted({p for p in plain_texts if p})
    total = len(distinct)
    if total == 0:
        return Result([], [-1] * len(texts), [0.0] * len(texts), [None] * len(texts), 0, 0)
    if total > settings.sample_size:
        chosen = sorted(rng.choice(total, size=settings.sample_size, replace=False).tolist())
        sample = [distinct[i] for i in chosen]
    else:
        sample = distinct
    vectors = np.zeros((len(sample), 0), dtype=np.float32)
    parts = []
    for start in range(0, len(sample), batch):
        parts.append(embedder.embed(sample[start : start + batch]))
        if progress:
            progress(start + len(parts[-1]), len(sample))
    vectors = common_directions_removed(np.vstack(parts), settings.removed_directions)
    k = settings.themes or default_themes(len(sample), settings.max_themes)
    labels = spectral_groups(vectors, k, settings=settings, rng=rng)
    centres = _centres(vectors, labels, k)
    theme_of: dict[str, int] = dict(zip(sample, labels.tolist(), strict=True))
    near: dict[str, float] = dict(
        zip(sample, np.clip(np.sum(vectors * centres[labels], axis=1), 0, 1).tolist(), strict=True)
    )
    rest = [p for p in distinct if p not in theme_of]
    if rest:
        placed, sure = WordModel(sample, labels, k).place(rest)
        theme_of.update(zip(rest, placed.tolist(), strict=True))
        # Placed by words, not measured against the centre: below every embedded answer.
        near.update(zip(rest, (0.5 * sure).tolist(), strict=True))

    vector_of = dict(zip(sample, vectors, strict=True))
    assignment = [theme_of[p] if p else -1 for p in plain_texts]
    typicality = [near[p] if p else 0.0 for p in plain_texts]
    members: list[list[int]] = [[] for _ in range(k)]
    for index, theme in enumerate(assignment):
        if theme >= 0:
            members[theme].append(index)
    for theme_members in members:
        theme_members.sort(key=lambda i: (-typicality[i], i))
    phrases = typical_phrases([[texts[i] for i in m] for m in members], settings.phrases)
    themes = []
    for theme_members, named in zip(members, phrases, strict=True):
        examples: list[int] = []
        seen: set[str] = set()
        for i in theme_members:
            if plain_texts[i] not in seen:
                seen.add(plain_texts[i])
                examples.append(i)
            if len(examples) == settings.examples:
                break
        themes.append(FoundTheme(phrases=named, members=theme_members, examples=examples))
    # Largest theme first; the numbering follows.
    order = sorted(range(k), key=lambda c: (-len(themes[c].members), c))
    renumber = {old: new for new, old in enumerate(order)}
    kept = [themes[c] for c in order if themes[c].members]
    assignment = [renumber[a] if a >= 0 else -1 for a in assignment]
    return Result(
        themes=kept,
        assignment=assignment,
        typicality=typicality,
        vectors=[vector_of.get(p) for p in plain_texts],
        embedded=len(sample),
        distinct=total,
        details={"themes": len(kept)},
    )


def adjusted_rand_index(truth: Sequence[str], found: Sequence[int]) -> float:
    """Agreement of two groupings of the same items, 1 for the same, about 0 for chance."""
    pairs = Counter(zip(truth, found, strict=True))
    a = Counter(truth)
    b = Counter(found)
    n = len(truth)

    def comb(x: int) -> float:
        return x * (x - 1) / 2

    index = sum(comb(v) for v in pairs.values())
    sum_a = sum(comb(v) for v in a.values())
    sum_b = sum(comb(v) for v in b.values())
    expected = sum_a * sum_b / comb(n) if n > 1 else 0.0
    maximum = (sum_a + sum_b) / 2
    if maximum == expected:
        return 1.0
    return (index - expected) / (maximum - expected)


def split_in_two(
    texts: Sequence[str], vectors: Sequence[np.ndarray | None], *, seed: int
) -> list[int] | None:
    """One theme's answers in two groups (0 or 1), by their kept vectors; answers without one
    are placed by their words. None when fewer than two answers have a vector or one group
    would be empty."""
    have = [i for i, v in enumerate(vectors) if v is not None]
    if len(have) < 2:
        return None
    kept = np.vstack([np.asarray(vectors[i], dtype=np.float32) for i in have])
    kept = kept / np.maximum(np.linalg.norm(kept, axis=1, keepdims=True), 1e-12)
    labels, _ = kmeans(kept, 2, rng=np.random.default_rng(seed), starts=8, iterations=100)
    if len(set(labels.tolist())) < 2:
        return None
    groups = [-1] * len(texts)
    for i, label in zip(have, labels.tolist(), strict=True):
        groups[i] = label
    rest = [i for i in range(len(texts)) if groups[i] < 0]
    if rest:
        placed, _ = WordModel([texts[i] for i in have], labels, 2).place([texts[i] for i in rest])
        for i, label in zip(rest, placed.tolist(), strict=True):
            groups[i] = label
    return groups
