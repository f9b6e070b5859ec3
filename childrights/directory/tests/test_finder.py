"""The public finder and service pages: what a young person can find, and what they never see."""

import datetime
import uuid
from typing import Any

import pytest
from django.http import Http404

from childrights.councils.models import Council
from childrights.directory import selectors
from childrights.directory.models import (
    Location,
    Need,
    OpeningTime,
    Organisation,
    Service,
    ServiceAtLocation,
    Taxonomy,
)
from childrights.directory.services import services_search_refresh
from childrights.framework.models import Article
from childrights.testing.factories import make_council

HIDDEN_ADDRESS = "12 Secret Lane"


def make_need(**overrides: Any) -> Need:
    taxonomy, _ = Taxonomy.objects.get_or_create(slug="finder-needs", defaults={"name": "Needs"})
    fields = {"taxonomy": taxonomy, "code": f"need-{uuid.uuid4().hex[:8]}", "name_en": "A need"}
    return Need.objects.create(**(fields | overrides))


def make_service(*, council: Council, **overrides: Any) -> Service:
    needs = overrides.pop("needs", [])
    articles = overrides.pop("articles", [])
    town = overrides.pop("town", "Aberfield")
    hidden = overrides.pop("address_hidden", False)
    organisation = Organisation.objects.create(council=council, name="Youth Trust")
    fields = {
        "council": council,
        "organisation": organisation,
        "name_en": "Drop-in",
        "description_en": "A place to go.",
        "is_published": True,
    }
    service = Service.objects.create(**(fields | overrides))
    service.needs.set(needs)
    service.articles.set(articles)
    # Written around service_create, so its search field is written as that would.
    services_search_refresh(Service.objects.filter(pk=service.pk))
    location = Location.objects.create(
        council=council,
        name="The Hub",
        address=HIDDEN_ADDRESS if hidden else "1 High Street",
        town=town,
        postcode="AB1 2CD",
        address_hidden=hidden,
        getting_there_en="Bus 7 to the square.",
    )
    ServiceAtLocation.objects.create(service=service, location=location)
    return service


@pytest.fixture
def council(db) -> Council:
    return make_council(name="Aberfield City Council", short_name="Aberfield")


@pytest.fixture
def other_council(db) -> Council:
    return make_council(name="Bramley District Council", short_name="Bramley")


def names(found: Any) -> set[str]:
    return {service.name_en for service in found}


# --- selectors ------------------------------------------------------------------------------


def test_only_published_running_services_are_found(council):
    make_service(council=council, name_en="Open")
    make_service(council=council, name_en="Closed for now", status="temporarily closed")
    make_service(council=council, name_en="Draft", is_published=False)
    make_service(council=council, name_en="Gone", status="defunct")
    make_service(council=council, name_en="Stopped", status="inactive")
    assert names(selectors.services_found()) == {"Open", "Closed for now"}


def test_a_council_finds_only_its_own_services(council, other_council):
    make_service(council=council, name_en="Ours")
    make_service(council=other_council, name_en="Theirs")
    assert names(selectors.services_found(council=council)) == {"Ours"}
    assert names(selectors.services_found()) == {"Ours", "Theirs"}


def test_words_match_names_descriptions_and_needs_in_either_language(council):
    housing = make_need(name_en="Somewhere to live", keywords_en="flat, homeless")
    money = make_need(name_en="Money", name_cy="Arian")
    make_service(council=council, name_en="Housing advice", needs=[housing])
    make_service(council=council, name_en="Budget club", needs=[money])
    make_service(council=council, name_en="Cymorth", description_cy="Lle i siarad")
    assert names(selectors.services_found(text="HOMELESS")) == {"Housing advice"}
    assert names(selectors.services_found(text="somewhere to live")) == {"Housing advice"}
    assert names(selectors.services_found(text="arian")) == {"Budget club"}
    assert names(selectors.services_found(text="siarad")) == {"Cymorth"}
    assert names(selectors.services_found(text="help with a flat")) == {"Housing advice"}
    assert not selectors.services_found(text="swimming")


def test_a_service_meeting_two_matching_needs_is_found_once(council):
    one = make_need(name_en="Feeling low")
    two = make_need(name_en="Feeling worried")
    make_service(council=council, name_en="Talking space", needs=[one, two])
    assert len(selectors.services_found(text="feeling")) == 1


