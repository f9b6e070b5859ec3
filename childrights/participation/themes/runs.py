"""Starting a run of the theme model on a consultation's written answers (or on the words of
another source of a council, such as the comments on its SEND local offer), and the run itself
(a task): kept with the model's name and version, the settings and the seed, so that the same
words give the same themes again. A run ends ready or failed, never stuck.

Another source's words come from the app that keeps them, which registers how to read them
(``source_register``): the words staff may read, never those held for the safeguarding lead.
"""

import datetime
import logging
from collections.abc import Callable

import numpy as np
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from childrights.accounts.models import User
from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent
from childrights.councils.models import Council
from childrights.participation import moderation, tallies
from childrights.participation.models import Consultation, Theme, ThemeAnswer, ThemeRun
from childrights.participation.themes.embedding import get_embedder
from childrights.participation.themes.engine import Result, Settings, find_themes

logger = logging.getLogger(__name__)

# A run still waiting or running after this long is taken to have died with its worker.
STUCK_AFTER = datetime.timedelta(hours=2)
ACTIVE = (ThemeRun.Status.QUEUED, ThemeRun.Status.RUNNING)

# For each source other than consultations: the (id, words) a run of a council groups.
Rows = Callable[[Council], list[tuple[int, str]]]
_SOURCES: dict[str, Rows] = {}


def source_register(source: str, rows: Rows) -> None:
    """Say how to read a source's words (its app's ``ready``)."""
    _SOURCES[source] = rows


def theme_name(phrases: list[str], position: int) -> str:
    return " · ".join(phrases[:3]) or _("Theme %(number)s") % {"number": position + 1}


def theme_run_start(*, actor: Actor, consultation: Consultation, themes: int = 0) -> ThemeRun:
    """Queue a run on the consultation's written answers (``themes``: how many, 0 for the model
    to choose). While one waits or runs, that one is returned and nothing new starts."""
    with transaction.atomic():
        Consultation.objects.select_for_update().filter(pk=consultation.pk).first()
        return _start(
            actor=actor,
            runs=ThemeRun.objects.filter(consultation=consultation),
            new=ThemeRun(consultation=consultation),
            council=consultation.council,
            themes=themes,
        )


def source_theme_run_start(
    *, actor: Actor, council: Council, source: str, themes: int = 0
) -> ThemeRun:
    """Queue a run on the council's words of ``source`` (a registered source), as
    ``theme_run_start`` does for a consultation."""
    if source not in _SOURCES:
        raise ValueError(f"Unknown source of words: {source}")
    with transaction.atomic():
        Council.objects.select_for_update().filter(pk=council.pk).first()
        return _start(
            actor=actor,
            runs=ThemeRun.objects.filter(source_council=council, source=source),
            new=ThemeRun(source_council=council, source=source),
            council=council,
            themes=themes,
        )


def _start(
    *, actor: Actor, runs: QuerySet[ThemeRun], new: ThemeRun, council: Council, themes: int
) -> ThemeRun:
    runs.filter(
        status__in=ACTIVE,
        created_at__lt=timezone.now() - STUCK_AFTER,
    ).update(
        status=ThemeRun.Status.FAILED,
        error="Stopped: no progress for two hours.",
        finished_at=timezone.now(),
    )
    active = runs.filter(status__in=ACTIVE).first()
    if active is not None:
        return active
    new.started_by = actor.person if isinstance(actor.person, User) else None
    new.model_settings = Settings(themes=themes).as_dict()
    new.save()
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=actor,
        obj=new,
        council=council,
        detail={"themes": themes or "chosen by the model", "source": new.source},
    )
    transaction.on_commit(lambda: _enqueue(new))
    return new


def _enqueue(run: ThemeRun) -> None:
    try:
        theme_run_build.enqueue(run_id=run.pk)
    except Exception:
        ThemeRun.objects.filter(pk=run.pk).update(
            status=ThemeRun.Status.FAILED,
            error="Could not be started.",
            finished_at=timezone.now(),
        )
        # The themes page says the run could not finish; the person is not shown an error.
        logger.exception("Theme run %s could not be queued", run.pk)


@task()
def theme_run_build(*, run_id: int) -> None:
    """Find the themes of a queued run; it ends ready or failed."""
    if not ThemeRun.objects.filter(pk=run_id, status=ThemeRun.Status.QUEUED).update(
        status=ThemeRun.Status.RUNNING
    ):
        return
    run = ThemeRun.objects.select_related("consultation", "source_council").get(pk=run_id)
    try:
        theme_run_execute(run)
    except Exception as error:
        logger.exception("Theme run %s failed", run_id)
        ThemeRun.objects.filter(pk=run_id).update(
            status=ThemeRun.Status.FAILED,
            error=type(error).__name__,
            finished_at=timezone.now(),
        )


def _rows(run: ThemeRun) -> list[tuple[int, str]]:
    if run.consultation is None:
        return _SOURCES[run.source](run.council)
    tallies.fold(run.consultation)
    return list(
        moderation.written_answers(consultation=run.consultation)
        .order_by("pk")
        .values_list("pk", "text")
    )


def theme_run_execute(run: ThemeRun) -> None:
    rows = _rows(run)
    embedder = get_embedder()
    ThemeRun.objects.filter(pk=run.pk).update(
        answers=len(rows), model_name=embedder.name, model_version=embedder.version
    )

    def progress(done: int, total: int) -> None:
        ThemeRun.objects.filter(pk=run.pk).update(embedded=done, to_embed=total)

    result = find_themes(
        [text for _, text in rows],
        embedder=embedder,
        settings=Settings(**run.model_settings),
        progress=progress,
    )
    with transaction.atomic():
        _keep(run, [pk for pk, _ in rows], result)
        finished = ThemeRun.objects.filter(pk=run.pk, status=ThemeRun.Status.RUNNING).update(
            status=ThemeRun.Status.DONE,
            details=result.details | {"distinct": result.distinct, "embedded": result.embedded},
            finished_at=timezone.now(),
        )
        if not finished:
            # Taken for stuck and stopped while it ran: what it found is not kept.
            transaction.set_rollback(True)


def _keep(run: ThemeRun, ids: list[int], result: Result) -> None:
    placed = "answer_id" if run.consultation_id is not None else "comment_id"
    themes = Theme.objects.bulk_create(
        Theme(
            run=run,
            position=position,
            name=theme_name(found.phrases, position),
            phrases=found.phrases,
        )
        for position, found in enumerate(result.themes)
    )
    rows = []
    for index, theme_index in enumerate(result.assignment):
        if theme_index < 0:
            continue
        vector = result.vectors[index]
        rows.append(
            ThemeAnswer(
                run=run,
                theme=themes[theme_index],
                **{placed: ids[index]},
                typicality=result.typicality[index],
                vector=b"" if vector is None else np.asarray(vector, dtype=np.float16).tobytes(),
            )
        )
    ThemeAnswer.objects.bulk_create(rows, batch_size=2000)
