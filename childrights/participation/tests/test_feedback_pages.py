"""You said, we did pages: staff write the answer back; children read what is published."""

import datetime

import pytest
from django.utils import timezone

from childrights.core.models import AuditEvent
from childrights.participation import tallies
from childrights.participation.models import (
    Answer,
    Commitment,
    CommitmentUpdate,
    Consultation,
    FeedbackTheme,
    Quote,
)
from childrights.testing.dates import date_parts
from childrights.testing.factories import make_user
from childrights.testing.participation import make_consultation, make_response

NOW = timezone.now()
TODAY = timezone.localdate()


@pytest.fixture
def theme(consultation):
    return FeedbackTheme.objects.create(
        consultation=consultation,
        title_en="Safer parks",
        title_cy="Parciau mwy diogel",
        summary_en="You told us the parks feel dark.",
        summary_cy="Dywedoch chi fod y parciau'n teimlo'n dywyll.",
    )


@pytest.fixture
def commitment(consultation, theme):
    return Commitment.objects.create(
        consultation=consultation,
        theme=theme,
        text_en="We will put lights in Riverside park.",
        text_cy="Byddwn yn rhoi goleuadau ym mharc Glan yr afon.",
    )


def _staff_urls(consultation, theme, commitment):
    return [
        f"/consultations/{consultation.pk}/feedback/",
        f"/consultations/{consultation.pk}/feedback/themes/new/",
        f"/consultations/{consultation.pk}/feedback/commitments/new/",
        f"/consultations/{consultation.pk}/feedback/publish/",
        f"/feedback/themes/{theme.pk}/",
        f"/feedback/commitments/{commitment.pk}/",
        f"/feedback/commitments/{commitment.pk}/updates/new/",
    ]


def _public(client, consultation):
    return client.get(f"/have-your-say/{consultation.link_key}/you-said-we-did/")


# --- who may do what ------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "post"])
def test_outsiders_get_404_on_every_staff_page(
    world, signed_in, consultation, theme, commitment, method
):
    client = signed_in(world.outsider)
    for url in _staff_urls(consultation, theme, commitment):
        assert getattr(client, method)(url).status_code == 404, url


def test_the_programme_team_outside_the_council_gets_404(
    world, signed_in, consultation, theme, commitment
):
    client = signed_in(world.programme)
    for url in _staff_urls(consultation, theme, commitment):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("method", ["get", "post"])
def test_members_who_may_not_edit_get_403_on_every_page_that_changes_things(
    world, signed_in, consultation, theme, commitment, method
):
    reader = make_user(role="elected-member", council=world.council_a)
    client = signed_in(reader)
    for url in _staff_urls(consultation, theme, commitment)[1:]:
        assert getattr(client, method)(url).status_code == 403, url
    assert not FeedbackTheme.objects.filter(published_at__isnull=False).exists()


def test_members_who_may_not_edit_can_read_the_feedback_page(world, signed_in, consultation, theme):
    reader = make_user(role="elected-member", council=world.council_a)
    page = signed_in(reader).get(f"/consultations/{consultation.pk}/feedback/")
    assert page.status_code == 200
    assert "Safer parks" in page.content.decode()
    assert f"/feedback/themes/{theme.pk}/" not in page.content.decode()


def test_signed_out_people_are_sent_to_sign_in(client, consultation):
    response = client.get(f"/consultations/{consultation.pk}/feedback/")
    assert response.status_code == 302
    assert "/sign-in/" in response["Location"]


# --- staff pages ------------------------------------------------------------------------------


def test_an_officer_adds_a_theme(world, signed_in, consultation):
    client = signed_in(world.member)
    response = client.post(
        f"/consultations/{consultation.pk}/feedback/themes/new/",
        {"title_en": "Toilets", "summary_en": "You want toilets in the park."},
    )
    assert response.status_code == 302
    theme = FeedbackTheme.objects.get(title_en="Toilets")
    assert theme.published_at is None
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.CREATE, object_id=str(theme.pk), actor=world.member
    ).exists()


def test_a_theme_without_english_is_shown_as_an_error(world, signed_in, consultation):
    client = signed_in(world.member)
    response = client.post(f"/consultations/{consultation.pk}/feedback/themes/new/", {})
    assert response.status_code == 200
    assert "Enter the theme in English" in response.content.decode()
    assert not FeedbackTheme.objects.exists()


def test_a_commitment_not_being_done_without_a_reason_is_shown_as_an_error(
    world, signed_in, consultation
):
    client = signed_in(world.member)
    response = client.post(
        f"/consultations/{consultation.pk}/feedback/commitments/new/",
        {"text_en": "We will build a pool.", "status": "not_doing", "reason_en": "Too dear"},
    )
    assert response.status_code == 200
    assert "Enter why the council is not doing this, in Welsh" in response.content.decode()
    assert not Commitment.objects.exists()


def test_an_officer_adds_a_commitment_to_a_theme(world, signed_in, consultation, theme):
    client = signed_in(world.member)
    client.post(
        f"/consultations/{consultation.pk}/feedback/commitments/new/",
        {"theme": theme.pk, "text_en": "We will fix the lights.", "status": "planned"},
    )
    assert Commitment.objects.get().theme == theme


