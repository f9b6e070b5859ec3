"""Benchmark: checking an uploaded microdata file, against reading the same file once.

    .venv/bin/python bench/poverty_upload.py [--rows 10000000] [--repeats 3]

A CSV of ``--rows`` made-up children (the columns of the demonstration data, with survey
weights, ages and household ids; by default the most rows an upload may have) is written once,
then measured these ways, best of ``--repeats`` each:

- fingerprint: the SHA-256 of the file, one plain read of every byte (what storing it costs at
  least). This is the baseline.
- polars count: Polars counting the rows with its streaming CSV reader, the cheapest parse.
- upload check: :func:`childrights.poverty.uploads.upload_check`, everything the upload page
  does before it stores a file (kind, encoding and line shapes from the bytes, then each
  column's type, missing values and range).
- upload check, Parquet: the same children as a Parquet file (its own fingerprint is the
  baseline for that row).

The figures that matter are the ratios to the fingerprint, measured in the same run: this
machine is shared and its absolute speed varies.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.setdefault("APP_ENV", "test")
os.environ.setdefault("SECRET_KEY", "benchmark-only")

import django

django.setup()

from childrights.poverty.demo import demo_frame  # noqa: E402
from childrights.poverty.uploads import MAX_ROWS, fingerprint, upload_check  # noqa: E402

BLOCK_ROWS = 200_000


def write_file(path: Path, rows: int) -> None:
    """Blocks of the demonstration data (the last one cut short) until the file has the rows."""
    block = demo_frame(rows=BLOCK_ROWS, seed=1)
    with path.open("wb") as handle:
        block.head(min(rows, BLOCK_ROWS)).write_csv(handle)
        body = block.write_csv(include_header=False).encode()
        written = min(rows, BLOCK_ROWS)
        while written + BLOCK_ROWS <= rows:
            handle.write(body)
            written += BLOCK_ROWS
        if written < rows:
            handle.write(block.head(rows - written).write_csv(include_header=False).encode())


def best(repeats: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=MAX_ROWS)
    parser.add_argument("--repeats", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "children.csv"
        rows = options.rows
        write_file(path, rows)
        size = path.stat().st_size
        check = upload_check(path)  # warms the page cache and says the file is accepted
        if check.errors:
            raise SystemExit(f"the benchmark file was refused: {check.errors[:3]}")
        baseline = best(options.repeats, lambda: fingerprint(path))
        count = best(
            options.repeats,
            lambda: (
                pl.scan_csv(path, infer_schema=False).select(pl.len()).collect(engine="streaming")
            ),
        )
        checked = best(options.repeats, lambda: upload_check(path))
        parquet = Path(folder) / "children.parquet"
        pl.scan_csv(path, infer_schema_length=10_000).sink_parquet(parquet)
        parquet_size = parquet.stat().st_size
        parquet_baseline = best(options.repeats, lambda: fingerprint(parquet))
        parquet_checked = best(options.repeats, lambda: upload_check(parquet))
    print(f"Python {platform.python_version()}, Polars {pl.__version__}, {os.cpu_count()} CPUs")
    print(f"CSV: {size / 1e9:.2f} GB, {rows:,} children, {len(check.columns)} columns")
    print(f"Parquet: {parquet_size / 1e9:.2f} GB, the same children")
    print(f"{'':24}{'seconds':>10}{'GB/s':>8}{'x fingerprint':>15}")
    for name, seconds, measured, against in (
        ("fingerprint", baseline, size, baseline),
        ("polars count", count, size, baseline),
        ("upload check", checked, size, baseline),
        ("fingerprint, Parquet", parquet_baseline, parquet_size, parquet_baseline),
        ("upload check, Parquet", parquet_checked, parquet_size, parquet_baseline),
    ):
        print(f"{name:24}{seconds:10.2f}{measured / 1e9 / seconds:8.2f}{seconds / against:15.2f}")


if __name__ == "__main__":
    main()
