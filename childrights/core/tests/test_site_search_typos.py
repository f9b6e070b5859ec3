"""The site search forgives a small misspelling of a word of five letters or more in every kind
of result, not only council names: one letter wrong, missing, extra, or two letters next to each
other swapped. A word is put right only to a word the searched things hold, and only where the
search as typed found nothing."""

import string

import pytest
from django.utils import timezone

from childrights.core.site_search import corrected, one_edit_apart, typo_ends
from childrights.councils.models import Council
from childrights.participation.models import Commitment, Consultation
from childrights.testing.assessments import make_assessment
from childrights.testing.participation import make_consultation


def _search(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def _one_edit(word: str) -> set[str]:
    letters = string.ascii_lowercase
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return (
        {a + b[1:] for a, b in splits if b}
        | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
        | {a + c + b[1:] for a, b in splits if b for c in letters}
        | {a + c + b for a, b in splits for c in letters}
    ) - {word}


@pytest.mark.parametrize("word", ["house", "education", "skates", "abcdef"])
def test_every_word_one_edit_away_begins_or_ends_as_typo_ends_says(word):
    for near in _one_edit(word):
        start, end = typo_ends(near)  # ``near`` typed, ``word`` meant
        assert word.startswith(start) or word.endswith(end), (near, start, end)
        assert one_edit_apart(near, word)


@pytest.mark.parametrize(
    ("typed", "known", "apart"),
    [
        ("educaton", "education", True),  # a letter missing
        ("educattion", "education", True),  # a letter extra
        ("edukation", "education", True),  # a letter wrong
        ("eduaction", "education", True),  # two letters swapped
        ("education", "education", False),  # the same word
        ("edcaton", "education", False),  # two letters missing
        ("eudcatoin", "education", False),  # swapped twice
        ("abcd", "badc", False),
    ],
)
def test_one_edit_apart(typed, known, apart):
    assert one_edit_apart(typed, known) is apart


def test_a_query_is_put_right_only_where_a_known_word_is_one_edit_away():
    def known(words):
        return ["Education and leisure", "play"]

    assert corrected("educaton", known) == "education"
    assert corrected("right to educaton", known) == "right to education"
    assert corrected("education", known) is None  # nothing to put right
    assert corrected("plya", known) is None  # too short to put right
    assert corrected("geography", known) is None  # nothing near


@pytest.mark.django_db
def test_educaton_finds_the_article_on_education(client):
    assert 'href="/uncrc/article-28/"' not in _search(client, "geography")
    page = _search(client, "educaton")
    assert 'href="/uncrc/article-28/"' in page
    assert "Found by the nearest words we know: “education”" in page
    assert 'href="/uncrc/article-28/"' in _search(client, "eductaion")


@pytest.mark.django_db
def test_a_misspelt_survey_and_answer_back_are_found(client):
    leeds = Council.objects.get(gss_code="E08000035")
    survey = make_consultation(council=leeds, title_en="Skateparks for everyone")
    answered = make_consultation(council=leeds, title_en="Buses", status=Consultation.Status.CLOSED)
    Commitment.objects.create(
        consultation=answered,
        text_en="Free bus passes for care leavers",
        published_at=timezone.now(),
    )
    page = _search(client, "skatepraks")
    assert f"/have-your-say/{survey.link_key}/" in page
    assert f"/have-your-say/{answered.link_key}/you-said-we-did/" in _search(client, "pasess")


@pytest.mark.django_db
def test_a_misspelt_published_assessment_is_found_and_an_unpublished_one_is_not(client):
    leeds = Council.objects.get(gss_code="E08000035")
    assessment = make_assessment(council=leeds, title="Library opening hours for teenagers")
    url = f"/published-assessments/E08000035/{assessment.public_key}/"
    assert url not in _search(client, "libary")
    assessment.versions.update(published_at=timezone.now())
    assert url in _search(client, "libary")
    assert url in _search(client, "teeangers opening")
    assert url in _search(client, "lagrer")  # "larger", in what is proposed
