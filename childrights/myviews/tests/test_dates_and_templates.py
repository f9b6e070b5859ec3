"""Working days, the statutory review rhythm and the statement templates kept as data."""

import json
from datetime import date

import pytest

from childrights.myviews import dates
from childrights.myviews.models import Template
from childrights.myviews.templates_data import (
    TEMPLATES_FILE,
    TemplateChanged,
    current_template,
    templates_load,
    wording,
)


def test_working_days_skip_weekends_and_each_nations_bank_holidays():
    # Thursday 24 December 2026: Christmas (Fri) and the Boxing Day holiday (Mon 28) are not
    # working days, nor the weekend between.
    assert dates.add_working_days(date(2026, 12, 24), 1, "england") == date(2026, 12, 29)
    # St Andrew's Day is a holiday in Scotland only.
    assert dates.add_working_days(date(2026, 11, 27), 1, "scotland") == date(2026, 12, 1)
    assert dates.add_working_days(date(2026, 11, 27), 1, "england") == date(2026, 11, 30)
    assert dates.working_days_between(date(2026, 12, 24), date(2026, 12, 29), "wales") == 1


def test_englands_rhythm_first_in_20_working_days_then_3_months_then_6():
    came = date(2026, 3, 2)
    first = dates.latest_next_review(nation="england", came_into_care_on=came, reviews_held=[])
    # 20 working days after Monday 2 March 2026 (four full weeks, then one day): 30 March.
    assert first == date(2026, 3, 30)
    second = dates.latest_next_review(
        nation="england", came_into_care_on=came, reviews_held=[first]
    )
    assert second == date(2026, 6, 30)
    third = dates.latest_next_review(
        nation="england", came_into_care_on=came, reviews_held=[second, first]
    )
    assert third == date(2026, 12, 30)
    assert (
        dates.latest_next_review(nation="england", came_into_care_on=None, reviews_held=[]) is None
    )


def test_other_nations_rules_say_they_are_not_yet_checked():
    assert dates.rhythm_for("england").checked
    assert not dates.rhythm_for("wales").checked
    assert dates.add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)


@pytest.mark.django_db
def test_templates_are_versioned_and_a_stored_version_is_never_reworded(tmp_path):
    review = current_template("review")
    assert review.version == 1
    data = json.loads(TEMPLATES_FILE.read_text(encoding="utf-8"))
    data["topics"]["health"]["title"]["en"] = "Health"
    changed = tmp_path / "templates.json"
    changed.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(TemplateChanged):
        templates_load(path=changed)
    for row in data["templates"]:
        row["version"] = 2
    changed.write_text(json.dumps(data), encoding="utf-8")
    templates_load(path=changed)
    assert current_template("review").version == 2
    assert Template.objects.get(slug="review", version=1).content == review.content


@pytest.mark.django_db
def test_wording_follows_age_language_and_the_simpler_pages():
    review = current_template("review")
    older = wording(review, age_band="12-15", simple=False, language="en-gb")
    younger = wording(review, age_band="12-15", simple=True, language="en-gb")
    welsh = wording(review, age_band="18-25", simple=False, language="cy")
    assert older.title == "My views for my review"
    assert older.topic("health").prompt != younger.topic("health").prompt
    assert welsh.title == "Fy marn ar gyfer fy adolygiad"
    assert "ti" in welsh.intro.split() or "rwyt" in welsh.intro
