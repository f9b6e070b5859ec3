"""Every staff page, opened by someone allowed to see it, in English and Welsh: each one passes
the accessibility check (the visitor runs axe on every page it loads)."""

from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from childrights.accounts.models import Membership
from childrights.framework.models import Indicator
from childrights.outcomes.models import Round
from childrights.poverty.models import Dataset, Measure
from childrights.programme.models import BaselineFact, Enquiry, Partnership, Pilot
from childrights.programme.seed import programme_seed_load
from childrights.testing.auth import current_code
from childrights.testing.browser import Visitor
from childrights.testing.factories import (
    PASSWORD,
    make_council,
    make_device,
    make_enquiry,
    make_user,
)

pytestmark = pytest.mark.browser


def _sign_in(visitor: Visitor, t: Callable[[str], str], user, device) -> None:
    page = visitor.page
    visitor.goto("/sign-in/")
    page.get_by_label(t("Email address"), exact=True).fill(user.email)
    page.get_by_label(t("Password"), exact=True).fill(PASSWORD)
    visitor.submit(t("Sign in"))
    page.get_by_label(t("Code from your authenticator app")).fill(current_code(device))
    visitor.submit(t("Continue"))


def test_the_programme_teams_pages_are_accessible(
    visitor: Visitor, language: str, t: Callable[[str], str], reference_data: None
) -> None:
    programme_seed_load()
    make_enquiry()
    team = make_user(role="programme-team", preferred_language=language)
    device = make_device(user=team)
    visitor.start("/", language)
    _sign_in(visitor, t, team, device)
    partnership = Partnership.objects.get(slug="leeds")
    for path in [
        "/audit/",
        "/audit/?date_from_day=20&date_from_month=11&date_from_year=2026"
        "&date_to_day=1&date_to_month=11&date_to_year=2026",
        "/account/",
        "/account/password/",
        "/account/two-factor/",
        "/manage/",
        f"/manage/partnerships/{partnership.pk}/",
        f"/manage/partnerships/{partnership.pk}/pilots/add/",
        f"/manage/pilots/{Pilot.objects.filter(partnership=partnership).first().pk}/",
        f"/manage/partnerships/{partnership.pk}/figures/add/",
        f"/manage/figures/{BaselineFact.objects.filter(partnership=partnership).first().pk}/",
        "/manage/partnerships/add/",
        "/manage/enquiries/",
        f"/manage/enquiries/{Enquiry.objects.first().pk}/",
        "/manage/principles/participation/",
        f"/manage/indicators/{Indicator.objects.first().pk}/",
    ]:
        response = visitor.goto(path)
        assert response.status == 200, path
    expect(visitor.page.locator("html")).to_have_attribute(
        "lang", "cy" if language == "cy" else "en"
    )


def test_a_council_leads_pages_are_accessible(
    visitor: Visitor, language: str, reference_data: None
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    lead = make_user(role="council-lead", council=council, preferred_language=language)
    colleague = make_user(role="council-staff", council=council)
    make_device(user=lead)
    measure = Measure.objects.create(
        council=council,
        name="A measure",
        definition={
            "k": 0.5,
            "dimensions": [
                {
                    "slug": "play",
                    "label": "Play",
                    "weight": None,
                    "indicators": [
                        {
                            "slug": "safe-play",
                            "label": "Safe place to play",
                            "column": "safe_place_to_play",
                            "rule": "lacks",
                            "threshold": None,
                            "categories": [],
                            "missing": "deprived",
                            "inclusive": False,
                            "age_groups": [],
                        }
                    ],
                }
            ],
        },
    )
    dataset = Dataset.objects.create(
        council=council,
        name="Census",
        file="poverty/none.csv",
        format="csv",
        row_count=1,
        fingerprint="0" * 64,
    )
    open_round = Round.objects.create(
        council=council, name="Baseline", kind="baseline", held_on="2026-01-01"
    )
    # Signed in already: the programme team's test above signs in with the form and the code.
    visitor.sign_in_as(lead)
    response = visitor.start("/councils/", language)
    assert response.status == 200, "/councils/"
    membership = Membership.objects.get(user=colleague)
    for path in [
        f"/councils/{council.pk}/team/",
        f"/councils/{council.pk}/team/add/",
        f"/memberships/{membership.pk}/remove/",
        f"/councils/{council.pk}/poverty/",
        f"/poverty/measures/{measure.pk}/edit/",
        f"/poverty/data/{dataset.pk}/delete/",
        f"/councils/{council.pk}/self-assessment/",
        f"/councils/{council.pk}/self-assessment/new/",
        f"/self-assessment/{open_round.pk}/close/",
    ]:
        response = visitor.goto(path)
        assert response.status == 200, path
