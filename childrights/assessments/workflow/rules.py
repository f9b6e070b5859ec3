"""What each step of an assessment's life needs, and who may take it: the states, the
refusals (``Refused`` with the problems to show), and the checks the pages show before a
step and the services make again when it is taken.
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from childrights.accounts.models import User
from childrights.accounts.selectors import users_with_capability
from childrights.assessments import answers
from childrights.assessments.models import Assessment, AssessmentVersion, Review
from childrights.core.problems import Problem
from childrights.councils.models import Nation

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
        assessment.template,
        version.answers,
        stage_url=lambda stage: reverse("assessments:stage", args=[assessment.pk, stage]),
    )


def is_signer(user: Any, council_id: int) -> bool:
    """A member of the council whose role there grants sign-off (the programme team's reach
    across councils does not count)."""
    return isinstance(user, User) and council_id in user.council_ids(SIGN_OFF)


def sign_off_officers(assessment: Assessment) -> QuerySet[User]:
    """Whom the author may ask to sign it off: the council's accountable officers who did not
    write it."""
    return users_with_capability(council_id=assessment.council_id, capability=SIGN_OFF).exclude(
        pk=assessment.created_by_id
    )


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
    publish = reverse("assessments:publish", args=[assessment.pk])
    if not english.strip():
        problems.append(
            Problem(_("Write the summary for children in English"), f"{publish}#id_summary_en")
        )
    if welsh_summary_needed(assessment) and not welsh.strip():
        problems.append(
            Problem(_("Write the summary for children in Welsh"), f"{publish}#id_summary_cy")
        )
    return problems


def review_questions(assessment: Assessment) -> list[answers.Question]:
    return list(answers.questions(assessment.template, "review"))


def close_problems(assessment: Assessment) -> list[str]:
    problems = state_problems(assessment, {State.IN_REVIEW})
    if problems:
        return problems
    review = Review.objects.filter(assessment=assessment).first()
    values = review.answers if review else {}
    page = reverse("assessments:review", args=[assessment.pk])
    return [
        Problem(problem, f"{page}#{_review_field(assessment, question)}")
        for question in review_questions(assessment)
        for problem in answers.answer_problems(
            assessment.template, question, values.get(question.key)
        )
    ]


def _review_field(assessment: Assessment, question: answers.Question) -> str:
    """The id of the review form's field where ``question`` is answered (``ReviewForm``)."""
    key = question.key
    if question.kind == "text" and answers.is_bilingual(assessment.template, question):
        return f"id_{key}__en"
    if question.kind == "yes_no":
        return f"id_{key}__answer"
    if question.kind == "date":
        return f"id_{key}_day"
    return f"id_{key}"
