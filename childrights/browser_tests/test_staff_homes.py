"""Each role, once signed in, lands on its home and reaches its waiting work in one click, in
English and in Welsh, with axe on every page: a safeguarding lead to a concern waiting for a
decision, an accountable officer to an assessment awaiting sign-off, a team manager to an
overdue answer; the programme team searches its list of councils."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from childrights.assessments.models import Assessment
from childrights.core.actors import Actor
from childrights.myviews import services as myviews_services
from childrights.myviews.models import Meeting
from childrights.participation.models import Concern
from childrights.testing.assessments import make_assessment
from childrights.testing.browser import Visitor
from childrights.testing.factories import make_council, make_user
from childrights.testing.myviews import make_care_world, make_sent_statement
from childrights.testing.participation import make_consultation, make_response

pytestmark = pytest.mark.browser

WORDS = "The swings are fine but my stepdad hits me and I am scared to go home"


def _open_waiting(visitor: Visitor, language: str, t: Callable[[str], str], url: str) -> None:
    visitor.start("/councils/", language)
    page = visitor.page
    expect(page.get_by_role("heading", name=t("Waiting for you"))).to_be_visible()
    visitor.follow(page.locator(f'main a[href="{url}"]').first)
    expect(page).to_have_url(visitor.url(url))


def test_a_safeguarding_lead_goes_from_home_to_a_waiting_concern(
    visitor: Visitor, language: str, t: Callable[[str], str]
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    consultation = make_consultation(council=council)
    make_response(consultation=consultation, text=WORDS)
    lead = consultation.safeguarding_lead
    assert lead is not None
    visitor.sign_in_as(lead)
    _open_waiting(visitor, language, t, reverse("participation:concerns", args=[council.pk]))
    title = "Ein parciau" if language == "cy" else "Our parks"
    table = visitor.page.locator("main table")
    expect(table).to_contain_text(title)
    visitor.follow(table.get_by_role("link").first)
    expect(visitor.page).to_have_url(visitor.url(f"/concerns/{Concern.objects.get().pk}/"))
    expect(visitor.page.get_by_role("main")).to_contain_text(title)


def test_an_accountable_officer_goes_from_home_to_an_assessment_awaiting_sign_off(
    visitor: Visitor, language: str, t: Callable[[str], str]
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    officer = make_user(role="accountable-officer", council=council)
    assessment = make_assessment(
        council=council, state=Assessment.State.AWAITING_SIGN_OFF, title="Play parks"
    )
    visitor.sign_in_as(officer)
    _open_waiting(visitor, language, t, reverse("assessments:sign_off", args=[assessment.pk]))
    expect(visitor.page.get_by_role("main")).to_contain_text("Play parks")


def test_a_team_manager_goes_from_home_to_an_overdue_answer(
    visitor: Visitor, language: str, t: Callable[[str], str]
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    care = make_care_world(council)
    held = myviews_services.meeting_add(
        actor=Actor(person=care.social_worker),
        child=care.child,
        kind="review",
        on=timezone.localdate() + timedelta(days=1),
    )
    make_sent_statement(care)
    Meeting.objects.filter(pk=held.pk).update(on=timezone.localdate() - timedelta(days=60))
    visitor.sign_in_as(care.manager)
    _open_waiting(visitor, language, t, reverse("myviews:children", args=[council.pk]))
    expect(visitor.page.get_by_role("main")).to_contain_text(care.child.chosen_name)


def test_the_programme_team_searches_its_councils(
    visitor: Visitor, language: str, t: Callable[[str], str]
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    visitor.sign_in_as(make_user(role="programme-team"))
    visitor.start("/councils/", language)
    page = visitor.page
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Councils"))
    page.get_by_label(t("Council name or GSS code")).fill("aberfeild")
    visitor.submit(t("Search councils"))
    visitor.follow(page.get_by_role("link", name="Aberfield City Council"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Aberfield City Council")
    expect(page).to_have_url(visitor.url(reverse("accounts:council_home", args=[council.pk])))
