"""The UNCRC summaries read at the age they are written for: the younger children's at about
age 8 (Flesch-Kincaid grade 4 or below), the young people's at about age 12 (grade 7 or below).
The check reads the English text in the shipped data file, the text the loader puts in the
database."""

import json
from typing import Any

from django.core.management import call_command

from childrights.framework.models import Article
from childrights.framework.readability import readability, syllables
from childrights.framework.services import DATA_DIR

HIGHEST_GRADE = {"summary_age_8": 4.0, "summary_age_14": 7.0}


def _articles() -> list[dict[str, Any]]:
    data = json.loads((DATA_DIR / "uncrc_articles.json").read_text(encoding="utf-8"))
    articles: list[dict[str, Any]] = data["articles"]
    return articles


def _too_hard(field: str) -> list[str]:
    limit = HIGHEST_GRADE[field]
    return [
        f"article {row['number']}: grade {grade:.1f} (limit {limit:g})"
        for row in _articles()
        if (grade := readability(row[field]["en"]).grade) > limit
    ]


def test_every_summary_for_younger_children_reads_at_grade_4_or_below():
    too_hard = _too_hard("summary_age_8")
    assert not too_hard, "Too hard for about age 8: " + "; ".join(too_hard)


def test_every_summary_for_young_people_reads_at_grade_7_or_below():
    too_hard = _too_hard("summary_age_14")
    assert not too_hard, "Too hard for about age 12: " + "; ".join(too_hard)


def test_every_article_has_both_childrens_summaries_to_check():
    articles = _articles()
    assert [row["number"] for row in articles] == list(range(1, 55))
    for row in articles:
        for field in HIGHEST_GRADE:
            assert readability(row[field]["en"]).words >= 5, (row["number"], field)


def test_short_words_in_short_sentences_read_at_a_low_grade():
    easy = readability("You can play. You can rest. Adults must keep you safe.")
    assert (easy.words, easy.sentences, easy.syllables) == (11, 3, 12)
    assert easy.grade < 0


def test_long_words_in_one_long_sentence_read_at_a_high_grade():
    hard = readability(
        "Governments must respect the international humanitarian law that protects children "
        "in armed conflict, and do everything feasible to protect and care for them."
    )
    assert hard.sentences == 1
    assert hard.grade > 14


def test_syllables_are_counted_by_vowel_groups_less_silent_endings():
    counts = {
        word: syllables(word)
        for word in ("care", "table", "lives", "places", "helped", "needed", "education", "18")
    }
    assert counts == {
        "care": 1,
        "table": 2,
        "lives": 1,
        "places": 2,
        "helped": 1,
        "needed": 2,
        "education": 4,
        "18": 2,
    }


def test_loading_again_brings_an_existing_article_up_to_the_shipped_wording(db):
    Article.objects.filter(number=20).update(
        summary_age_8_en="Old words", summary_age_14_cy="Hen eiriau"
    )
    call_command("load_reference_data", verbosity=0)
    article = Article.objects.get(number=20)
    shipped = next(row for row in _articles() if row["number"] == 20)
    assert article.summary_age_8_en == shipped["summary_age_8"]["en"]
    assert article.summary_age_14_cy == shipped["summary_age_14"]["cy"]
