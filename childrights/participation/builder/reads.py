"""Reads the builder's pages share: who a question can be worded for, responses by consultation
and by access code, who can be a safeguarding lead, and what still stops a consultation from
opening.
"""

import datetime
from collections.abc import Sequence

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from childrights.accounts.models import User
from childrights.core.problems import Problem
from childrights.councils.models import Council
from childrights.participation.builder.rules import MAX_ANSWERS, MIN_ANSWERS
from childrights.participation.models import AgeBand, Consultation, Question, Response, Wording


def audiences(consultation: Consultation) -> list[tuple[str, str]]:
    """Who a question can be worded for: each of the consultation's age bands, then easy read."""
    labels = dict(AgeBand.choices)
    return [
        (band, str(labels[band])) for band in AgeBand.values if band in consultation.age_bands
    ] + [(Wording.EASY_READ, _("Easy read"))]


def response_counts(consultations: Sequence[Consultation]) -> dict[int, int]:
    """Responses not withdrawn, by consultation id, in one query."""
    rows = (
        Response.objects.filter(consultation__in=consultations, withdrawn_at__isnull=True)
        .values("consultation_id")
        .annotate(total=Count("id"))
        .values_list("consultation_id", "total")
    )
    return dict(rows)


def code_response_counts(consultation: Consultation) -> dict[int, int]:
    """Responses not withdrawn, by access code id."""
    rows = (
        Response.objects.filter(
            consultation=consultation, access_code__isnull=False, withdrawn_at__isnull=True
        )
        .values("access_code_id")
        .annotate(total=Count("id"))
        .values_list("access_code_id", "total")
    )
    return dict(rows)


def safeguarding_people(council: Council) -> list[User]:
    """Active members of the council whose role there grants the safeguarding capability."""
    users = (
        User.objects.filter(is_active=True, memberships__council=council)
        .prefetch_related("memberships__role")
        .distinct()
        .order_by("full_name", "email")
    )
    return [user for user in users if _can_safeguard(user, council)]


def _can_safeguard(user: User | None, council: Council) -> bool:
    if user is None or not user.is_active:
        return False
    return any(
        membership.council_id == council.pk and membership.role.grants("safeguarding")
        for membership in user.memberships.all()
    )


def opening_problems(consultation: Consultation, today: datetime.date | None = None) -> list[str]:
    """Everything that must be put right before children can be asked; empty when it can open."""
    day = today or timezone.localdate()
    problems = safeguarding_problems(consultation)
    edit = reverse("participation:consultation_edit", args=[consultation.pk])
    if not consultation.age_bands:
        problems.append(Problem(_("Choose at least one age band"), f"{edit}#id_age_bands"))
    if consultation.closes_on < day:
        problems.append(
            Problem(
                _("The closing date has passed: choose a closing date of today or later"),
                f"{edit}#id_closes_on_day",
            )
        )
    if consultation.closes_on < consultation.opens_on:
        problems.append(
            Problem(
                _("The closing date must be the same as or after the opening date"),
                f"{edit}#id_closes_on_day",
            )
        )
    if consultation.identified and not consultation.identified_reason.strip():
        problems.append(
            Problem(
                _("Give the reason children need to give their name"),
                f"{edit}#id_identified_reason",
            )
        )
    problems += _language_problems(consultation)
    questions = list(consultation.questions.prefetch_related("choices", "wordings"))
    if not questions:
        problems.append(
            Problem(
                _("Add at least one question"),
                reverse("participation:question_new", args=[consultation.pk]),
            )
        )
    for number, question in enumerate(questions, start=1):
        count = len(question.choices.all())
        answers = _question_url(question, "answers_en")
        if question.is_closed and count < MIN_ANSWERS:
            problems.append(
                Problem(
                    _("Question %(number)s needs at least %(count)s answers")
                    % {"number": number, "count": MIN_ANSWERS},
                    answers,
                )
            )
        most = MAX_ANSWERS.get(Question.Kind(question.kind))
        if most is not None and count > most:
            problems.append(
                Problem(
                    _("Question %(number)s can have no more than %(count)s answers")
                    % {"number": number, "count": most},
                    answers,
                )
            )
        problems += _question_language_problems(consultation, question, number)
    return problems


