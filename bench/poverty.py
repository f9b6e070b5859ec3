"""Benchmark: the poverty engine against a minimal NumPy M0 and a plain pandas implementation.

    .venv/bin/python bench/poverty.py [--rows N] [--pandas-rows N] [--repeats 3] [--assert-targets]

Synthetic children (fixed seed): 12 indicators in 5 dimensions, 3 age groups each with its own
thresholds, weights and k, 30 areas (text codes), survey weights and household ids, some missing
values. The data is written once to an Arrow file; each implementation is then measured in a
fresh process that loads it, runs once to warm up and then ``--repeats`` times, reporting the
best wall time and the process's peak resident memory (VmHWM: NumPy and Polars allocate outside
Python's heap, so tracemalloc would miss most of it). The peak includes the loaded data (and
the buffers used to read it); "above data" is the peak less the resident memory once loaded.

- engine: ``compute`` with weights, household clusters, the area breakdown and age groups
  (everything but the bootstrap: H, A, M0 with standard errors, censored and uncensored
  headcounts, contributions, the curve over k, overlaps, each age group).
- numpy: scores and M0/H/A from a prebuilt float32 deprivation matrix (built untimed): one
  matrix product, then weighted sums. The floor for "just M0".
- pandas: idiomatic pandas for M0, H, A, censored headcounts and the area breakdown.

``--assert-targets`` exits with status 1 if the engine takes more than 2 s or its process peaks
above 3 GB (the targets for 10 million children).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from childrights.poverty.engine import (
    AgeGroup,
    AgeGrouping,
    Dimension,
    Indicator,
    Measure,
    compute,
    deprivation_matrix,
)

SEED = 20240601
TARGET_SECONDS = 2.0
TARGET_BYTES = 3_000_000_000
FLOORS = ["earth", "wood", "tile", "concrete"]
SOURCES = ["piped", "well", "surface"]


def make_data(rows: int, seed: int = SEED) -> pl.DataFrame:
    """One row per child, in households of 1 to 5 children (stored together, as surveys are)."""
    rng = np.random.default_rng(seed)
    sizes = rng.integers(1, 6, size=rows // 2 + 10)
    households = int(np.searchsorted(np.cumsum(sizes), rows)) + 1
    household = np.repeat(np.arange(households, dtype=np.int64), sizes[:households])[:rows]
    areas = np.array([f"W06{number:06d}" for number in range(30)])

    def with_gaps(values: npt.NDArray[Any], share: float) -> pl.Series:
        values = values.astype(np.float32)
        values[rng.random(rows) < share] = np.nan
        return pl.Series(values, nan_to_null=True)

    return pl.DataFrame(
        {
            "household": household,
            "area": areas[rng.integers(0, 30, households)][household],
            "weight": rng.lognormal(0.0, 0.5, households)[household],
            "age": rng.integers(0, 18, rows, dtype=np.int8),
            "height_for_age_z": with_gaps(rng.normal(-0.8, 1.1, rows), 0.02),
            "meals_per_day": rng.integers(1, 5, rows, dtype=np.int8),
            "vaccinated": rng.random(rows) < 0.85,
            "months_since_check_up": rng.integers(0, 30, rows, dtype=np.int16),
            "in_school": rng.random(rows) < 0.9,
            "reading_level": with_gaps(rng.integers(0, 6, rows), 0.01),
            "school_km": rng.exponential(2.0, rows).astype(np.float32),
            "people_per_room": rng.gamma(2.0, 0.8, rows).astype(np.float32),
            "floor": pl.Series(
                values=np.array(FLOORS)[rng.choice(4, rows, p=[0.15, 0.25, 0.3, 0.3])],
                dtype=pl.Enum(FLOORS),
            ),
            "water_minutes": rng.integers(0, 90, rows, dtype=np.int16),
            "shared_toilet": rng.random(rows) < 0.2,
            "drinking_water": pl.Series(
                values=np.array(SOURCES)[rng.choice(3, rows, p=[0.7, 0.2, 0.1])],
                dtype=pl.Enum(SOURCES),
            ),
        }
    )


def _measure(meals: int, reading: int, k: float, weights: tuple[float, ...] | None) -> Measure:
    def dimension(slug: str, label: str, *indicators: Indicator, weight: float | None) -> Dimension:
        return Dimension(slug, label, indicators, weight)

    w = weights or (None,) * 5
    return Measure(
        (
            dimension(
                "nutrition",
                "Nutrition",
                Indicator(
                    "stunting", "Stunted", "height_for_age_z", "below", -2.0, missing="exclude"
                ),
                Indicator("meals", "Too few meals", "meals_per_day", "below", meals),
                weight=w[0],
            ),
            dimension(
                "health",
                "Health",
                Indicator("unvaccinated", "Not vaccinated", "vaccinated", "lacks"),
                Indicator(
                    "check-up", "No check-up in a year", "months_since_check_up", "above", 12
                ),
                weight=w[1],
            ),
            dimension(
                "education",
                "Education",
                Indicator("out-of-school", "Out of school", "in_school", "lacks"),
                Indicator(
                    "reading", "Cannot read", "reading_level", "below", reading, inclusive=True
                ),
                Indicator("school-far", "School far away", "school_km", "above", 5.0),
                weight=w[2],
            ),
            dimension(
                "housing",
                "Housing",
                Indicator("crowding", "Overcrowded", "people_per_room", "above", 2.0),
                Indicator("earth-floor", "Earth floor", "floor", "in", categories=("earth",)),
                weight=w[3],
            ),
            dimension(
                "water",
                "Water and sanitation",
                Indicator("water-far", "Water far", "water_minutes", "above", 30),
                Indicator("shared-toilet", "Shared toilet", "shared_toilet", "flag"),
                Indicator(
                    "surface-water",
                    "Surface water",
                    "drinking_water",
                    "in",
                    categories=("surface",),
                ),
                weight=w[4],
            ),
        ),
        k,
    )


def age_groups() -> AgeGrouping:
    return AgeGrouping(
        "age",
        (
            AgeGroup("0-4", "Under 5", 0, 4, _measure(3, 0, 0.4, (0.3, 0.3, 0.1, 0.15, 0.15))),
            AgeGroup("5-10", "5 to 10", 5, 10, _measure(2, 1, 0.4, None)),
            AgeGroup("11-17", "11 to 17", 11, 17, _measure(2, 2, 1 / 3, None)),
        ),
    )


# --- the three implementations ------------------------------------------------------------


def run_engine(frame: pl.DataFrame) -> tuple[Callable[[], dict[str, float]], str]:
    groups = age_groups()

    def run() -> dict[str, float]:
        result = compute(
            frame,
            _measure(2, 1, 0.4, None),  # each age group has its own; this is the fallback
            weight_column="weight",
            cluster_column="household",
            group_columns=("area",),
            age_groups=groups,
        )
        return {"M0": result.M0, "H": result.H, "A": result.A}

    return run, "compute(): everything but the bootstrap"


def run_numpy(frame: pl.DataFrame) -> tuple[Callable[[], dict[str, float]], str]:
    groups = age_groups()
    n = frame.height
    # Untimed: each child's row of the deprivation matrix under their age group's rules.
    matrix = np.zeros((n, 12), dtype=np.float32)
    group = np.full(n, len(groups.groups), dtype=np.int64)
    age = frame["age"].to_numpy()
    weight_matrix = np.zeros((len(groups.groups) + 1, 12), dtype=np.float32)
    cutoffs = np.full(len(groups.groups) + 1, 2.0)
    for number, age_group in enumerate(groups.groups):
        assert age_group.measure is not None  # noqa: S101
        g, included = deprivation_matrix(frame, age_group.measure)
        rows = (age >= age_group.min_age) & (age <= age_group.max_age) & included
        matrix[rows] = g[rows]
        group[rows] = number
        weight_matrix[number] = age_group.measure.weights
        cutoffs[number] = age_group.measure.k
    weights = np.where(group < len(groups.groups), frame["weight"].to_numpy(), 0.0)
    cutoff = cutoffs[group] - 1e-6  # float32 scores: a looser tolerance

    def run() -> dict[str, float]:
        scores = matrix @ weight_matrix.T  # one matrix product for every age group
        score = np.take_along_axis(scores, group[:, None], axis=1)[:, 0]
        poor = score >= cutoff
        population = weights.sum()
        q = weights @ poor
        s = weights @ np.where(poor, score, 0.0)
        return {"M0": s / population, "H": q / population, "A": s / q}

    return run, "scores and M0 from a prebuilt float32 matrix"


def run_pandas(frame: pl.DataFrame) -> tuple[Callable[[], dict[str, float]], str]:
    import pandas as pd  # type: ignore[import-untyped]

    columns: dict[str, Any] = {}
    for series in frame.iter_columns():  # untimed; no pyarrow needed
        if isinstance(series.dtype, pl.Enum):
            columns[series.name] = pd.Categorical.from_codes(
                series.to_physical().to_numpy(), categories=series.dtype.categories.to_list()
            )
        elif series.dtype == pl.String:
            columns[series.name] = pd.Categorical(series.to_numpy())
        else:
            columns[series.name] = series.to_numpy()  # nulls become NaN
    data = pd.DataFrame(columns)
    del columns
    groups = age_groups()

    def deprived(column: Any, indicator: Indicator) -> Any:
        if indicator.rule == "below":
            return (
                column.le(indicator.threshold)
                if indicator.inclusive
                else column.lt(indicator.threshold)
            )
        if indicator.rule == "above":
            return (
                column.ge(indicator.threshold)
                if indicator.inclusive
                else column.gt(indicator.threshold)
            )
        if indicator.rule == "in":
            return column.isin(indicator.categories)
        if indicator.rule == "flag":
            return column.astype(bool)
        return ~column.astype(bool)

    def run() -> dict[str, float]:
        parts = []
        censored = {}
        for age_group in groups.groups:
            measure = age_group.measure
            assert measure is not None  # noqa: S101
            children = data[data["age"].between(age_group.min_age, age_group.max_age)]
            excluded = pd.Series(False, index=children.index)
            columns = {}
            for indicator in measure.indicators:
                column = children[indicator.column]
                missing = column.isna()
                value = deprived(column, indicator)
                if indicator.missing == "deprived":
                    value = value | missing
                else:
                    value = value & ~missing
                    if indicator.missing == "exclude":
                        excluded |= missing
                columns[indicator.slug] = value
            deprivations = pd.DataFrame(columns)[~excluded]
            children = children[~excluded]
            score = deprivations.astype(float).dot(
                pd.Series(measure.weights, index=deprivations.columns)
            )
            poor = score >= measure.k - 1e-12
            weight = children["weight"]
            censored[age_group.slug] = (
                deprivations[poor].mul(weight[poor], axis=0).sum() / weight.sum()
            )
            parts.append(
                pd.DataFrame(
                    {
                        "area": children["area"],
                        "weight": weight,
                        "poor_weight": weight * poor,
                        "score_weight": weight * score.where(poor, 0.0),
                    }
                )
            )
        everyone = pd.concat(parts)
        totals = everyone[["weight", "poor_weight", "score_weight"]].sum()
        by_area = everyone.groupby("area", observed=True)[
            ["weight", "poor_weight", "score_weight"]
        ].sum()
        by_area["H"] = by_area["poor_weight"] / by_area["weight"]
        by_area["M0"] = by_area["score_weight"] / by_area["weight"]
        by_area["share"] = by_area["weight"] / totals["weight"]
        population, q, s = totals["weight"], totals["poor_weight"], totals["score_weight"]
        return {"M0": s / population, "H": q / population, "A": s / q}

    return run, "pandas: M0, H, A, censored headcounts, area breakdown"


IMPLEMENTATIONS = {"engine": run_engine, "numpy": run_numpy, "pandas": run_pandas}


# --- measuring --------------------------------------------------------------------------------


def memory(field: str = "VmHWM") -> int:
    """Peak (``VmHWM``) or current (``VmRSS``) resident memory of this process, in bytes."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # peak only