def test_age_must_fall_within_the_service_ages_where_it_sets_them(council):
    make_service(council=council, name_en="Teens", minimum_age=13, maximum_age=19)
    make_service(council=council, name_en="Care leavers", minimum_age=16, maximum_age=25)
    make_service(council=council, name_en="Anyone")
    make_service(council=council, name_en="Under 11s", maximum_age=11)
    assert names(selectors.services_found(age=13)) == {"Teens", "Anyone"}
    assert names(selectors.services_found(age=21)) == {"Care leavers", "Anyone"}
    assert names(selectors.services_found(age=8)) == {"Anyone", "Under 11s"}
    assert names(selectors.services_found(age=19)) == {"Teens", "Care leavers", "Anyone"}


def test_a_need_finds_its_services_and_those_of_narrower_needs(council):
    health = make_need(name_en="Health")
    mental = make_need(name_en="Mental health", parent=health)
    make_service(council=council, name_en="Clinic", needs=[health])
    make_service(council=council, name_en="Counselling", needs=[mental])
    make_service(council=council, name_en="Football")
    assert names(selectors.services_found(need=health)) == {"Clinic", "Counselling"}
    assert names(selectors.services_found(need=mental)) == {"Counselling"}


def test_town_free_referral_and_welsh_filters(council):
    make_service(council=council, name_en="Town free", town="Llanfair")
    make_service(council=council, name_en="Paid", is_free=False, town="Llanfair")
    make_service(council=council, name_en="Referred", referral_needed=True)
    make_service(council=council, name_en="Cymraeg", welsh_spoken=True)
    assert names(selectors.services_found(town="llanfair")) == {"Town free", "Paid"}
    assert "Paid" not in names(selectors.services_found(free=True))
    assert "Referred" not in names(selectors.services_found(no_referral=True))
    assert names(selectors.services_found(welsh=True)) == {"Cymraeg"}


def test_open_now_reads_the_opening_times_on_uk_time(council):
    open_evening = make_service(council=council, name_en="Evening club")
    make_service(council=council, name_en="No times")
    # Monday 1 June 2026, 18:30 in London, 17:30 UTC (summer time).
    OpeningTime.objects.create(
        service=open_evening,
        day=OpeningTime.Day.MONDAY,
        opens_at=datetime.time(18, 0),
        closes_at=datetime.time(21, 0),
    )
    monday_evening = datetime.datetime(2026, 6, 1, 17, 30, tzinfo=datetime.UTC)
    monday_afternoon = datetime.datetime(2026, 6, 1, 16, 30, tzinfo=datetime.UTC)
    tuesday_evening = datetime.datetime(2026, 6, 2, 17, 30, tzinfo=datetime.UTC)
    assert names(selectors.services_found(open_now=True, now=monday_evening)) == {"Evening club"}
    assert not selectors.services_found(open_now=True, now=monday_afternoon)
    assert not selectors.services_found(open_now=True, now=tuesday_evening)


def test_a_rights_article_finds_the_services_that_serve_it(council):
    article_12 = Article.objects.get(number=12)
    make_service(council=council, name_en="Youth council", articles=[article_12])
    make_service(council=council, name_en="Other")
    assert names(selectors.services_found(article=12)) == {"Youth council"}


def test_unpublished_and_unknown_services_are_not_found_by_id(council):
    draft = make_service(council=council, is_published=False)
    shown = make_service(council=council)
    assert selectors.published_service_or_404(service_id=shown.pk) == shown
    for service_id in (draft.pk, uuid.uuid4()):
        with pytest.raises(Http404):
            selectors.published_service_or_404(service_id=service_id)


def test_only_shared_needs_are_offered(council):
    shared = make_need(name_en="Shared")
    own = make_need(name_en="Council's own", council=council)
    offered = list(selectors.needs_offered())
    assert shared in offered
    assert own not in offered


# --- pages ----------------------------------------------------------------------------------


def test_the_finder_shows_its_form_and_no_results_before_a_search(client, council):
    make_service(council=council, name_en="Drop-in")
    page = client.get("/services/").content.decode()
    assert "What do you need help with?" in page
    assert "How old are you?" in page
    assert "No need to be referred" in page
    assert "services found" not in page


