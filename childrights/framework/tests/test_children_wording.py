"""Every descriptive indicator has a question children can answer, in English and Welsh, and
the loader keeps it up to date except where the programme team has changed the indicator."""

import json

from django.core.management import call_command

from childrights.framework.models import Indicator
from childrights.framework.services import DATA_DIR, framework_load


def test_every_indicator_is_asked_of_children_as_a_question_in_both_languages(db):
    indicators = list(Indicator.objects.all())
    assert len(indicators) == 33
    for indicator in indicators:
        assert indicator.text_children_en.strip().endswith("?"), indicator.slug
        assert indicator.text_children_cy.strip().endswith("?"), indicator.slug
        assert indicator.text_children_en != indicator.text_en, indicator.slug


def test_loading_again_fills_the_question_for_children_on_an_existing_indicator(db):
    indicator = Indicator.objects.get(slug="respectful-records")
    Indicator.objects.filter(pk=indicator.pk).update(text_children_en="", text_children_cy="")
    call_command("load_reference_data", verbosity=0)
    indicator.refresh_from_db()
    assert indicator.text_children_en == (
        "Do adults at the council talk and write about you with respect?"
    )
    assert indicator.text_children_cy.startswith("Ydy oedolion yn y cyngor")


def test_loading_again_keeps_the_question_for_children_the_programme_team_changed(db):
    indicator = Indicator.objects.get(slug="respectful-records")
    Indicator.objects.filter(pk=indicator.pk).update(
        text_children_en="Are you treated with respect?", is_customised=True
    )
    call_command("load_reference_data", verbosity=0)
    indicator.refresh_from_db()
    assert indicator.text_children_en == "Are you treated with respect?"


def test_an_indicator_without_a_question_for_children_in_the_file_loads_with_none(db, tmp_path):
    for name in ("uncrc_articles.json", "themes.json", "nation_frameworks.json"):
        (tmp_path / name).write_text((DATA_DIR / name).read_text(encoding="utf-8"))
    data = json.loads((DATA_DIR / "principles.json").read_text(encoding="utf-8"))
    data["principles"][0]["indicators"].append(
        {"slug": "new-one", "text": {"en": "Something new", "cy": "Rhywbeth newydd"}}
    )
    (tmp_path / "principles.json").write_text(json.dumps(data), encoding="utf-8")
    framework_load(data_dir=tmp_path)
    added = Indicator.objects.get(slug="new-one")
    assert (added.text_children_en, added.text_children_cy) == ("", "")