def safeguarding_problems(consultation: Consultation) -> list[str]:
    """What is wrong with the designated safeguarding lead and deputy, read afresh: someone
    chosen may since have left the council or lost the role."""
    problems: list[str] = []
    council = consultation.council
    lead = _fresh_user(consultation.safeguarding_lead_id)
    deputy = _fresh_user(consultation.safeguarding_deputy_id)
    if lead is None:
        problems.append(_("Choose a designated safeguarding lead"))
    elif not _can_safeguard(lead, council):
        problems.append(
            _(
                "%(name)s is not an active member of this council with the safeguarding role: "
                "choose another safeguarding lead"
            )
            % {"name": lead}
        )
    if deputy is None:
        problems.append(_("Choose a deputy safeguarding lead"))
    elif not _can_safeguard(deputy, council):
        problems.append(
            _(
                "%(name)s is not an active member of this council with the safeguarding role: "
                "choose another deputy"
            )
            % {"name": deputy}
        )
    if lead is not None and deputy is not None and lead.pk == deputy.pk:
        problems.append(_("The safeguarding lead and deputy must be different people"))
    return problems


def _fresh_user(user_id: int | None) -> User | None:
    if user_id is None:
        return None
    return User.objects.prefetch_related("memberships__role").filter(pk=user_id).first()


def _languages(consultation: Consultation) -> list[tuple[str, str]]:
    offered = []
    if consultation.offers_english():
        offered.append(("en", _("English")))
    if consultation.offers_welsh():
        offered.append(("cy", _("Welsh")))
    return offered


def _question_url(question: Question, field: str) -> str:
    return reverse("participation:question_edit", args=[question.pk]) + f"#id_{field}"


def _language_problems(consultation: Consultation) -> list[str]:
    problems: list[str] = []
    edit = reverse("participation:consultation_edit", args=[consultation.pk])
    for code, language in _languages(consultation):
        if not getattr(consultation, f"title_{code}").strip():
            problems.append(
                Problem(
                    _("Add the title in %(language)s") % {"language": language},
                    f"{edit}#id_title_{code}",
                )
            )
        if not getattr(consultation, f"purpose_{code}").strip():
            problems.append(
                Problem(
                    _("Add what it is for in %(language)s") % {"language": language},
                    f"{edit}#id_purpose_{code}",
                )
            )
    return problems


def _question_language_problems(
    consultation: Consultation, question: Question, number: int
) -> list[str]:
    problems: list[str] = []
    bands = dict(audiences(consultation))
    has_hint = bool(question.hint_en.strip() or question.hint_cy.strip())
    for code, language in _languages(consultation):
        values = {"number": number, "language": language}
        if not getattr(question, f"text_{code}").strip():
            problems.append(
                Problem(
                    _("Add question %(number)s in %(language)s") % values,
                    _question_url(question, f"text_{code}"),
                )
            )
        if has_hint and not getattr(question, f"hint_{code}").strip():
            problems.append(
                Problem(
                    _("Add the hint for question %(number)s in %(language)s") % values,
                    _question_url(question, f"hint_{code}"),
                )
            )
        if any(not getattr(choice, f"label_{code}").strip() for choice in question.choices.all()):
            problems.append(
                Problem(
                    _("Add the answers to question %(number)s in %(language)s") % values,
                    _question_url(question, f"answers_{code}"),
                )
            )
        for wording in question.wordings.all():
            if wording.audience in bands and not getattr(wording, f"text_{code}").strip():
                problems.append(
                    Problem(
                        _("Add the wording of question %(number)s for %(audience)s in %(language)s")
                        % (values | {"audience": bands[wording.audience]}),
                        _question_url(question, f"{wording.audience}-text_{code}"),
                    )
                )
    return problems
