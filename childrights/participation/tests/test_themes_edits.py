"""Staff's work on the themes found: each page changes what it should, refuses bad input with a
message saying what to do, and redirects after every change."""

import pytest

from childrights.core.models import AuditEvent
from childrights.participation.models import FeedbackTheme, Theme, ThemeAnswer, ThemeRun
from childrights.participation.tests.themes_support import theme_with, themed
from childrights.participation.views import themes as views
from childrights.testing.factories import make_user
from childrights.testing.participation import make_consultation, make_safeguarding_lead

SWINGS = "The swings in the park are broken"
LITTER = "There is too much rubbish and litter everywhere"


@pytest.fixture
def run(world, consultation):
    found = themed(consultation, by=world.member)
    assert theme_with(found, SWINGS) != theme_with(found, LITTER)
    return found


def _themes_page(theme):
    return f"/consultations/{theme.run.consultation_id}/themes/"


def _edits(theme):
    return AuditEvent.objects.filter(object_type="participation.Theme", object_id=str(theme.pk))


# --- rename --------------------------------------------------------------------------------------


def test_renaming_a_theme_saves_the_new_name(world, signed_in, run):
    theme = theme_with(run, SWINGS)
    client = signed_in(world.member)
    assert theme.name in client.get(f"/written-themes/{theme.pk}/rename/").content.decode()
    response = client.post(f"/written-themes/{theme.pk}/rename/", {"name": "  Play   equipment "})
    assert response.status_code == 302
    assert response["Location"] == f"{_themes_page(theme)}#theme-{theme.pk}"
    theme.refresh_from_db()
    assert theme.name == "Play equipment"
    assert _edits(theme).exists()
    assert "Play equipment" in client.get(_themes_page(theme)).content.decode()


def test_a_blank_name_is_refused(world, signed_in, run):
    theme = theme_with(run, SWINGS)
    response = signed_in(world.member).post(f"/written-themes/{theme.pk}/rename/", {"name": "  "})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in page
    assert "Enter a name for the theme" in page
    assert Theme.objects.get(pk=theme.pk).name == theme.name


# --- merge ---------------------------------------------------------------------------------------


def test_merging_asks_which_themes_then_to_confirm_then_merges(world, signed_in, run):
    theme, other = theme_with(run, SWINGS), theme_with(run, LITTER)
    client = signed_in(world.member)
    url = f"/written-themes/{theme.pk}/merge/"
    choosing = client.get(url).content.decode()
    assert 'type="checkbox"' in choosing
    assert other.name in choosing
    confirming = client.post(url, {"others": [other.pk]}).content.decode()
    assert "Merge these themes?" in confirming
    assert Theme.objects.filter(pk=other.pk).exists()  # nothing merged before confirming
    answers = set(ThemeAnswer.objects.filter(theme=other).values_list("pk", flat=True))
    response = client.post(url, {"others": [other.pk], "confirmed": "yes"})
    assert response.status_code == 302
    assert not Theme.objects.filter(pk=other.pk).exists()
    assert answers <= set(ThemeAnswer.objects.filter(theme=theme).values_list("pk", flat=True))
    assert _edits(theme).filter(detail__change="merge").exists()


