"""The life of an impact assessment: submission, sign-off, publication, amendment, review.

States move draft -> awaiting sign-off -> signed off -> published -> in review -> closed. A
version can be submitted only when its answers are complete and every negative impact has a
mitigation (``answers.sign_off_problems``). Sign-off is by an accountable officer of the council
(a member whose role grants ``sign_off``) who did not write the assessment, did not make the
version and changed none of its answers. From sign-off the version never changes: an amendment
is a new version with a reason, and earlier versions stay readable. The published version stays
public until a newer one is published.

Every service here locks the assessment, checks its state again, records a ``Transition`` and
writes to the audit log. Refusals raise ``Refused`` with the problems to show.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from childrights.accounts.models import User
from childrights.assessments import answers
from childrights.assessments.editor import relevant_rows
from childrights.assessments.models import (
    Assessment,
    AssessmentVersion,
    Change,
    Comment,
    Review,
    Template,
    Transition,
)
from childrights.assessments.presenters.answers import AnswerFormatter, Line
from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent
from childrights.councils.models import Nation
from childrights.framework.models import Article, Principle

State = Assessment.State
SIGN_OFF = "sign_off"
AMENDABLE = frozenset({State.SIGNED_OFF, State.PUBLISHED, State.IN_REVIEW})


class Refused(Exception):
    """The step cannot be taken now; ``problems`` say why, in words for the person."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class NotAllowedToSignOff(Refused):
    """This person may not sign off this version (their role, or their part in writing it)."""


class VersionLocked(Refused):
    """The version is signed off (or not the one being drafted): its answers cannot change."""


# --- rules ------------------------------------------------------------------------------------


def version_is_editable(version: AssessmentVersion) -> bool:
    """Answers may change only in the newest version, while the assessment is a draft and the
    version has not been signed off. The editor calls this before every write."""
    if version.is_locked:
        return False
    assessment = version.assessment
    if assessment.state != State.DRAFT:
        return False
    newest = assessment.versions.order_by("-number").values_list("number", flat=True).first()
    return newest == version.number


def version_for_edit(*, version_id: int) -> AssessmentVersion:
    """The version, locked until the transaction ends, for a service about to change its
    answers; raises ``VersionLocked`` when it is signed off or not being drafted."""
    version = (
        AssessmentVersion.objects.select_for_update()
        .select_related("assessment__council", "assessment__template")
        .get(pk=version_id)
    )
    if not version_is_editable(version):
        raise VersionLocked(
            [_("This version has been sent for sign-off or signed off: it cannot be changed.")]
        )
    return version


def state_label(state: str) -> str:
    return str(State(state).label)


def state_problems(assessment: Assessment, allowed: Iterable[str]) -> list[str]:
    if assessment.state in set(allowed):
        return []
    return [
        _("This cannot be done while the assessment is “%(state)s”.")
        % {"state": state_label(assessment.state)}
    ]


def submit_problems(assessment: Assessment, version: AssessmentVersion) -> list[str]:
    """Why the version cannot be sent for sign-off now (empty when it can)."""
    return state_problems(assessment, {State.DRAFT}) or answers.sign_off_problems(
        assessment.template, version.answers
    )


def is_signer(user: Any, council_id: int) -> bool:
    """A member of the council whose role there grants sign-off (the programme team's reach
    across councils does not count)."""
    return isinstance(user, User) and council_id in user.council_ids(SIGN_OFF)


def sign_off_refusal(
    *, user: Any, assessment: Assessment, version: AssessmentVersion
) -> str | None:
    """Why this person may not sign off this version, or None when they may. The author hears
    first that it is their own, whatever their role."""
    if isinstance(user, User) and user.pk == assessment.created_by_id:
        return _(
            "You cannot sign off your own assessment. An accountable officer who did not write "
            "it must sign it off."
        )
    if not is_signer(user, assessment.council_id):
        return _(
            "Only an accountable officer of %(council)s can sign off its impact assessments."
        ) % {"council": assessment.council.name}
    if user.pk == version.created_by_id:
        return _(
            "You made this version of the assessment, so you cannot sign it off. Another "
            "accountable officer must sign it off."
        )
    if version.changes.filter(changed_by=user).exists():
        return _(
            "You changed answers in this version, so you cannot sign it off. Another "
            "accountable officer must sign it off."
        )
    return None


