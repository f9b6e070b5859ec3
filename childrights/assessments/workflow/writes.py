"""The services that take an assessment through its life: submit, return to draft, sign off,
publish, amend, review and comment. Each locks the assessment, checks its state again,
records a ``Transition`` and writes to the audit log.
"""

import datetime
from collections.abc import Mapping
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
    Comment,
    Review,
    Template,
    Transition,
)
from childrights.assessments.tasks import version_pdf_queue
from childrights.assessments.workflow.rules import (
    AMENDABLE,
    NotAllowedToSignOff,
    Refused,
    State,
    close_problems,
    is_signer,
    publish_problems,
    review_questions,
    sign_off_officers,
    sign_off_problems,
    sign_off_refusal,
    state_problems,
    submit_problems,
)
from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent
from childrights.framework.models import Article, Principle


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
def assessment_submit(
    *, actor: Actor, assessment: Assessment, officer: User | None = None
) -> Assessment:
    """Send the draft for sign-off, to ``officer`` where the author names one (one of the
    council's accountable officers who did not write it): refused while anything is missing or
    a negative impact has no mitigation."""
    assessment = _locked(assessment)
    version = _newest(assessment)
    problems = submit_problems(assessment, version)
    if officer is not None and not sign_off_officers(assessment).filter(pk=officer.pk).exists():
        problems.append(
            _("Choose an accountable officer of the council who did not write the assessment")
        )
    if problems:
        raise Refused(problems)
    if officer is not None:
        assessment.sign_off_officer = officer
        assessment.save(update_fields=["sign_off_officer", "updated_at"])
    version.submitted_at = timezone.now()
    version.save(update_fields=["submitted_at"])
    _move(
        actor=actor,
        assessment=assessment,
        version=version,
        to=State.AWAITING_SIGN_OFF,
        step="submit",
        detail={"officer": officer.email} if officer is not None else None,
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
    council works in Welsh). The review date of a full assessment becomes the assessment's.
    Its PDF is then drawn in the background, ready for the register's downloads."""
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
    version_pdf_queue(version)
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
    """Close the assessment once every required review question is answered. The published
    version's PDF, which now ends with the review, is drawn again in the background."""
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
    published = (
        AssessmentVersion.objects.filter(assessment=assessment, published_at__isnull=False)
        .order_by("-number")
        .first()
    )
    if published is not None:
        version_pdf_queue(published)
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