@pytest.mark.parametrize(
    ("others", "message"),
    [([], "Select at least one theme to merge into this one"), (["999999"], "Select themes")],
)
def test_merging_without_a_theme_from_the_list_is_refused(world, signed_in, run, others, message):
    theme = theme_with(run, SWINGS)
    count = Theme.objects.filter(run=run).count()
    response = signed_in(world.member).post(
        f"/written-themes/{theme.pk}/merge/", {"others": others, "confirmed": "yes"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in page
    assert message in page
    assert Theme.objects.filter(run=run).count() == count


def test_a_theme_cannot_be_merged_with_itself(world, signed_in, run):
    theme = theme_with(run, SWINGS)
    response = signed_in(world.member).post(
        f"/written-themes/{theme.pk}/merge/", {"others": [theme.pk], "confirmed": "yes"}
    )
    assert "Select themes from the list" in response.content.decode()
    assert Theme.objects.filter(pk=theme.pk).exists()


# --- split ---------------------------------------------------------------------------------------


def test_splitting_asks_to_confirm_then_makes_two_themes(world, signed_in, run):
    theme = theme_with(run, SWINGS)
    before = ThemeAnswer.objects.filter(theme=theme).count()
    client = signed_in(world.member)
    url = f"/written-themes/{theme.pk}/split/"
    assert "Split this theme in two?" in client.get(url).content.decode()
    earlier = set(Theme.objects.filter(run=run).values_list("pk", flat=True))
    response = client.post(url)
    assert response.status_code == 302
    (new,) = Theme.objects.filter(run=run).exclude(pk__in=earlier)
    sizes = [ThemeAnswer.objects.filter(theme=part).count() for part in (theme, new)]
    assert sum(sizes) == before
    assert all(sizes)
    page = client.get(_themes_page(theme)).content.decode()
    assert Theme.objects.get(pk=theme.pk).name in page
    assert new.name in page


def test_a_theme_too_small_to_split_is_refused_with_a_message(world, signed_in, run):
    theme = theme_with(run, SWINGS)
    lonely = Theme.objects.create(run=run, position=9, name="Just one")
    ThemeAnswer.objects.filter(theme=theme, answer__text=SWINGS).update(theme=lonely)
    response = signed_in(world.member).post(f"/written-themes/{lonely.pk}/split/")
    page = response.content.decode()
    assert 'class="govuk-error-summary"' in page
    assert "This theme has too few answers to split" in page
    assert Theme.objects.filter(run=run).count() == 4


# --- see all answers and move one ---------------------------------------------------------------


def test_all_of_a_themes_answers_are_listed_each_with_where_it_can_move(world, signed_in, run):
    theme, other = theme_with(run, SWINGS), theme_with(run, LITTER)
    page = signed_in(world.member).get(f"/written-themes/{theme.pk}/").content.decode()
    for placed in ThemeAnswer.objects.filter(theme=theme).select_related("answer"):
        assert placed.answer.text.replace("'", "&#x27;") in page
        assert f'action="/written-themes/answers/{placed.pk}/move/"' in page
    assert f'<option value="{other.pk}">' in page
    assert f'<option value="{theme.pk}">' not in page


def test_the_answers_come_a_page_at_a_time(world, signed_in, run, monkeypatch):
    monkeypatch.setattr(views, "ANSWERS_PAGE_SIZE", 2)
    theme = theme_with(run, SWINGS)
    client = signed_in(world.member)
    first = client.get(f"/written-themes/{theme.pk}/").content.decode()
    second = client.get(f"/written-themes/{theme.pk}/?page=2").content.decode()
    assert first.count("/move/") == 2
    assert 'rel="next"' in first
    assert 'rel="prev"' in second


def test_moving_an_answer_puts_it_in_the_chosen_theme(world, signed_in, run):
    theme, other = theme_with(run, SWINGS), theme_with(run, LITTER)
    placed = ThemeAnswer.objects.get(run=run, answer__text=SWINGS)
    response = signed_in(world.member).post(
        f"/written-themes/answers/{placed.pk}/move/", {"to": other.pk, "page": "1"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/written-themes/{theme.pk}/?page=1"
    placed.refresh_from_db()
    assert placed.theme_id == other.pk
    assert placed.moved
    assert _edits(other).filter(detail__change="move answer").exists()


@pytest.mark.parametrize(
    ("to", "message"),
    [("", "Choose the theme to move the answer to"), ("other run", "Choose a theme from the list")],
)
def test_moving_an_answer_nowhere_or_out_of_the_run_is_refused(world, signed_in, run, to, message):
    theme = theme_with(run, SWINGS)
    placed = ThemeAnswer.objects.get(run=run, answer__text=SWINGS)
    if to == "other run":
        elsewhere = make_consultation(council=world.council_a)
        other_run = ThemeRun.objects.create(consultation=elsewhere, status="done")
        to = str(Theme.objects.create(run=other_run, name="Elsewhere").pk)
    response = signed_in(world.member).post(
        f"/written-themes/answers/{placed.pk}/move/", {"to": to}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert f'href="#move-{placed.pk}"' in page
    assert message in page
    placed.refresh_from_db()
    assert placed.theme_id == theme.pk


# --- reviewed ------------------------------------------------------------------------------------


def test_a_theme_is_marked_as_reviewed_and_not_reviewed(world, signed_in, run):
    theme = theme_with(run, SWINGS)
    client = signed_in(world.member)
    url = f"/written-themes/{theme.pk}/reviewed/"
    response = client.post(url, {"reviewed": "yes"})
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.reviewed_at is not None
    assert theme.reviewed_by == world.member
    assert "Mark as not reviewed" in client.get(_themes_page(theme)).content.decode()
    client.post(url, {"reviewed": "no"})
    theme.refresh_from_db()
    assert theme.reviewed_at is None


def test_a_review_button_that_says_neither_is_refused_in_words_on_the_themes_page(
    world, signed_in, run
):
    theme = theme_with(run, SWINGS)
    response = signed_in(world.member).post(
        f"/written-themes/{theme.pk}/reviewed/", {"reviewed": "maybe"}, follow=True
    )
    assert response.status_code == 200
    assert "Choose whether the theme has been reviewed" in response.content.decode()
    assert Theme.objects.get(pk=theme.pk).reviewed_at is None


def test_moving_an_answer_out_marks_both_themes_as_not_reviewed(world, signed_in, run):
    theme, other = theme_with(run, SWINGS), theme_with(run, LITTER)
    client = signed_in(world.member)
    for reviewed in (theme, other):
        client.post(f"/written-themes/{reviewed.pk}/reviewed/", {"reviewed": "yes"})
    placed = ThemeAnswer.objects.get(run=run, answer__text=SWINGS)
    client.post(f"/written-themes/answers/{placed.pk}/move/", {"to": other.pk})
    assert not Theme.objects.filter(pk__in=[theme.pk, other.pk], reviewed_at__isnull=False)


# --- under a "you said" theme -------------------------------------------------------------------


def test_a_theme_is_put_under_a_you_said_theme_and_taken_out(world, consultation, signed_in, run):
    theme = theme_with(run, SWINGS)
    you_said = FeedbackTheme.objects.create(
        consultation=consultation, title_en="Better play areas", summary_en="Fix the swings"
    )
    client = signed_in(world.member)
    url = f"/written-themes/{theme.pk}/you-said/"
    assert "Better play areas" in client.get(url).content.decode()
    assert client.post(url, {"you_said": you_said.pk}).status_code == 302
    assert Theme.objects.get(pk=theme.pk).you_said == you_said
    assert "Better play areas" in client.get(_themes_page(theme)).content.decode()
    client.post(url, {"you_said": ""})
    assert Theme.objects.get(pk=theme.pk).you_said is None


def test_a_you_said_theme_of_another_consultation_is_refused(world, signed_in, run):
    theme = theme_with(run, SWINGS)
    elsewhere = FeedbackTheme.objects.create(
        consultation=make_consultation(council=world.council_a), title_en="Other", summary_en="x"
    )
    response = signed_in(world.member).post(
        f"/written-themes/{theme.pk}/you-said/", {"you_said": elsewhere.pk}
    )
    page = response.content.decode()
    assert 'class="govuk-error-summary"' in page
    assert "Choose a “you said” theme from the list" in page
    assert Theme.objects.get(pk=theme.pk).you_said is None


# --- themes replaced by a newer run, and who may change them ------------------------------------


def test_themes_replaced_by_a_newer_run_are_not_changed(world, consultation, signed_in, run):
    theme = theme_with(run, SWINGS)
    ThemeRun.objects.create(consultation=consultation, status=ThemeRun.Status.DONE)
    response = signed_in(world.member).post(
        f"/written-themes/{theme.pk}/rename/", {"name": "Too late"}
    )
    assert response.status_code == 302
    assert response["Location"] == _themes_page(theme)
    assert Theme.objects.get(pk=theme.pk).name != "Too late"


def _urls(run):
    theme = theme_with(run, SWINGS)
    placed = ThemeAnswer.objects.get(run=run, answer__text=SWINGS)
    return [
        f"/written-themes/{theme.pk}/",
        f"/written-themes/{theme.pk}/rename/",
        f"/written-themes/{theme.pk}/merge/",
        f"/written-themes/{theme.pk}/split/",
        f"/written-themes/{theme.pk}/reviewed/",
        f"/written-themes/{theme.pk}/you-said/",
        f"/written-themes/answers/{placed.pk}/move/",
    ]


def _unchanged(run):
    return list(
        Theme.objects.filter(run=run).values_list("pk", "name", "reviewed_at", "you_said")
    ), list(ThemeAnswer.objects.filter(run=run).values_list("pk", "theme"))


@pytest.mark.parametrize("who", ["outsider", "programme"])
def test_outsiders_get_404_and_change_nothing(world, signed_in, run, who):
    client = signed_in(getattr(world, who))
    before = _unchanged(run)
    other = theme_with(run, LITTER)
    for url in _urls(run):
        assert client.get(url).status_code == 404, url
        data = {"name": "x", "others": [other.pk], "confirmed": "yes", "reviewed": "yes"}
        assert client.post(url, {**data, "to": other.pk}).status_code == 404, url
    assert _unchanged(run) == before


@pytest.mark.parametrize("role", ["elected-member", "safeguarding-lead"])
def test_members_who_may_not_edit_get_403_and_change_nothing(world, signed_in, run, role):
    person = (
        make_safeguarding_lead(world.council_a)
        if role == "safeguarding-lead"
        else make_user(role=role, council=world.council_a)
    )
    client = signed_in(person)
    before = _unchanged(run)
    other = theme_with(run, LITTER)
    for url in _urls(run):
        assert client.get(url).status_code == 403, url
        data = {"name": "x", "others": [other.pk], "confirmed": "yes", "reviewed": "yes"}
        assert client.post(url, {**data, "to": other.pk}).status_code == 403, url
    assert _unchanged(run) == before
