"""Every page of a council's own directory and local offer, and the public "this is wrong" form,
as the council's staff and the public meet them, in English and in Welsh; axe checks each."""

from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from childrights.councils.demo import demo_council
from childrights.directory.demo.services import directory_demo_load
from childrights.directory.models import Entitlement, Service
from childrights.testing.browser import Visitor
from childrights.testing.factories import make_user

pytestmark = pytest.mark.browser


def test_the_directory_staff_pages_and_the_wrong_information_form_pass_the_check(
    visitor: Visitor, language: str, t: Callable[[str], str]
) -> None:
    directory_demo_load()
    council = demo_council()
    service = Service.objects.filter(council=council, is_published=True).first()
    entitlement = Entitlement.objects.filter(offer__council=council).first()
    assert service is not None
    assert entitlement is not None
    place = service.at_locations.first()
    opening_time = service.opening_times.first()
    contact = service.contacts.first()
    assert place is not None
    assert opening_time is not None
    assert contact is not None
    page = visitor.page

    visitor.start(f"/services/{service.pk}/", language)
    visitor.follow(page.get_by_role("link", name=t("Tell us what is wrong with this information")))
    page.get_by_role("textbox").fill("The phone number on this page is not answered any more.")
    visitor.submit(t("Send"))
    expect(page.locator("h1")).to_be_visible()

    visitor.sign_in_as(make_user(role="council-staff", council=council))
    staff = f"/councils/{council.pk}/"
    for path in (
        f"{staff}services/",
        f"{staff}services/new/",
        f"{staff}services/suggestions/",
        f"{staff}services/{service.pk}/edit/",
        f"{staff}services/{service.pk}/history/",
        f"{staff}services/{service.pk}/",
        f"{staff}services/{service.pk}/places/new/",
        f"{staff}services/{service.pk}/places/choose/",
        f"{staff}services/{service.pk}/places/{place.location_id}/",
        f"{staff}services/{service.pk}/places/{place.location_id}/remove/",
        f"{staff}services/{service.pk}/opening-times/add/",
        f"{staff}services/{service.pk}/opening-times/{opening_time.pk}/",
        f"{staff}services/{service.pk}/opening-times/{opening_time.pk}/remove/",
        f"{staff}services/{service.pk}/contacts/add/",
        f"{staff}services/{service.pk}/contacts/{contact.pk}/",
        f"{staff}services/{service.pk}/contacts/{contact.pk}/remove/",
        f"{staff}services/{service.pk}/unpublish/",
        f"{staff}services/{service.pk}/checked/",
        f"{staff}directory/import/",
        f"{staff}local-offer/edit/",
        f"{staff}local-offer/edit/details/",
        f"{staff}local-offer/edit/publish/",
        f"{staff}local-offer/edit/entitlements/add/",
        f"{staff}local-offer/edit/entitlements/{entitlement.pk}/",
        f"{staff}local-offer/edit/entitlements/{entitlement.pk}/remove/",
    ):
        response = visitor.goto(path)
        assert response.status == 200, path
    visitor.goto(f"{staff}services/{service.pk}/opening-times/add/")
    page.get_by_label(t("Saturday")).check()
    page.get_by_label(t("Opens")).fill("10:00")
    page.get_by_label(t("Closes")).fill("09:00")
    visitor.submit(t("Save"))
    expect(
        page.get_by_text(t("The closing time must be after the opening time")).first
    ).to_be_visible()
    page.get_by_label(t("Closes")).fill("12:30")
    visitor.submit(t("Save"))
    expect(page.get_by_text(t("The opening time has been added."))).to_be_visible()
    visitor.goto(f"{staff}services/{service.pk}/history/")
    saturday = t("%(day)s %(opens)s–%(closes)s") % {
        "day": t("Saturday"),
        "opens": "10:00",
        "closes": "12:30",
    }
    expect(page.get_by_text(t("%(what)s added") % {"what": saturday})).to_be_visible()
    visitor.goto(f"{staff}services/suggestions/")
    expect(
        page.get_by_text("The phone number on this page is not answered any more.")
    ).to_be_visible()