def test_a_commitment_cannot_take_a_theme_from_another_consultation(world, signed_in, consultation):
    other = make_consultation(council=world.council_a, questions=False)
    foreign = FeedbackTheme.objects.create(consultation=other, title_en="X", summary_en="Y")
    client = signed_in(world.member)
    response = client.post(
        f"/consultations/{consultation.pk}/feedback/commitments/new/",
        {"theme": foreign.pk, "text_en": "We will fix the lights.", "status": "planned"},
    )
    assert response.status_code == 200
    assert not Commitment.objects.exists()


def test_an_update_dated_in_the_future_is_shown_as_an_error(world, signed_in, commitment):
    client = signed_in(world.member)
    response = client.post(
        f"/feedback/commitments/{commitment.pk}/updates/new/",
        {
            **date_parts("made_on", (TODAY + datetime.timedelta(days=1)).isoformat()),
            "text_en": "Done early",
            "status": "done",
        },
    )
    assert "The date of the update must be today or in the past" in response.content.decode()
    assert not CommitmentUpdate.objects.exists()


def test_an_officer_edits_a_commitment(world, signed_in, commitment):
    client = signed_in(world.member)
    response = client.post(
        f"/feedback/commitments/{commitment.pk}/",
        {"text_en": "We will put lights in every park.", "text_cy": "", "status": "in_progress"},
    )
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert (commitment.text_en, commitment.status) == (
        "We will put lights in every park.",
        "in_progress",
    )


def test_editing_a_published_theme_needs_its_welsh(world, signed_in, theme):
    theme.published_at = NOW
    theme.save()
    client = signed_in(world.member)
    response = client.post(
        f"/feedback/themes/{theme.pk}/", {"title_en": "Parks", "summary_en": "Dark parks"}
    )
    assert response.status_code == 200
    theme.refresh_from_db()
    assert theme.title_en == "Safer parks"


def test_the_publish_page_asks_first(world, signed_in, consultation, theme):
    client = signed_in(world.member)
    response = client.get(f"/consultations/{consultation.pk}/feedback/publish/")
    assert response.status_code == 200
    theme.refresh_from_db()
    assert theme.published_at is None


def test_publishing_makes_the_feedback_public(world, signed_in, consultation, theme):
    client = signed_in(world.member)
    client.post(f"/consultations/{consultation.pk}/feedback/publish/")
    theme.refresh_from_db()
    assert theme.published_at is not None


def test_publishing_nothing_says_so(world, signed_in, consultation):
    client = signed_in(world.member)
    response = client.post(f"/consultations/{consultation.pk}/feedback/publish/", follow=True)
    assert "There is nothing new to publish." in response.content.decode()


def test_publishing_without_welsh_says_what_is_missing(world, signed_in, consultation):
    FeedbackTheme.objects.create(consultation=consultation, title_en="Toilets", summary_en="Yes")
    client = signed_in(world.member)
    response = client.post(f"/consultations/{consultation.pk}/feedback/publish/", follow=True)
    assert "Nothing was published" in response.content.decode()
    assert "Toilets" in response.content.decode()
    assert not FeedbackTheme.objects.filter(published_at__isnull=False).exists()


def test_the_feedback_page_shows_when_feedback_is_overdue(world, signed_in, consultation):
    long_ago = TODAY - datetime.timedelta(days=200)
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_on=long_ago - datetime.timedelta(days=30),
        closes_on=long_ago,
        status=Consultation.Status.CLOSED,
    )
    page = signed_in(world.member).get(f"/consultations/{consultation.pk}/feedback/")
    assert "Feedback is overdue" in page.content.decode()


def test_the_feedback_page_does_not_call_open_consultations_overdue(world, signed_in, consultation):
    page = signed_in(world.member).get(f"/consultations/{consultation.pk}/feedback/")
    assert "Feedback is overdue" not in page.content.decode()


# --- public pages -----------------------------------------------------------------------------


def _publish(*records):
    for record in records:
        record.published_at = NOW
        record.save()


def test_the_public_page_of_a_draft_consultation_is_404(client, consultation):
    Consultation.objects.filter(pk=consultation.pk).update(status=Consultation.Status.DRAFT)
    assert _public(client, consultation).status_code == 404


def test_an_unknown_link_is_404(client, db):
    assert client.get("/have-your-say/nothing-here/you-said-we-did/").status_code == 404


def test_unpublished_themes_and_commitments_never_appear_publicly(
    client, consultation, theme, commitment
):
    CommitmentUpdate.objects.create(
        commitment=commitment, made_on=TODAY, text_en="Lights ordered", status="in_progress"
    )
    page = _public(client, consultation).content.decode()
    assert "Safer parks" not in page
    assert "Riverside" not in page
    assert "Lights ordered" not in page
    assert "still working on its answer" in page or "should tell you what it is doing" in page


