"""An enquiry travels from the public form to the programme team's queue."""

from collections.abc import Callable

import pytest
from django.core import mail
from playwright.sync_api import expect

from childrights.testing.browser import Visitor
from childrights.testing.factories import make_device, make_user

pytestmark = pytest.mark.browser


def test_an_enquiry_reaches_the_programme_teams_queue(
    visitor: Visitor, language: str, t: Callable[[str], str], reference_data: None
) -> None:
    visitor.start("/join/", language)
    page = visitor.page
    visitor.submit(t("Send enquiry"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text(t("Enter the name of your organisation"))
    expect(summary).to_contain_text(t("Agree to be contacted so that we can reply"))

    page.get_by_label(t("Organisation"), exact=True).fill("Cardiff Council")
    page.get_by_label(t("Council"), exact=True).select_option(label="Cardiff")
    page.get_by_label(t("Your name")).fill("Rhian Jones")
    page.get_by_label(t("Your role")).fill("Head of children's services")
    page.get_by_label(t("Email address")).fill("rhian@cardiff.example")
    page.get_by_label(t("Your message")).fill("We would like to join.")
    page.get_by_label(t("I agree to the programme team contacting me about this enquiry")).check()
    visitor.submit(t("Send enquiry"))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Enquiry sent"))
    assert [message.to for message in mail.outbox] == [["rhian@cardiff.example"]]

    # A member of the programme team, signed in on this browser (signing in with the form and
    # the code, and the team's list of councils it opens, are checked in test_staff_pages).
    team = make_user(role="programme-team", preferred_language=language)
    make_device(user=team)
    visitor.sign_in_as(team)
    visitor.goto("/manage/enquiries/")
    visitor.follow(page.get_by_role("link", name="Cardiff Council"))
    page.get_by_label(t("Contacted")).check()
    page.get_by_label(t("Add a note")).fill("Called Rhian.")
    visitor.submit(t("Save"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        t("The enquiry has been updated.")
    )
    expect(page.locator(".govuk-inset-text")).to_contain_text("Called Rhian.")
