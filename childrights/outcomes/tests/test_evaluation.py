import pytest

from childrights.core.models import AuditEvent
from childrights.councils.models import Nation
from childrights.framework.models import Indicator
from childrights.outcomes import evaluation
from childrights.outcomes.demo.evaluation import evaluation_demo_load
from childrights.outcomes.demo.self_assessment import self_assessment_demo_load
from childrights.outcomes.models import ChildLedEvaluation, EvaluationQuestion, Rating, Round
from childrights.participation.builder import consultations as builder_consultations
from childrights.participation.builder import questions as builder_questions
from childrights.participation.builder import reads as builder_reads
from childrights.participation.builder import rules as builder_rules
from childrights.participation.models import Consultation
from childrights.participation.submission import Draft, submit
from childrights.testing.actors import actor_for
from childrights.testing.participation import make_safeguarding_lead

DONT_KNOW = 4  # the place of "I don't know" among each question's answers


@pytest.fixture
def round_(world):
    return Round.objects.create(
        council=world.council_a, name="Baseline 2026", kind="baseline", held_on="2026-01-15"
    )


def _indicator(slug):
    return Indicator.objects.get(slug=slug)


def _rate(round_, slug, level):
    Rating.objects.create(round=round_, indicator=_indicator(slug), level=level)


def _ask(world, round_, slugs):
    return evaluation.evaluation_create(
        actor=actor_for(world.owner), round=round_, indicators=[_indicator(s) for s in slugs]
    )


def _open(world, made):
    consultation = made.consultation
    builder_consultations.consultation_update(
        actor=actor_for(world.owner),
        consultation=consultation,
        values={
            "safeguarding_lead": make_safeguarding_lead(world.council_a),
            "safeguarding_deputy": make_safeguarding_lead(world.council_a),
        },
    )
    assert (
        builder_consultations.consultation_open(
            actor=actor_for(world.owner), consultation=consultation
        )
        == []
    )
    consultation.refresh_from_db()
    return consultation


def _answer(consultation, made, picks):
    """One child's answers: for each indicator slug, the place of the answer picked."""
    links = {link.indicator.slug: link.question for link in made.questions.all()}
    answers = {}
    for slug, place in picks.items():
        choices = [choice.pk for choice in links[slug].choices.all()]
        answers[str(links[slug].pk)] = {"choices": [choices[place]]}
    submit(consultation=consultation, draft=Draft(age_band="12-15", answers=answers), via_code=None)


def _children(consultation, made, slug, places):
    for place in places:
        _answer(consultation, made, {slug: place})


def _row(round_, slug):
    return next(row for row in evaluation.comparison(round=round_) if row.indicator.slug == slug)


# --- making the consultation ---------------------------------------------------------------


def test_staff_ask_children_and_land_on_the_draft_consultation(world, round_, signed_in):
    client = signed_in(world.member)
    picked = [_indicator("respectful-records"), _indicator("feedback")]
    response = client.post(
        f"/self-assessment/{round_.pk}/children/new/",
        {
            "principle_dignity": [str(picked[0].pk)],
            "principle_participation": [str(picked[1].pk)],
            "age_bands": ["12-15", "16-17"],
        },
    )
    made = ChildLedEvaluation.objects.get(round=round_)
    consultation = made.consultation
    assert response["Location"] == f"/consultations/{consultation.pk}/"
    assert consultation.status == Consultation.Status.DRAFT
    assert consultation.council == world.council_a
    assert consultation.age_bands == ["12-15", "16-17"]
    assert consultation.languages == Consultation.Languages.ENGLISH
    assert consultation.safeguarding_lead is None
    questions = list(consultation.questions.all())
    assert [q.text_en for q in questions] == [
        "Do adults at the council talk and write about you with respect?",
        "When the council asks for your views, does it tell you afterwards what it decided "
        "and why?",
    ]
    assert [c.label_en for c in questions[0].choices.all()] == [
        "Not at all",
        "A little",
        "Mostly",
        "Yes, always",
        "I don't know",
    ]
    links = EvaluationQuestion.objects.filter(evaluation=made)
    assert {(link.indicator_id, link.question_id) for link in links} == {
        (picked[0].pk, questions[0].pk),
        (picked[1].pk, questions[1].pk),
    }
    assert AuditEvent.objects.filter(object_type="outcomes.ChildLedEvaluation").exists()


def test_the_form_ticks_one_indicator_for_each_principle_to_start_with(world, round_, signed_in):
    page = signed_in(world.member).get(f"/self-assessment/{round_.pk}/children/new/")
    html = page.content.decode()
    assert html.count(" checked>") == 7 + 4  # seven indicators, four age bands
    assert f'value="{_indicator("feedback").pk}" checked' in html