def sign_off_problems(assessment: Assessment, version: AssessmentVersion) -> list[str]:
    return state_problems(assessment, {State.AWAITING_SIGN_OFF}) or answers.sign_off_problems(
        assessment.template, version.answers
    )


def welsh_summary_needed(assessment: Assessment) -> bool:
    """A council in Wales, or a bilingual template, publishes its summary in Welsh too."""
    return assessment.council.nation == Nation.WALES or assessment.template.bilingual


def publish_problems(
    assessment: Assessment,
    version: AssessmentVersion,
    *,
    summary_en: str | None = None,
    summary_cy: str | None = None,
) -> list[str]:
    """Why the version cannot be published; the summaries default to those it has."""
    problems = state_problems(assessment, {State.SIGNED_OFF})
    if problems:
        return problems
    if not version.is_locked:
        return [_("Only a signed-off version can be published.")]
    english = version.summary_for_children_en if summary_en is None else summary_en
    welsh = version.summary_for_children_cy if summary_cy is None else summary_cy
    if not english.strip():
        problems.append(_("Write the summary for children in English"))
    if welsh_summary_needed(assessment) and not welsh.strip():
        problems.append(_("Write the summary for children in Welsh"))
    return problems


def review_questions(assessment: Assessment) -> list[answers.Question]:
    return list(answers.questions(assessment.template, "review"))


def close_problems(assessment: Assessment) -> list[str]:
    problems = state_problems(assessment, {State.IN_REVIEW})
    if problems:
        return problems
    review = Review.objects.filter(assessment=assessment).first()
    return answers.stage_problems(assessment.template, "review", review.answers if review else {})


# --- services ---------------------------------------------------------------------------------


def _person(actor: Actor) -> User:
    user = actor.person
    if not isinstance(user, User):
        raise Refused([_("Sign in first.")])
    return user


def _locked(assessment: Assessment) -> Assessment:
    """The assessment as it is now, held until the transaction ends."""
    return (
        Assessment.objects.select_for_update()
        .select_related("council", "template", "created_by")
        .get(pk=assessment.pk)
    )


def _newest(assessment: Assessment) -> AssessmentVersion:
    version = (
        AssessmentVersion.objects.select_for_update()
        .filter(assessment=assessment)
        .order_by("-number")
        .first()
    )
    if version is None:
        raise Refused([_("This assessment has no answers yet.")])
    return version


def _move(
    *,
    actor: Actor,
    assessment: Assessment,
    version: AssessmentVersion,
    to: str,
    step: str,
    note: str = "",
    detail: Mapping[str, Any] | None = None,
) -> Transition:
    """Record the move of state, save it, and audit it."""
    before = assessment.state
    assessment.state = to
    assessment.save(update_fields=["state", "review_due_on", "review_reminded_at", "updated_at"])
    move = Transition.objects.create(
        assessment=assessment,
        version_number=version.number,
        from_state=before,
        to_state=to,
        by=_person(actor),
        note=note,
    )
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        obj=assessment,
        detail={"step": step, "from": before, "to": to, "version": version.number}
        | dict(detail or {}),
    )
    return move


@transaction.atomic
def assessment_submit(*, actor: Actor, assessment: Assessment) -> Assessment:
    """Send the draft for sign-off: refused while anything is missing or a negative impact has
    no mitigation."""
    assessment = _locked(assessment)
    version = _newest(assessment)
    problems = submit_problems(assessment, version)
    if problems:
        raise Refused(problems)
    version.submitted_at = timezone.now()
    version.save(update_fields=["submitted_at"])
    _move(
        actor=actor,
        assessment=assessment,
        version=version,
        to=State.AWAITING_SIGN_OFF,
        step="submit",
    )
    return assessment


