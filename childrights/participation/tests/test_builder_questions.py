"""Questions, their answers and their wording per age band: changed only while a draft."""

import pytest

from childrights.core.models import AuditEvent
from childrights.participation.builder import questions as builder_questions
from childrights.participation.builder import rules as builder_rules
from childrights.participation.models import Choice, Consultation, Question, Wording
from childrights.testing.actors import actor_for
from childrights.testing.participation import make_consultation


@pytest.fixture
def draft(world):
    return make_consultation(
        council=world.council_a, status=Consultation.Status.DRAFT, questions=False
    )


@pytest.fixture
def client(world, signed_in):
    return signed_in(world.member)


def _question(**changes):
    data = {
        "kind": "single",
        "text_en": "Which park do you go to most?",
        "text_cy": "Pa barc rwyt ti'n mynd iddo fwyaf?",
        "hint_en": "",
        "hint_cy": "",
        "answers_en": "Riverside\nHill Top\n\nNone\n",
        "answers_cy": "Glan yr afon\nPen y bryn\nDim un",
    }
    data.update(changes)
    return data


def _add(client, consultation, **changes):
    return client.post(f"/consultations/{consultation.pk}/questions/new/", _question(**changes))


def _labels(question, language="en"):
    return [getattr(choice, f"label_{language}") for choice in question.choices.all()]


def test_a_single_choice_question_is_added_with_its_answers_in_both_languages(client, draft):
    response = _add(client, draft, required="on")
    assert response["Location"] == f"/consultations/{draft.pk}/"
    question = Question.objects.get()
    assert question.kind == Question.Kind.SINGLE
    assert question.required
    assert question.position == 1
    assert _labels(question) == ["Riverside", "Hill Top", "None"]
    assert _labels(question, "cy") == ["Glan yr afon", "Pen y bryn", "Dim un"]
    event = AuditEvent.objects.get(object_type="participation.Question")
    assert event.action == AuditEvent.Action.CREATE
    assert event.council_id == draft.council_id


def test_new_questions_go_to_the_end(client, draft):
    _add(client, draft)
    _add(client, draft, kind="text", text_en="Anything else?", answers_en="", answers_cy="")
    assert list(draft.questions.values_list("text_en", "position")) == [
        ("Which park do you go to most?", 1),
        ("Anything else?", 2),
    ]


def test_the_welsh_answers_must_match_the_english_in_number(client, draft):
    page = _add(client, draft, answers_cy="Glan yr afon\nPen y bryn").content.decode()
    assert "Give the same number of answers in Welsh (3), in the same order" in page
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    ("kind", "answers", "message"),
    [
        ("single", "", "Enter the answers, one per line"),
        ("multiple", "Only one", "Give at least 2 answers, one per line"),
        (
            "single",
            "\n".join(f"Answer {n}" for n in range(11)),
            "Give no more than 10 answers for this type of question",
        ),
        (
            "ranking",
            "\n".join(f"Answer {n}" for n in range(7)),
            "Give no more than 6 answers for this type of question",
        ),
    ],
)
def test_questions_with_written_answers_need_the_right_number_of_them(
    client, draft, kind, answers, message
):
    page = _add(client, draft, kind=kind, answers_en=answers, answers_cy="").content.decode()
    assert message in page
    assert "govuk-error-summary" in page
    assert not Question.objects.exists()


def test_a_welsh_only_consultation_takes_questions_and_answers_in_welsh(client, world):
    welsh = make_consultation(
        council=world.council_a,
        status=Consultation.Status.DRAFT,
        questions=False,
        languages=Consultation.Languages.WELSH,
    )
    page = _add(client, welsh, text_en="", answers_en="").content.decode()
    assert "Enter the question" not in page
    question = Question.objects.get()
    assert question.text_cy == "Pa barc rwyt ti'n mynd iddo fwyaf?"
    assert _labels(question, "cy") == ["Glan yr afon", "Pen y bryn", "Dim un"]
    assert _labels(question) == ["", "", ""]


def test_a_question_needs_its_wording(client, draft):
    page = _add(client, draft, text_en=" ", text_cy="").content.decode()
    assert "Enter the question" in page
    assert not Question.objects.exists()


def test_a_faces_question_gets_the_five_standard_faces(client, draft):
    _add(client, draft, kind="faces", answers_en="ignored\nlines", answers_cy="")
    question = Question.objects.get()
    assert [choice.face for choice in question.choices.all()] == ["😞", "🙁", "😐", "🙂", "😀"]
    assert _labels(question) == [
        "Very unhappy",
        "Unhappy",
        "Neither happy nor unhappy",
        "Happy",
        "Very happy",
    ]
    assert _labels(question, "cy") == [
        "Anhapus iawn",
        "Anhapus",
        "Ddim yn hapus nac yn anhapus",
        "Hapus",
        "Hapus iawn",
    ]


def test_a_yes_no_question_gets_yes_no_and_not_sure(client, draft):
    _add(client, draft, kind="yes_no", answers_en="", answers_cy="")
    question = Question.objects.get()
    assert _labels(question) == ["Yes", "No", "Not sure"]
    assert _labels(question, "cy") == ["Ie", "Na", "Ddim yn siŵr"]


def test_a_free_text_question_has_no_answers_to_choose(client, draft):
    _add(client, draft, kind="text")
    assert Question.objects.get().kind == Question.Kind.TEXT
    assert not Choice.objects.exists()