def worker(name: str, data: Path, repeats: int, rows: int) -> None:
    frame = pl.read_ipc(data)  # compressed, so it is read into memory rather than mapped
    if rows < frame.height:
        frame = frame.head(rows)
    loaded = memory("VmRSS")
    if name == "load":
        print(json.dumps({"peak": memory(), "rss": loaded, "rows": frame.height}))
        return
    run, what = IMPLEMENTATIONS[name](frame)
    figures = run()  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        figures = run()
        times.append(time.perf_counter() - start)
    print(
        json.dumps(
            {
                "what": what,
                "rows": frame.height,
                "times": times,
                "best": min(times),
                "peak": memory(),
                "loaded": loaded,
                "figures": {k: float(v) for k, v in figures.items()},
            }
        )
    )


def measure_in_fresh_process(name: str, data: Path, repeats: int, rows: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--worker", name, "--data", str(data)]
    command += ["--repeats", str(repeats), "--rows", str(rows)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        sys.exit(f"{name} failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def mb(value: float) -> str:
    return f"{value / 1e6:,.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument(
        "--pandas-rows", type=int, default=None, help="run pandas on fewer rows and scale its time"
    )
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--assert-targets", action="store_true")
    parser.add_argument("--worker", choices=["load", *IMPLEMENTATIONS], help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.data, args.repeats, args.rows)
        return

    now = datetime.now(tz=UTC).strftime("%Y-%m-%d %H:%M UTC")
    import pandas

    print(f"Multidimensional child poverty benchmark, {now}")
    print(
        f"machine: {os.cpu_count()} CPUs ({len(os.sched_getaffinity(0))} usable), "
        f"{platform.machine()} {platform.system()} {platform.release()}; Python "
        f"{platform.python_version()}, NumPy {np.__version__}, Polars {pl.__version__}, "
        f"pandas {pandas.__version__}; Polars threads {pl.thread_pool_size()}"
    )
    start = time.perf_counter()
    frame = make_data(args.rows)
    households = frame["household"].n_unique()
    print(
        f"data: {frame.height:,} children in {households:,} households, 30 areas, 3 age groups; "
        f"12 indicators in 5 dimensions; made in {time.perf_counter() - start:.1f} s "
        f"(seed {SEED}), {mb(frame.estimated_size())} in Polars"
    )
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "children.arrow"
        frame.write_ipc(data, compression="lz4")
        del frame
        base = measure_in_fresh_process("load", data, 0, args.rows)
        print(
            f"a fresh process holding the loaded data: {mb(base['rss'])} resident "
            f"(peak while reading the file: {mb(base['peak'])})\n"
        )
        pandas_rows = args.pandas_rows or args.rows
        results = {
            "engine": measure_in_fresh_process("engine", data, args.repeats, args.rows),
            "numpy": measure_in_fresh_process("numpy", data, args.repeats, args.rows),
            "pandas": measure_in_fresh_process("pandas", data, args.repeats, pandas_rows),
        }
    print(
        f"{'':8} {'rows':>12} {'best':>9}  {'all runs (s)':<16} {'peak RSS':>10} "
        f"{'above data':>11}  what"
    )
    for name, r in results.items():
        runs = " ".join(f"{t:.2f}" for t in r["times"])
        print(
            f"{name:8} {r['rows']:>12,} {r['best']:>8.3f}s  {runs:<16} {mb(r['peak']):>10} "
            f"{mb(r['peak'] - r['loaded']):>11}  {r['what']}"
        )
    engine, numpy_result, pandas_result = results["engine"], results["numpy"], results["pandas"]
    pandas_best = pandas_result["best"]
    if pandas_result["rows"] < engine["rows"]:
        factor = engine["rows"] / pandas_result["rows"]
        pandas_best *= factor
        print(
            f"pandas ran on {pandas_result['rows']:,} rows; its time is scaled by {factor:g} to "
            f"{pandas_best:.2f} s for {engine['rows']:,} rows (its memory is not scaled)"
        )
    print(
        f"\nengine / numpy: {engine['best'] / numpy_result['best']:.2f}x the time, "
        f"{engine['peak'] / numpy_result['peak']:.2f}x the peak memory"
    )
    print(
        f"engine / pandas: {engine['best'] / pandas_best:.3f}x the time "
        f"(pandas {pandas_best / engine['best']:.1f}x slower), "
        f"{engine['peak'] / pandas_result['peak']:.2f}x the peak memory"
    )
    print("the same figures from each (a check that they measure the same thing):")
    for key in ("M0", "H", "A"):
        shown = ", ".join(
            f"{name} {r['figures'][key]:.9f}"
            + (f" (on its {r['rows']:,} rows)" if r["rows"] != engine["rows"] else "")
            for name, r in results.items()
        )
        print(f"  {key}: {shown}")
    meets_time = engine["best"] <= TARGET_SECONDS
    meets_memory = engine["peak"] <= TARGET_BYTES
    print(
        f"\ntargets for the engine: at most {TARGET_SECONDS:g} s "
        f"({'met' if meets_time else 'MISSED'}: {engine['best']:.3f} s), at most "
        f"{TARGET_BYTES / 1e9:g} GB peak ({'met' if meets_memory else 'MISSED'}: "
        f"{engine['peak'] / 1e9:.2f} GB)"
    )
    if args.assert_targets and not (meets_time and meets_memory):
        sys.exit(1)


if __name__ == "__main__":
    main()