def test_a_welsh_council_asks_in_welsh_and_english(world, round_):
    world.council_a.nation = Nation.WALES
    world.council_a.save()
    made = _ask(world, round_, ["respectful-records"])
    assert made.consultation.languages == Consultation.Languages.BOTH
    question = made.consultation.questions.get()
    assert question.text_cy.startswith("Ydy oedolion yn y cyngor")
    assert question.choices.first().label_cy == "Ddim o gwbl"
    assert builder_reads.opening_problems(made.consultation) == [
        "Choose a designated safeguarding lead",
        "Choose a deputy safeguarding lead",
    ]


def test_without_a_choice_every_indicator_the_round_rates_is_asked(world, round_):
    made = evaluation.evaluation_create(actor=actor_for(world.owner), round=round_)
    assert made.consultation.questions.count() == Indicator.objects.filter(is_active=True).count()


def test_a_second_evaluation_for_the_same_round_is_refused_with_a_clear_message(world, round_):
    _ask(world, round_, ["feedback"])
    with pytest.raises(evaluation.EvaluationRefused) as refused:
        _ask(world, round_, ["one-plan"])
    assert "already been asked about this round" in refused.value.message
    assert Consultation.objects.count() == 1


def test_the_form_for_a_round_already_asked_goes_to_the_comparison(world, round_, signed_in):
    _ask(world, round_, ["feedback"])
    client = signed_in(world.member)
    response = client.get(f"/self-assessment/{round_.pk}/children/new/", follow=True)
    assert response.redirect_chain[-1][0] == f"/self-assessment/{round_.pk}/children/"
    assert "already been asked about this round" in response.content.decode()


def test_choosing_no_indicator_is_explained_and_nothing_is_made(world, round_, signed_in):
    page = signed_in(world.member).post(
        f"/self-assessment/{round_.pk}/children/new/", {"age_bands": ["12-15"]}
    )
    assert "Choose at least one indicator to ask children about" in page.content.decode()
    assert not Consultation.objects.exists()


def test_the_consultation_does_not_open_without_a_safeguarding_lead(world, round_):
    made = _ask(world, round_, ["feedback"])
    problems = builder_consultations.consultation_open(
        actor=actor_for(world.owner), consultation=made.consultation
    )
    assert "Choose a designated safeguarding lead" in problems
    made.consultation.refresh_from_db()
    assert made.consultation.status == Consultation.Status.DRAFT


# --- who may see and make it ----------------------------------------------------------------


@pytest.mark.parametrize("path", ["children/", "children/new/"])
def test_people_outside_the_council_get_404(world, round_, signed_in, path):
    client = signed_in(world.outsider)
    assert client.get(f"/self-assessment/{round_.pk}/{path}").status_code == 404


def test_people_outside_the_council_cannot_make_one(world, round_, signed_in):
    client = signed_in(world.outsider)
    response = client.post(
        f"/self-assessment/{round_.pk}/children/new/",
        {"principle_participation": [str(_indicator("feedback").pk)], "age_bands": ["12-15"]},
    )
    assert response.status_code == 404
    assert not ChildLedEvaluation.objects.exists()


def test_a_member_who_cannot_edit_cannot_make_one(world, round_, signed_in):
    lead = make_safeguarding_lead(world.council_a)
    assert signed_in(lead).get(f"/self-assessment/{round_.pk}/children/new/").status_code == 403


# --- the comparison -------------------------------------------------------------------------


def test_childrens_answers_are_compared_with_the_staff_rating(world, round_):
    _rate(round_, "respectful-records", 3)
    _rate(round_, "feedback", 1)
    made = _ask(world, round_, ["respectful-records", "feedback"])
    consultation = _open(world, made)
    # Respectful records: 2 "Not at all", 5 "A little", 3 "Mostly", 2 "Yes, always" and
    # 2 "I don't know": 14 answered, 12 gave a level.
    _children(consultation, made, "respectful-records", [0] * 2 + [1] * 5 + [2] * 3 + [3] * 2)
    _children(consultation, made, "respectful-records", [DONT_KNOW] * 2)
    # Feedback: 5 "A little" and 5 "Mostly".
    _children(consultation, made, "feedback", [1] * 5 + [2] * 5)

    records = _row(round_, "respectful-records")
    assert (records.staff_level, records.answered, records.children) == (3, 14, 12)
    assert [(a.level, a.count) for a in records.answers] == [
        (0, 2),
        (1, 5),
        (2, 3),
        (3, 2),
        (None, 2),
    ]
    assert records.answers[1].share == pytest.approx(5 / 14)
    assert records.median == 1.0  # the 6th and 7th of 12 are both "A little"
    assert records.mean == pytest.approx(17 / 12)
    assert records.difference == -2.0
    assert records.differs

    feedback = _row(round_, "feedback")
    assert (feedback.staff_level, feedback.answered, feedback.children) == (1, 10, 10)
    assert feedback.median == 1.5  # halfway between the 5th ("A little") and 6th ("Mostly")
    assert feedback.mean == pytest.approx(1.5)
    assert feedback.difference == 0.5
    assert not feedback.differs


