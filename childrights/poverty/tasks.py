"""Running a measure in the background, with its progress recorded as it goes."""

import logging
from typing import Any

import polars as pl
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from childrights.poverty.definition import engine_measure, normalised_definition
from childrights.poverty.engine import MeasureError, compute
from childrights.poverty.models import Run
from childrights.poverty.uploads import EMPTY, NO, NUMBER, WHOLE, YES, YES_NO, normal_name

logger = logging.getLogger(__name__)


def _progress(run: Run, status: str, progress: int, **fields: Any) -> None:
    Run.objects.filter(pk=run.pk).update(status=status, progress=progress, **fields)


def run_read(run: Run) -> pl.DataFrame:
    """The run's data with each column of the type its upload check found, and every column
    named by :func:`normal_name`."""
    dataset = run.dataset
    if dataset is None:
        raise MeasureError(_("The data this run used has been deleted."))
    typed = bool(dataset.columns) and all("missing" in column for column in dataset.columns)
    with dataset.file.open("rb") as handle:
        if dataset.format == "parquet":
            frame = pl.read_parquet(handle)
        elif typed:
            frame = _read_typed_csv(handle, dataset.separator or ",", dataset.columns)
        else:  # checked before column types were recorded: let Polars infer them
            frame = pl.read_csv(handle, infer_schema_length=None)
    if typed:
        kinds = {column["name"]: column for column in dataset.columns}
        frame = frame.with_columns(
            _typed(name, frame.schema[name], kinds[name]) for name in frame.columns if name in kinds
        )
    return frame.rename({name: normal_name(name) for name in frame.columns})


def _fits_int64(column: dict[str, Any]) -> bool:
    """Whole numbers that a float holds exactly (household ids usually are)."""
    return bool(max(abs(column["min"] or 0), abs(column["max"] or 0)) < 2**53)


def _read_typed_csv(handle: Any, separator: str, columns: list[dict[str, Any]]) -> pl.DataFrame:
    """Numbers parsed by the CSV reader as it reads (fast); if a number is written with spaces
    around it, which the upload check allows, everything is read as text and converted."""
    numbers = {
        column["name"]: pl.Float64 for column in columns if column["type"] in (NUMBER, WHOLE)
    }
    try:
        return pl.read_csv(
            handle, separator=separator, infer_schema=False, schema_overrides=numbers
        )
    except pl.exceptions.ComputeError:
        handle.seek(0)
        return pl.read_csv(handle, separator=separator, infer_schema=False)


def _typed(name: str, dtype: pl.DataType, column: dict[str, Any]) -> pl.Expr:
    kind = column["type"]
    if dtype == pl.Float64 and kind == WHOLE and _fits_int64(column):
        return pl.col(name).cast(pl.Int64)
    if dtype != pl.String:
        return pl.col(name)
    text = pl.col(name).str.strip_chars()
    text = pl.when(text == "").then(None).otherwise(text)
    if kind == WHOLE and _fits_int64(column):
        return text.cast(pl.Float64).cast(pl.Int64).alias(name)
    if kind in (NUMBER, WHOLE, EMPTY):
        return text.cast(pl.Float64).alias(name)
    if kind == YES_NO:
        lower = text.str.to_lowercase()
        return (
            pl.when(lower.is_in(YES))
            .then(True)
            .when(lower.is_in(NO))
            .then(False)
            .otherwise(None)
            .alias(name)
        )
    return text.alias(name)


@task()
def run_measure(*, run_id: int) -> None:
    """Compute a queued run. Whatever happens, the run ends finished or failed, never stuck."""
    run = Run.objects.select_related("dataset").get(pk=run_id)
    _progress(run, Run.Status.RUNNING, 10)
    status = Run.Status.FAILED
    fields: dict[str, Any] = {"error": _("Something went wrong while running it.")}
    try:
        frame = run_read(run)
        _progress(run, Run.Status.RUNNING, 40)
        measure, age_groups = engine_measure(normalised_definition(run.definition, normal_name))
        weight, cluster = run.options.get("weight_column"), run.options.get("cluster_column")
        result = compute(
            frame,
            measure,
            weight_column=normal_name(weight) if weight else None,
            cluster_column=normal_name(cluster) if cluster else None,
            group_columns=tuple(normal_name(c) for c in run.options.get("group_columns") or ()),
            age_groups=age_groups,
            bootstrap=int(run.options.get("bootstrap") or 0),
            seed=run.pk,
        )
        status, fields = Run.Status.DONE, {"result": result.to_dict(), "error": ""}
    except (MeasureError, pl.exceptions.PolarsError, OSError) as error:
        fields = {"error": str(error)}
    except Exception:
        logger.exception("Poverty run %s failed", run_id)
        raise
    finally:
        _progress(run, status, 100, finished_at=timezone.now(), **fields)