def test_a_search_lists_who_it_is_for_where_cost_and_referral(client, council):
    need = make_need(name_en="Somewhere to live")
    make_service(
        council=council,
        name_en="Housing advice",
        needs=[need],
        minimum_age=16,
        maximum_age=25,
        who_for_en="Care leavers",
        town="Llanfair",
        referral_needed=True,
    )
    page = client.get("/services/", {"need": str(need.pk), "age": "19"}).content.decode()
    assert "1 service found" in page
    assert "Housing advice" in page
    assert "Ages 16 to 25" in page
    assert "Care leavers" in page
    assert "Llanfair" in page
    assert "Free" in page
    assert "has to refer you" in page


def test_a_hidden_address_is_never_on_the_pages(client, council):
    refuge = make_service(council=council, name_en="Safe place", address_hidden=True)
    results = client.get("/services/", {"q": "safe place"}).content.decode()
    page = client.get(f"/services/{refuge.pk}/").content.decode()
    for html in (results, page):
        assert "Safe place" in html
        assert HIDDEN_ADDRESS not in html
        assert "AB1 2CD" not in html
        assert "The Hub" not in html
        assert "Bus 7" not in html
        assert "Aberfield" in html
    assert "The address is kept private to keep people safe. Ask the service." in page


def test_a_shown_address_and_how_to_get_there_are_on_the_service_page(client, council):
    service = make_service(council=council, name_en="Drop-in")
    page = client.get(f"/services/{service.pk}/").content.decode()
    assert "1 High Street" in page
    assert "Bus 7 to the square." in page


def test_an_unpublished_or_unknown_service_page_is_not_found(client, council):
    draft = make_service(council=council, is_published=False)
    gone = make_service(council=council, status="defunct")
    assert client.get(f"/services/{draft.pk}/").status_code == 404
    assert client.get(f"/services/{gone.pk}/").status_code == 404
    assert client.get(f"/services/{uuid.uuid4()}/").status_code == 404


def test_the_service_page_says_what_it_is_and_which_rights_it_serves(client, council):
    service = make_service(
        council=council,
        name_en="Youth council",
        what_happens_en="You meet other young people on Tuesdays.",
        how_to_ask_en="Just turn up.",
        articles=[Article.objects.get(number=12)],
        phone="01234 567890",
        last_checked_on=datetime.date(2026, 11, 3),
    )
    OpeningTime.objects.create(
        service=service, day=1, opens_at=datetime.time(17, 0), closes_at=datetime.time(19, 0)
    )
    page = client.get(f"/services/{service.pk}/").content.decode()
    assert "You meet other young people on Tuesdays." in page
    assert "Just turn up." in page
    assert "/uncrc/article-12/" in page
    assert "Tuesday: 17:00 to 19:00" in page
    assert 'href="tel:01234567890"' in page
    assert "3 November 2026" in page


@pytest.mark.parametrize(
    ("age", "message"),
    [
        ("fifteen", "Enter your age as a number, like 15"),
        ("-3", "Enter your age as a number, like 15"),
        ("40", "These services are for people aged 25 or under"),
    ],
)
def test_a_bad_age_gets_a_clear_message_and_no_results(client, council, age, message):
    make_service(council=council)
    page = client.get("/services/", {"age": age}).content.decode()
    assert "There is a problem" in page
    assert message in page
    assert 'href="#id_age"' in page
    assert "services found" not in page


def test_nothing_found_says_what_to_try_next(client, council):
    make_service(council=council, name_en="Drop-in")
    page = client.get("/services/", {"q": "trampolines"}).content.decode()
    assert "0 services found" in page
    assert "untick some of the boxes" in page
    assert 'href="/get-help/"' in page


def test_filters_on_the_page_narrow_the_results(client, council, other_council):
    make_service(council=council, name_en="Ours free", welsh_spoken=True)
    make_service(council=council, name_en="Ours paid", is_free=False)
    make_service(council=other_council, name_en="Theirs", town="Bramley")
    by_council = client.get("/services/", {"council": str(council.pk)}).content.decode()
    assert "Ours free" in by_council
    assert "Theirs" not in by_council
    by_town = client.get("/services/", {"town": "bramley"}).content.decode()
    assert "Theirs" in by_town
    assert "Ours free" not in by_town
    free = client.get("/services/", {"free": "on"}).content.decode()
    assert "Ours paid" not in free
    assert "Ours free" in free
    welsh = client.get("/services/", {"welsh": "on"}).content.decode()
    assert "1 service found" in welsh
    assert "Ours free" in welsh