def test_fewer_than_ten_children_giving_a_level_withholds_their_figures(world, round_):
    _rate(round_, "feedback", 2)
    made = _ask(world, round_, ["feedback"])
    consultation = _open(world, made)
    _children(consultation, made, "feedback", [0] * 9 + [DONT_KNOW] * 3)

    row = _row(round_, "feedback")
    assert row.withheld
    assert (row.answered, row.children, row.median, row.mean, row.answers) == (
        None,
        None,
        None,
        None,
        [],
    )
    assert not row.differs


def test_an_indicator_staff_have_not_rated_is_never_marked_as_differing(world, round_):
    made = _ask(world, round_, ["feedback"])
    consultation = _open(world, made)
    _children(consultation, made, "feedback", [0] * 10)
    row = _row(round_, "feedback")
    assert (row.staff_level, row.median, row.differs) == (None, 0.0, False)


def test_a_question_reworded_into_other_answers_is_not_compared(world, round_, signed_in):
    _rate(round_, "feedback", 2)
    made = _ask(world, round_, ["feedback"])
    question = made.questions.get().question
    builder_questions.question_update(
        actor=actor_for(world.owner),
        question=question,
        values=builder_rules.QuestionInput(
            kind="yes_no",
            text_en="Were you told?",
            text_cy="",
            hint_en="",
            hint_cy="",
            required=False,
        ),
    )
    consultation = _open(world, made)
    _children(consultation, made, "feedback", [0] * 12)
    row = _row(round_, "feedback")
    assert (row.comparable, row.median, row.differs) == (False, None, False)
    html = signed_in(world.member).get(f"/self-assessment/{round_.pk}/children/").content.decode()
    assert "cannot be compared with the staff levels" in html


def test_answers_reworded_in_the_builder_are_not_mapped_to_the_wrong_level(world, round_):
    _rate(round_, "feedback", 2)
    made = _ask(world, round_, ["feedback"])
    question = made.questions.get().question
    first = question.choices.order_by("position").first()
    first.label_en = "Sometimes"
    first.save(update_fields=["label_en"])
    consultation = _open(world, made)
    _children(consultation, made, "feedback", [1] * 12)
    row = _row(round_, "feedback")
    assert (row.comparable, row.median, row.differs) == (False, None, False)


def test_the_comparison_page_marks_differences_in_words_with_a_chart(world, round_, signed_in):
    _rate(round_, "respectful-records", 3)
    _rate(round_, "feedback", 2)
    made = _ask(world, round_, ["respectful-records", "feedback"])
    consultation = _open(world, made)
    _children(consultation, made, "respectful-records", [0] * 10)
    _children(consultation, made, "feedback", [2] * 5)
    html = signed_in(world.member).get(f"/self-assessment/{round_.pk}/children/").content.decode()
    assert "Children rate this a whole level or more lower than staff" in html
    assert "For 1 indicator, children’s view differs from the staff rating" in html
    assert "Not enough answers yet to show" in html
    assert html.count('class="app-chart app-chart--bar"') == 1
    assert "Fewer than 10" not in html  # 15 children answered in all


def test_the_round_page_offers_to_ask_children_then_links_to_their_answers(
    world, round_, signed_in
):
    client = signed_in(world.member)
    page = client.get(f"/self-assessment/{round_.pk}/").content.decode()
    assert f'href="/self-assessment/{round_.pk}/children/new/"' in page
    _ask(world, round_, ["feedback"])
    page = client.get(f"/self-assessment/{round_.pk}/").content.decode()
    assert f'href="/self-assessment/{round_.pk}/children/"' in page


# --- the demonstration ----------------------------------------------------------------------


def test_the_demonstration_evaluation_has_one_indicator_where_children_disagree(db):
    self_assessment_demo_load()
    evaluation_demo_load()
    assert evaluation_demo_load() == "demonstration child-led evaluation already loaded"
    made = ChildLedEvaluation.objects.get()
    assert made.round.name == "Year 2 review"
    assert made.consultation.status == Consultation.Status.CLOSED
    rows = evaluation.comparison(round=made.round)
    assert len(rows) == 7
    assert all(not row.withheld and (row.children or 0) >= 10 for row in rows)
    assert [row.indicator.slug for row in rows if row.differs] == ["feedback"]
    # The consultations demonstration still loads for the council.
    assert Consultation.objects.filter(council=made.round.council).count() == 3