@transaction.atomic
def assessment_return_to_draft(*, actor: Actor, assessment: Assessment, note: str) -> Assessment:
    """An accountable officer sends it back to be changed, saying what needs to change."""
    assessment = _locked(assessment)
    version = _newest(assessment)
    problems = state_problems(assessment, {State.AWAITING_SIGN_OFF})
    if not is_signer(actor.person, assessment.council_id):
        problems.append(_("Only an accountable officer can send an assessment back."))
    if not note.strip():
        problems.append(_("Say what needs to change"))
    if problems:
        raise Refused(problems)
    version.submitted_at = None
    version.save(update_fields=["submitted_at"])
    _move(
        actor=actor,
        assessment=assessment,
        version=version,
        to=State.DRAFT,
        step="return_to_draft",
        note=note.strip(),
    )
    return assessment


def assessment_sign_off(*, actor: Actor, assessment: Assessment) -> AssessmentVersion:
    """An accountable officer who had no hand in the version signs it off; from now on it never
    changes. A refused person is written to the audit log."""
    try:
        return _sign_off(actor=actor, assessment=assessment)
    except NotAllowedToSignOff as refused:
        audit_record(
            action=AuditEvent.Action.ACCESS_DENIED,
            actor=actor,
            obj=assessment,
            detail={"step": "sign_off", "reason": refused.problems[0]},
        )
        raise


@transaction.atomic
def _sign_off(*, actor: Actor, assessment: Assessment) -> AssessmentVersion:
    assessment = _locked(assessment)
    version = _newest(assessment)
    refusal = sign_off_refusal(user=actor.person, assessment=assessment, version=version)
    if refusal is not None:
        raise NotAllowedToSignOff([refusal])
    problems = sign_off_problems(assessment, version)
    if problems:
        raise Refused(problems)
    version.signed_off_by = _person(actor)
    version.signed_off_at = timezone.now()
    version.save(update_fields=["signed_off_by", "signed_off_at"])
    _relate_rows(version, assessment.template)
    _move(
        actor=actor,
        assessment=assessment,
        version=version,
        to=State.SIGNED_OFF,
        step="sign_off",
    )
    return version


def _relate_rows(version: AssessmentVersion, template: Template) -> None:
    """The articles and principles the signed answers find an impact on, so the register can
    be filtered by them (the editor keeps them as answers change; this holds for any version
    however its answers were written)."""
    numbers = [
        int(row) for row in relevant_rows(template, version.answers, "uncrc") if row.isdigit()
    ]
    version.articles.set(Article.objects.filter(number__in=numbers))
    version.principles.set(
        Principle.objects.filter(slug__in=relevant_rows(template, version.answers, "principles"))
    )


@transaction.atomic
def assessment_publish(
    *, actor: Actor, assessment: Assessment, summary_en: str, summary_cy: str
) -> AssessmentVersion:
    """Publish the signed-off version with its summary for children (in Welsh too where the
    council works in Welsh). The review date of a full assessment becomes the assessment's."""
    assessment = _locked(assessment)
    version = _newest(assessment)
    problems = publish_problems(assessment, version, summary_en=summary_en, summary_cy=summary_cy)
    if problems:
        raise Refused(problems)
    version.summary_for_children_en = summary_en.strip()
    version.summary_for_children_cy = summary_cy.strip()
    version.published_at = timezone.now()
    version.save(
        update_fields=["summary_for_children_en", "summary_for_children_cy", "published_at"]
    )
    assessment.review_due_on = _review_date(version.answers)
    assessment.review_reminded_at = None
    _move(
        actor=actor,
        assessment=assessment,
        version=version,
        to=State.PUBLISHED,
        step="publish",
        detail={"review_due_on": str(assessment.review_due_on or "")},
    )
    return version


def _review_date(values: Mapping[str, Any]) -> datetime.date | None:
    if not answers.full_assessment_needed(dict(values)):
        return None
    try:
        return datetime.date.fromisoformat(str(values.get("review_date", "")))
    except ValueError:
        return None