def test_a_rights_page_link_narrows_the_finder_to_its_article(client, council):
    make_service(
        council=council, name_en="Youth council", articles=[Article.objects.get(number=12)]
    )
    make_service(council=council, name_en="Other")
    page = client.get("/services/", {"article": "12"}).content.decode()
    assert "Youth council" in page
    assert "Other" not in page
    assert "Article 12" in page
    # A number that is not an article narrows nothing.
    anything = client.get("/services/", {"article": "99x"}).content.decode()
    assert "2 services found" in anything


def test_welsh_pages_show_the_welsh_words(client, council):
    need = make_need(name_en="Money", name_cy="Arian")
    service = make_service(
        council=council,
        name_en="Budget club",
        name_cy="Clwb cyllideb",
        description_en="Learn to budget.",
        description_cy="Dysgu cyllidebu.",
        needs=[need],
    )
    client.cookies["language"] = "cy"
    results = client.get("/services/", {"need": str(need.pk)}).content.decode()
    assert '<html lang="cy"' in results
    assert "Clwb cyllideb" in results
    assert "Dysgu cyllidebu." in results
    assert ">Arian<" in results
    page = client.get(f"/services/{service.pk}/").content.decode()
    assert "Clwb cyllideb" in page
    assert "Budget club" not in page


def test_english_stands_in_marked_where_there_is_no_welsh(client, council):
    make_service(council=council, name_en="Drop-in", description_en="A place to go.")
    client.cookies["language"] = "cy"
    results = client.get("/services/", {"q": "place"}).content.decode()
    assert '<span lang="en">A place to go.</span>' in results


def test_a_search_takes_the_same_queries_however_many_services_it_finds(
    client, council, django_assert_max_num_queries
):
    need = make_need(name_en="Fun")
    make_service(council=council, name_en="First", needs=[need])
    with django_assert_max_num_queries(50) as few:
        client.get("/services/", {"q": "fun"})
    for number in range(6):
        make_service(council=council, name_en=f"More {number}", needs=[need])
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        page = client.get("/services/", {"q": "fun"}).content.decode()
    assert "7 services found" in page
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_service_page_takes_the_same_queries_however_much_it_holds(
    client, council, django_assert_max_num_queries
):
    small = make_service(council=council, name_en="Small")
    big = make_service(
        council=council,
        name_en="Big",
        needs=[make_need(), make_need()],
        articles=list(Article.objects.filter(number__in=[12, 13, 31])),
    )
    for day in range(5):
        OpeningTime.objects.create(
            service=big, day=day, opens_at=datetime.time(9), closes_at=datetime.time(17)
        )
    with django_assert_max_num_queries(50) as few:
        client.get(f"/services/{small.pk}/")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(f"/services/{big.pk}/").status_code == 200


def test_the_finder_is_reached_from_the_home_help_and_rights_pages(client, db):
    assert "/services/" in client.get("/").content.decode()
    assert "/services/" in client.get("/get-help/").content.decode()
    assert "/services/?article=12" in client.get("/uncrc/article-12/").content.decode()


def test_past_the_counted_number_the_finder_says_more_than_and_shows_some(
    client, world, monkeypatch
):
    monkeypatch.setattr(selectors, "COUNTED_UP_TO", 3)
    for name in ("Delta", "Alpha", "Echo", "Charlie", "Bravo"):
        make_service(council=world.council_a, name_en=name)
    page = client.get("/services/", {"q": "place"}).content.decode()
    assert "More than 3 services found" in page
    assert "Here are the first 3 we found, 20 on each page" in page
    assert page.count('class="govuk-summary-card__title"') == 3
    monkeypatch.setattr(selectors, "COUNTED_UP_TO", 5)
    page = client.get("/services/", {"q": "place"}).content.decode()
    assert "5 services found" in page
    assert "More than" not in page
    names = [name for name in ("Alpha", "Bravo", "Charlie", "Delta", "Echo") if name in page]
    assert names == ["Alpha", "Bravo", "Charlie", "Delta", "Echo"]
    assert page.index("Alpha") < page.index("Bravo") < page.index("Echo")