def test_changing_the_answers_keeps_the_ids_of_those_that_stay(client, draft):
    _add(client, draft)
    question = Question.objects.get()
    kept = list(question.choices.values_list("pk", flat=True))[:2]
    response = client.post(
        f"/questions/{question.pk}/",
        _question(
            answers_en="Riverside park\nHill Top", answers_cy="Parc glan yr afon\nPen y bryn"
        ),
    )
    assert response["Location"] == f"/consultations/{draft.pk}/"
    assert list(question.choices.values_list("pk", flat=True)) == kept
    assert _labels(question) == ["Riverside park", "Hill Top"]
    event = AuditEvent.objects.get(object_type="participation.Question", action="update")
    assert event.detail["changed"]["answers"] == [
        "Riverside | Hill Top | None",
        "Riverside park | Hill Top",
    ]


def test_changing_a_question_to_free_text_removes_its_answers(client, draft):
    _add(client, draft)
    question = Question.objects.get()
    client.post(f"/questions/{question.pk}/", _question(kind="text"))
    assert not question.choices.exists()


def test_questions_move_up_and_down(client, draft):
    for text in ("First", "Second", "Third"):
        _add(client, draft, text_en=text)
    third = draft.questions.get(text_en="Third")
    client.post(f"/questions/{third.pk}/move/", {"direction": "up"})
    assert list(draft.questions.values_list("text_en", flat=True)) == ["First", "Third", "Second"]
    first = draft.questions.get(text_en="First")
    client.post(f"/questions/{first.pk}/move/", {"direction": "up"})
    client.post(f"/questions/{first.pk}/move/", {"direction": "down"})
    assert list(draft.questions.values_list("text_en", "position")) == [
        ("Third", 1),
        ("First", 2),
        ("Second", 3),
    ]


def test_moving_needs_a_post(client, draft):
    _add(client, draft)
    assert client.get(f"/questions/{Question.objects.get().pk}/move/").status_code == 405


def test_deleting_a_question_asks_first_then_renumbers_the_rest(client, draft):
    for text in ("First", "Second", "Third"):
        _add(client, draft, text_en=text)
    second = draft.questions.get(text_en="Second")
    page = client.get(f"/questions/{second.pk}/delete/").content.decode()
    assert "Delete the question?" in page
    assert draft.questions.count() == 3
    client.post(f"/questions/{second.pk}/delete/")
    assert list(draft.questions.values_list("text_en", "position")) == [
        ("First", 1),
        ("Third", 2),
    ]
    assert AuditEvent.objects.filter(
        object_type="participation.Question", action="delete", council_id=draft.council_id
    ).exists()


def _wordings(**fields):
    data = {"part": "wordings"}
    for audience in ("8-11", "12-15", "easy-read"):
        for part in ("text_en", "text_cy", "hint_en", "hint_cy"):
            data[f"{audience}-{part}"] = ""
    data.update(fields)
    return data


def test_each_age_band_can_be_asked_in_its_own_words_over_the_same_answers(client, draft):
    _add(client, draft)
    question = Question.objects.get()
    page = client.get(f"/questions/{question.pk}/").content.decode()
    assert "8 to 11" in page
    assert "Easy read" in page
    assert "4 to 7" not in page
    client.post(
        f"/questions/{question.pk}/",
        _wordings(
            **{"8-11-text_en": "Which park do you like to play in?", "8-11-text_cy": "Pa barc?"}
        ),
    )
    wording = Wording.objects.get()
    assert (wording.audience, wording.text_en) == ("8-11", "Which park do you like to play in?")
    assert question.choices.count() == 3
    overview = client.get(f"/consultations/{draft.pk}/").content.decode()
    assert "Worded its own way for 1 group" in overview
    client.post(f"/questions/{question.pk}/", _wordings())
    assert not Wording.objects.exists()
    actions = list(
        AuditEvent.objects.filter(object_type="participation.Wording")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "delete"]


def test_a_wording_with_a_hint_but_no_question_is_refused(client, draft):
    _add(client, draft)
    question = Question.objects.get()
    page = client.post(
        f"/questions/{question.pk}/", _wordings(**{"easy-read-hint_en": "Pick one"})
    ).content.decode()
    assert "Enter the question for Easy read, or leave all its boxes empty" in page
    assert not Wording.objects.exists()


@pytest.fixture
def opened(world):
    return make_consultation(council=world.council_a)


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/questions/{question}/", _question(text_en="Changed")),
        ("/questions/{question}/", _wordings(**{"8-11-text_en": "Changed"})),
        ("/questions/{question}/delete/", {}),
        ("/questions/{question}/move/", {"direction": "down"}),
        ("/consultations/{consultation}/questions/new/", _question(text_en="Changed")),
    ],
)
def test_questions_are_frozen_once_the_consultation_has_opened(client, opened, path, data):
    question = opened.questions.first()
    before = list(Question.objects.values_list("pk", "position", "text_en"))
    response = client.post(
        path.format(question=question.pk, consultation=opened.pk), data, follow=True
    )
    assert "can only change while the consultation is a draft" in response.content.decode()
    assert list(Question.objects.values_list("pk", "position", "text_en")) == before
    assert not Wording.objects.exists()
    assert not AuditEvent.objects.filter(object_type="participation.Question").exists()


def test_the_question_service_refuses_an_open_consultation(world, opened):
    actor = actor_for(world.member)
    values = builder_rules.QuestionInput(
        kind="text", text_en="Sneaked in", text_cy="", hint_en="", hint_cy="", required=False
    )
    with pytest.raises(builder_rules.NotADraft):
        builder_questions.question_create(actor=actor, consultation=opened, values=values)
    assert not Question.objects.filter(text_en="Sneaked in").exists()
