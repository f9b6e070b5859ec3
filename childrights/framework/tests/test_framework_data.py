from django.core.management import call_command

from childrights.framework.models import (
    Article,
    FrameworkItem,
    Indicator,
    NationFramework,
    Principle,
    Theme,
)


def test_all_54_articles_are_loaded_with_the_four_general_principles(db):
    assert list(Article.objects.values_list("number", flat=True)) == list(range(1, 55))
    general = set(Article.objects.filter(general_principle=True).values_list("number", flat=True))
    assert general == {2, 3, 6, 12}


def test_every_article_has_both_reading_levels_and_a_staff_summary_in_both_languages(db):
    for article in Article.objects.all():
        for field in ("title", "summary_age_8", "summary_age_14", "summary_staff"):
            for language in ("en", "cy"):
                assert getattr(article, f"{field}_{language}").strip(), (article.number, field)
        assert article.cluster_id is not None


def test_seven_principles_each_with_three_to_six_indicators(db):
    principles = list(Principle.objects.order_by("position"))
    assert [p.slug for p in principles] == [
        "dignity",
        "best-interests",
        "non-discrimination",
        "life-survival-and-development",
        "participation",
        "interdependence-and-indivisibility",
        "transparency-and-accountability",
    ]
    for principle in principles:
        assert 3 <= principle.indicators.count() <= 6, principle.slug


def test_four_themes_and_a_framework_for_each_nation(db):
    assert Theme.objects.count() == 4
    assert set(NationFramework.objects.values_list("nation", flat=True)) == {
        "england",
        "scotland",
        "wales",
        "northern-ireland",
    }
    shanarri = NationFramework.objects.get(slug="shanarri")
    assert shanarri.items.count() == 8
    assert all(item.principles.exists() for item in FrameworkItem.objects.all())


def test_loading_again_keeps_the_programme_teams_changes_to_indicators(db):
    indicator = Indicator.objects.first()
    indicator.text_en = "Changed by the team"
    indicator.is_customised = True
    indicator.save()
    call_command("load_reference_data", verbosity=0)
    indicator.refresh_from_db()
    assert indicator.text_en == "Changed by the team"
