"""Running a measure in the background, with its progress recorded as it goes."""

import logging
from typing import Any

import polars as pl
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from childrights.poverty.definition import engine_measure
from childrights.poverty.engine import MeasureError, compute
from childrights.poverty.models import Run

logger = logging.getLogger(__name__)


def _progress(run: Run, status: str, progress: int, **fields: Any) -> None:
    Run.objects.filter(pk=run.pk).update(status=status, progress=progress, **fields)


def run_read(run: Run) -> pl.DataFrame:
    dataset = run.dataset
    if dataset is None:
        raise MeasureError(_("The data this run used has been deleted."))
    with dataset.file.open("rb") as handle:
        if dataset.format == "parquet":
            return pl.read_parquet(handle)
        return pl.read_csv(handle, infer_schema_length=None)


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
        measure, age_groups = engine_measure(run.definition)
        result = compute(
            frame,
            measure,
            weight_column=run.options.get("weight_column"),
            cluster_column=run.options.get("cluster_column"),
            group_columns=tuple(run.options.get("group_columns") or ()),
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
