"""Steps the impact assessment browser tests share: the template's questions by their labels,
starting an assessment and answering its screening, as a council officer takes them."""

from collections.abc import Callable

from childrights.assessments.models import Template
from childrights.councils.models import Council
from childrights.testing.browser import Visitor


def question_labels(template: Template, language: str) -> dict[str, str]:
    """Each question of the template by its key, labelled as the pages show it in the language."""
    code = "cy" if language == "cy" else "en"
    return {
        question["key"]: question["label"][code]
        for stage in template.definition["stages"]
        for question in stage["questions"]
    }


def start_an_assessment(
    visitor: Visitor,
    language: str,
    t: Callable[[str], str],
    *,
    council: Council,
    proposed: str,
    kind: str,
) -> None:
    """From the council's impact assessments, begin one: what is proposed and its kind (in
    English: ``t`` translates it), left for the test to finish and save."""
    page = visitor.page
    visitor.start(f"/councils/{council.pk}/impact-assessments/", language)
    visitor.follow(page.get_by_role("link", name=t("Start an assessment")))
    page.get_by_label(t("What is proposed"), exact=True).fill(proposed)
    page.get_by_label(t(kind), exact=True).check()


def answer_the_screening(
    visitor: Visitor,
    t: Callable[[str], str],
    labels: dict[str, str],
    *,
    proposal: str,
    decision_owner: str,
    decided_on: tuple[str, str, str],
    desired_outcome: str,
    children_direct: str,
    full_needed: bool,
    reasons: str,
) -> None:
    """Answer the screening's questions (the decision's day, month and year in ``decided_on``),
    left for the test to save."""
    page = visitor.page
    page.get_by_label(labels["proposal"], exact=True).fill(proposal)
    page.get_by_label(labels["decision_owner"], exact=True).fill(decision_owner)
    day, month, year = decided_on
    page.get_by_label(t("Day"), exact=True).fill(day)
    page.get_by_label(t("Month"), exact=True).fill(month)
    page.get_by_label(t("Year"), exact=True).fill(year)
    page.get_by_label(labels["desired_outcome"], exact=True).fill(desired_outcome)
    page.get_by_label(labels["children_direct"], exact=True).fill(children_direct)
    conclusion = page.get_by_role("group", name=labels["full_needed"])
    conclusion.get_by_label(t("Yes" if full_needed else "No"), exact=True).check()
    page.get_by_label(t("Your reasons"), exact=True).fill(reasons)