@transaction.atomic
def assessment_amend(*, actor: Actor, assessment: Assessment, reason: str) -> AssessmentVersion:
    """Start a new version from the last signed one, with the reason; the assessment is a draft
    again. Earlier versions stay as they were, and the published one stays public until a newer
    one is published."""
    assessment = _locked(assessment)
    previous = _newest(assessment)
    problems = state_problems(assessment, AMENDABLE)
    if not reason.strip():
        problems.append(_("Enter why the assessment is being amended"))
    if problems:
        raise Refused(problems)
    user = _person(actor)
    version = AssessmentVersion.objects.create(
        assessment=assessment,
        number=previous.number + 1,
        answers=previous.answers,
        amendment_reason=reason.strip(),
        summary_for_children_en=previous.summary_for_children_en,
        summary_for_children_cy=previous.summary_for_children_cy,
        created_by=user,
    )
    version.articles.set(previous.articles.all())
    version.principles.set(previous.principles.all())
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=actor,
        obj=version,
        council=assessment.council,
        detail={"amends": previous.number, "reason": version.amendment_reason},
    )
    _move(
        actor=actor,
        assessment=assessment,
        version=version,
        to=State.DRAFT,
        step="amend",
        note=version.amendment_reason,
    )
    return version


@transaction.atomic
def review_start(*, actor: Actor, assessment: Assessment) -> Review:
    """Stage 3 begins once the decision has been in place a while."""
    assessment = _locked(assessment)
    version = _newest(assessment)
    problems = state_problems(assessment, {State.PUBLISHED})
    if problems:
        raise Refused(problems)
    review, _created = Review.objects.get_or_create(assessment=assessment)
    _move(
        actor=actor,
        assessment=assessment,
        version=version,
        to=State.IN_REVIEW,
        step="review_start",
    )
    return review


@transaction.atomic
def review_save(*, actor: Actor, assessment: Assessment, values: Mapping[str, Any]) -> Review:
    """Keep the stage 3 answers given (only the template's review questions)."""
    assessment = _locked(assessment)
    problems = state_problems(assessment, {State.IN_REVIEW})
    if problems:
        raise Refused(problems)
    keys = {question.key for question in review_questions(assessment)}
    review, _created = Review.objects.select_for_update().get_or_create(assessment=assessment)
    changed = sorted(
        key for key in keys if key in values and review.answers.get(key) != values[key]
    )
    if changed:
        review.answers = review.answers | {key: values[key] for key in changed}
        review.save(update_fields=["answers", "updated_at"])
        audit_record(
            action=AuditEvent.Action.UPDATE,
            actor=actor,
            obj=review,
            council=assessment.council,
            detail={"changed": changed},
        )
    return review


@transaction.atomic
def review_complete(*, actor: Actor, assessment: Assessment) -> Review:
    """Close the assessment once every required review question is answered."""
    assessment = _locked(assessment)
    version = _newest(assessment)
    problems = close_problems(assessment)
    if problems:
        raise Refused(problems)
    review = Review.objects.select_for_update().get(assessment=assessment)
    review.completed_by = _person(actor)
    review.completed_at = timezone.now()
    review.save(update_fields=["completed_by", "completed_at", "updated_at"])
    _move(
        actor=actor,
        assessment=assessment,
        version=version,
        to=State.CLOSED,
        step="review_complete",
    )
    return review


@transaction.atomic
def comment_add(*, actor: Actor, assessment: Assessment, text: str) -> Comment:
    if not text.strip():
        raise Refused([_("Enter your comment")])
    version = _newest(assessment)
    comment = Comment.objects.create(
        assessment=assessment,
        version_number=version.number,
        author=_person(actor),
        text=text.strip(),
    )
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=actor,
        obj=comment,
        council=assessment.council,
        detail={"assessment": assessment.pk, "version": version.number},
    )
    return comment


# --- history ----------------------------------------------------------------------------------


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
