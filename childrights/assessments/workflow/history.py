"""An assessment's versions and everything that happened to it, newest first, for its
history and version pages.
"""

import datetime
from dataclasses import dataclass, field

from childrights.accounts.models import User
from childrights.assessments.models import Assessment, AssessmentVersion, Change
from childrights.assessments.presenters.answers import AnswerFormatter, Line
from childrights.assessments.workflow.rules import state_label


@dataclass(frozen=True)
class Event:
    """One thing that happened to an assessment, for its history page."""

    kind: str  # "version", "transition", "change" or "comment"
    at: datetime.datetime
    by: User | None
    version_number: int
    title: str = ""
    note: str = ""
    from_state: str = ""
    to_state: str = ""
    before: list[Line] = field(default_factory=list)
    after: list[Line] = field(default_factory=list)
    order: int = 0


def versions_of(assessment: Assessment) -> list[AssessmentVersion]:
    return list(
        assessment.versions.select_related("created_by", "signed_off_by").order_by("-number")
    )


def version_or_none(assessment: Assessment, number: int) -> AssessmentVersion | None:
    return (
        assessment.versions.select_related("created_by", "signed_off_by")
        .filter(number=number)
        .first()
    )


def history(assessment: Assessment) -> list[Event]:
    """Versions made, moves of state, answers changed and comments, newest first."""
    formatter = AnswerFormatter(assessment.template)
    events: list[Event] = []
    for version in assessment.versions.select_related("created_by"):
        events.append(
            Event(
                kind="version",
                at=version.created_at,
                by=version.created_by,
                version_number=version.number,
                note=version.amendment_reason,
                order=version.pk,
            )
        )
    for move in assessment.transitions.select_related("by"):
        events.append(
            Event(
                kind="transition",
                at=move.at,
                by=move.by,
                version_number=move.version_number,
                from_state=state_label(move.from_state),
                to_state=state_label(move.to_state),
                note=move.note,
                order=move.pk,
            )
        )
    changes = Change.objects.filter(version__assessment=assessment).select_related(
        "changed_by", "version"
    )
    for change in changes:
        events.append(
            Event(
                kind="change",
                at=change.changed_at,
                by=change.changed_by,
                version_number=change.version.number,
                title=formatter.label(change.question_key),
                before=formatter.lines(change.question_key, change.before),
                after=formatter.lines(change.question_key, change.after),
                order=change.pk,
            )
        )
    for comment in assessment.comments.select_related("author"):
        events.append(
            Event(
                kind="comment",
                at=comment.created_at,
                by=comment.author,
                version_number=comment.version_number,
                note=comment.text,
                order=comment.pk,
            )
        )
    kinds = {"version": 0, "change": 1, "comment": 2, "transition": 3}
    return sorted(events, key=lambda e: (e.at, kinds[e.kind], e.order), reverse=True)
