"""The commissioning pages: who may see and change them, and what each shows and saves."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from childrights.assessments import commissioning
from childrights.assessments.models import Project
from childrights.core.models import AuditEvent
from childrights.testing.actors import actor_for
from childrights.testing.assessments import make_assessment
from childrights.testing.factories import make_user
from childrights.testing.participation import make_consultation


@pytest.fixture
def project(world):
    return commissioning.project_create(
        actor=actor_for(world.member),
        council=world.council_a,
        title="Young people's substance misuse service",
    )


@pytest.fixture
def reader(world):
    """A councillor of council A: reads everything, changes nothing."""
    return make_user(role="elected-member", council=world.council_a)


def _stage_data(project, **overrides):
    """The stage form as it stands, with some items changed: {key: (met, evidence, reason)}."""
    data: dict[str, str] = {}
    for row in commissioning.stage_rows(project, project.stage):
        met, evidence, reason = overrides.get(
            row.item.key, ("yes" if row.check.met else "no", row.check.evidence, "")
        )
        data |= {
            f"{row.item.key}-met": met,
            f"{row.item.key}-evidence": evidence,
            f"{row.item.key}-reason": reason,
        }
    return data


def _all_met(project):
    return _stage_data(
        project,
        **{
            row.item.key: ("yes", "Done", "")
            for row in commissioning.stage_rows(project, project.stage)
        },
    )


def _urls(project, council):
    return [
        reverse("assessments:projects", args=[council.pk]),
        reverse("assessments:project_new", args=[council.pk]),
        reverse("assessments:project", args=[project.pk]),
        reverse("assessments:project_stage", args=[project.pk, "analyse"]),
        reverse("assessments:project_close_stage", args=[project.pk]),
        reverse("assessments:project_links", args=[project.pk]),
    ]


# --- who may do what --------------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "post"])
def test_people_outside_the_council_get_404_everywhere(world, signed_in, project, method):
    client = signed_in(world.outsider)

    for url in _urls(project, world.council_a):
        assert getattr(client, method)(url).status_code == 404, url

    project.refresh_from_db()
    assert project.stage == Project.Stage.ANALYSE
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.ACCESS_DENIED, actor=world.outsider
    ).exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, world, project):
    for url in _urls(project, world.council_a):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "sign-in" in response["Location"]


def test_a_member_without_edit_reads_but_cannot_change_anything(world, signed_in, project, reader):
    client = signed_in(reader)
    stage_url = reverse("assessments:project_stage", args=[project.pk, "analyse"])

    assert client.get(reverse("assessments:projects", args=[world.council_a.pk])).status_code == 200
    assert client.get(reverse("assessments:project", args=[project.pk])).status_code == 200
    page = client.get(stage_url)
    assert page.status_code == 200
    assert b'name="needs-data-by-group-met"' not in page.content
    refusals = [
        client.post(
            reverse("assessments:project_new", args=[world.council_a.pk]), {"title": "Sneaky"}
        ),
        client.post(stage_url, _all_met(project)),
        client.post(reverse("assessments:project_close_stage", args=[project.pk])),
        client.post(reverse("assessments:project_links", args=[project.pk]), {}),
        client.get(reverse("assessments:project_links", args=[project.pk])),
    ]

    assert [response.status_code for response in refusals] == [403] * len(refusals)
    assert Project.objects.count() == 1
    assert not project.checks.filter(met=True).exists()
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.ACCESS_DENIED, actor=reader
    ).count() == len(refusals)


def test_the_new_project_button_is_only_for_people_who_can_edit(world, signed_in, project, reader):
    new_url = reverse("assessments:project_new", args=[world.council_a.pk]).encode()
    list_url = reverse("assessments:projects", args=[world.council_a.pk])

    assert new_url in signed_in(world.member).get(list_url).content
    assert new_url not in signed_in(reader).get(list_url).content


# --- the pages --------------------------------------------------------------------------


def test_a_member_starts_a_project_with_every_checklist_item(world, signed_in):
    client = signed_in(world.member)

    response = client.post(
        reverse("assessments:project_new", args=[world.council_a.pk]),
        {"title": "Short breaks for disabled children", "description": ""},
    )

    created = Project.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:project", args=[created.pk])
    assert created.council == world.council_a
    assert created.checks.count() == len(commissioning.checklist().items())


def test_a_project_needs_a_title(world, signed_in):
    response = signed_in(world.member).post(
        reverse("assessments:project_new", args=[world.council_a.pk]), {"title": " "}
    )

    assert response.status_code == 200
    assert "Enter what is being commissioned" in response.content.decode()
    assert not Project.objects.exists()


def test_the_list_groups_projects_by_stage_with_progress(world, signed_in, project):
    later = commissioning.project_create(
        actor=actor_for(world.member), council=world.council_a, title="Play schemes"
    )
    later.checks.filter(stage="analyse").update(met=True)
    commissioning.stage_close(actor=actor_for(world.member), project=later)
    commissioning.project_create(
        actor=actor_for(world.outsider), council=world.council_b, title="Bramley's own project"
    )
    total = len(commissioning.checklist().stages["plan"])

    page = signed_in(world.member).get(reverse("assessments:projects", args=[world.council_a.pk]))

    text = page.content.decode()
    analyse, plan = (f'<h2 class="govuk-heading-l">{stage}</h2>' for stage in ("Analyse", "Plan"))
    assert text.index(analyse) < text.index(escape(project.title)) < text.index(plan)
    assert text.index(plan) < text.index("Play schemes")
    assert f"0 of {total} items met" in text
    assert "Bramley&#x27;s own project" not in text


def test_the_project_page_shows_steps_checklist_closures_and_links(world, signed_in, project):
    assessment = make_assessment(council=world.council_a, title="Substance misuse CRIA")
    consultation = make_consultation(council=world.council_a, title_en="What helps you?")
    commissioning.links_save(
        actor=actor_for(world.member),
        project=project,
        assessment_ids=[assessment.pk],
        consultation_ids=[consultation.pk],
    )
    project.checks.filter(stage="analyse").update(met=True)
    project.checks.filter(item_key="services-mapped-to-uncrc").update(
        met=False, reason_unmet="No map exists yet"
    )
    commissioning.stage_close(actor=actor_for(world.owner), project=project)

    text = signed_in(world.member).get(reverse("assessments:project", args=[project.pk])).content
    text = text.decode()

    assert "Checklist: Plan" in text
    assert "Children and young people have been involved in designing the service" in text
    assert "Mandatory" in text
    assert "Participation" in text  # the principle of that item
    assert "Closed stages" in text
    assert "No map exists yet" in text
    assert str(world.owner) in text
    assert reverse("assessments:assessment", args=[assessment.pk]) in text
    assert reverse("participation:consultation", args=[consultation.pk]) in text


def test_principles_and_items_read_in_welsh(world, signed_in, project):
    client = signed_in(world.member)
    client.cookies["language"] = "cy"

    text = client.get(reverse("assessments:project", args=[project.pk])).content.decode()

    assert "Peidio â gwahaniaethu" in text
    assert "Mae&#x27;r data am anghenion wedi&#x27;i rannu yn ôl grŵp o blant" in text


def test_saving_the_stage_checklist(world, signed_in, project):
    response = signed_in(world.member).post(
        reverse("assessments:project_stage", args=[project.pk, "analyse"]),
        _stage_data(
            project,
            **{
                "needs-data-by-group": ("yes", "JSNA 2026, tables 3 to 5", ""),
                "children-views-on-needs": ("no", "", "Youth forum meets in May"),
            },
        ),
    )

    assert response.status_code == 302
    done = project.checks.get(item_key="needs-data-by-group")
    waiting = project.checks.get(item_key="children-views-on-needs")
    assert (done.met, done.evidence) == (True, "JSNA 2026, tables 3 to 5")
    assert (waiting.met, waiting.reason_unmet) == (False, "Youth forum meets in May")


def test_the_stage_form_says_what_is_missing(world, signed_in, project):
    data = _stage_data(project)
    del data["needs-data-by-group-met"]

    response = signed_in(world.member).post(
        reverse("assessments:project_stage", args=[project.pk, "analyse"]), data
    )

    assert response.status_code == 200
    assert "Say whether it is met" in response.content.decode()


def test_an_earlier_stage_is_read_only(world, signed_in, project):
    project.checks.filter(stage="analyse").update(met=True)
    commissioning.stage_close(actor=actor_for(world.member), project=project)
    client = signed_in(world.member)
    url = reverse("assessments:project_stage", args=[project.pk, "analyse"])

    page = client.get(url)
    response = client.post(url, _stage_data(project) | {"needs-data-by-group-met": "no"})

    assert b"This stage is closed" in page.content
    assert b'name="needs-data-by-group-met"' not in page.content
    assert response.status_code == 302
    assert project.checks.get(item_key="needs-data-by-group").met


def test_an_unknown_stage_is_not_found(world, signed_in, project):
    url = f"/commissioning/{project.pk}/stages/evaluate/"

    assert signed_in(world.member).get(url).status_code == 404


def test_closing_is_refused_with_the_list_while_a_mandatory_item_has_no_reason(
    world, signed_in, project
):
    client = signed_in(world.member)
    client.post(
        reverse("assessments:project_stage", args=[project.pk, "analyse"]),
        _all_met(project) | {"children-views-on-needs-met": "no"},
    )
    url = reverse("assessments:project_close_stage", args=[project.pk])

    confirm = client.get(url).content.decode()
    refused = client.post(url)

    label = "Children and young people&#x27;s views on what they need have been gathered"
    assert label in confirm
    assert refused.status_code == 200
    assert "There is a problem" in refused.content.decode()
    assert label in refused.content.decode()
    project.refresh_from_db()
    assert project.stage == Project.Stage.ANALYSE


def test_closing_with_a_reason_recorded_moves_to_the_next_stage(world, signed_in, project):
    client = signed_in(world.member)
    client.post(
        reverse("assessments:project_stage", args=[project.pk, "analyse"]),
        _all_met(project)
        | {"children-views-on-needs-met": "no", "children-views-on-needs-reason": "In May"},
    )
    url = reverse("assessments:project_close_stage", args=[project.pk])

    assert b"In May" in client.get(url).content
    response = client.post(url)

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.stage == Project.Stage.PLAN
    closure = project.closures.get()
    assert closure.unmet["children-views-on-needs"]["reason"] == "In May"


def test_the_links_page_offers_only_this_councils_records(world, signed_in, project):
    make_assessment(council=world.council_a, title="Our assessment")
    make_assessment(council=world.council_b, title="Their assessment")
    make_consultation(council=world.council_b, title_en="Their consultation")

    page = signed_in(world.member).get(reverse("assessments:project_links", args=[project.pk]))

    text = page.content.decode()
    assert "Our assessment" in text
    assert "Their assessment" not in text
    assert "Their consultation" not in text


def test_linking_another_councils_records_is_refused(world, signed_in, project):
    theirs = make_assessment(council=world.council_b)
    their_consultation = make_consultation(council=world.council_b)

    response = signed_in(world.member).post(
        reverse("assessments:project_links", args=[project.pk]),
        {"assessments": [theirs.pk], "consultations": [their_consultation.pk]},
    )

    assert response.status_code == 200
    text = response.content.decode()
    assert "Choose impact assessments from the list" in text
    assert "Choose consultations from the list" in text
    project.refresh_from_db()
    assert not project.assessments.exists()
    assert project.consultation_ids == []


def test_linking_the_councils_own_records(world, signed_in, project):
    own = make_assessment(council=world.council_a)
    consultation = make_consultation(council=world.council_a)

    response = signed_in(world.member).post(
        reverse("assessments:project_links", args=[project.pk]),
        {"assessments": [own.pk], "consultations": [consultation.pk]},
    )

    assert response.status_code == 302
    project.refresh_from_db()
    assert list(project.assessments.all()) == [own]
    assert project.consultation_ids == [consultation.pk]