def test_before_anything_is_published_children_are_told_when_to_expect_an_answer(
    client, consultation
):
    Consultation.objects.filter(pk=consultation.pk).update(
        closes_on=datetime.date(2026, 1, 15), status=Consultation.Status.CLOSED
    )
    page = _public(client, consultation).content.decode()
    assert "still working on its answer" in page
    assert "15 April 2026" in page


def test_published_feedback_shows_with_a_status_tag_and_updates_newest_first(
    client, consultation, theme, commitment
):
    CommitmentUpdate.objects.create(
        commitment=commitment,
        made_on=TODAY - datetime.timedelta(days=9),
        text_en="Lights ordered",
        status="in_progress",
    )
    CommitmentUpdate.objects.create(
        commitment=commitment, made_on=TODAY, text_en="Lights switched on", status="done"
    )
    commitment.status = Commitment.Status.DONE
    _publish(theme, commitment)
    page = _public(client, consultation).content.decode()
    assert "Safer parks" in page
    assert "govuk-tag--green" in page
    assert page.index("Lights switched on") < page.index("Lights ordered")


def test_the_public_page_shows_why_the_council_is_not_doing_something(
    client, consultation, commitment
):
    commitment.status = Commitment.Status.NOT_DOING
    commitment.reason_en = "The park is closing"
    _publish(commitment)
    page = _public(client, consultation).content.decode()
    assert "The park is closing" in page
    assert "We are not doing this" in page


def test_the_public_page_is_in_welsh_for_welsh_readers(client, consultation, theme):
    _publish(theme)
    client.cookies["language"] = "cy"
    page = _public(client, consultation).content.decode()
    assert "Parciau mwy diogel" in page


def _children(consultation, number, text=""):
    for _ in range(number):
        make_response(consultation=consultation, text=text)


def _approve_quotes(world, consultation, redacted):
    tallies.fold(consultation)
    for answer in Answer.objects.filter(response__consultation=consultation).exclude(text=""):
        Quote.objects.create(
            answer=answer,
            consultation=consultation,
            status=Quote.Status.APPROVED,
            redacted=redacted,
            decided_by=world.owner,
        )


def test_quotes_are_hidden_when_fewer_than_10_children_took_part(
    world, client, consultation, theme
):
    _children(consultation, 9, text="I like the slide near Hillside school")
    _approve_quotes(world, consultation, "I like the slide near [school]")
    _publish(theme)
    page = _public(client, consultation).content.decode()
    assert "I like the slide" not in page
    assert "Fewer than 10 children" in page


def test_quotes_show_only_in_their_redacted_form_when_10_or_more_took_part(
    world, client, consultation, theme
):
    _children(consultation, 10, text="I like the slide near Hillside school")
    _approve_quotes(world, consultation, "I like the slide near [school]")
    _publish(theme)
    page = _public(client, consultation).content.decode()
    assert "I like the slide near [school]" in page
    assert "Hillside school" not in page


def test_how_many_took_part_is_rounded_to_the_nearest_5(client, consultation):
    _children(consultation, 13)
    page = _public(client, consultation).content.decode()
    assert "About 15 children" in page


def test_the_index_lists_only_consultations_with_published_feedback(
    world, client, consultation, theme
):
    quiet = make_consultation(council=world.council_b, questions=False, title_en="Our libraries")
    FeedbackTheme.objects.create(consultation=quiet, title_en="Books", summary_en="More books")
    _publish(theme)
    page = client.get("/you-said-we-did/").content.decode()
    assert "Our parks" in page
    assert world.council_a.name in page
    assert "Our libraries" not in page


def test_the_public_page_shows_the_demo_banner_for_the_demo_council(client, world, consultation):
    world.council_a.is_demo = True
    world.council_a.save()
    page = _public(client, consultation).content.decode()
    assert "Demonstration data" in page


# --- the "done when" ------------------------------------------------------------------


def test_a_commitment_update_appears_on_the_public_page_reached_from_a_receipt_code(
    world, client, consultation, theme, commitment
):
    receipt = make_response(consultation=consultation)
    _publish(theme, commitment)
    CommitmentUpdate.objects.create(
        commitment=commitment,
        made_on=TODAY,
        text_en="The new lights are on in Riverside park.",
        status="done",
    )

    found = client.post("/your-response/", {"receipt": receipt.code}, follow=True)
    assert found.status_code == 200
    link = f"/have-your-say/{consultation.link_key}/you-said-we-did/"
    assert link in found.content.decode()

    page = client.get(link)
    assert "The new lights are on in Riverside park." in page.content.decode()


def test_headline_results_show_once_the_consultation_has_closed(client, consultation):
    _children(consultation, 12)
    Consultation.objects.filter(pk=consultation.pk).update(status=Consultation.Status.CLOSED)
    page = _public(client, consultation).content.decode()
    assert "Which park do you go to most?" in page
    assert "Children who answered" in page


def test_headline_results_are_not_shown_while_children_can_still_answer(client, consultation):
    _children(consultation, 12)
    page = _public(client, consultation).content.decode()
    assert "Which park do you go to most?" not in page
