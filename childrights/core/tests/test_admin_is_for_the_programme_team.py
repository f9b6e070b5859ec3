def test_the_programme_team_with_two_factor_uses_the_admin(world, signed_in):
    assert signed_in(world.programme).get("/admin/").status_code == 200


def test_everyone_else_signed_in_gets_404_from_the_admin(world, signed_in):
    for user in [world.owner, world.member, world.outsider]:
        client = signed_in(user)
        assert client.get("/admin/").status_code == 404
        assert client.get("/admin/accounts/user/").status_code == 404
        assert client.get("/admin/login/").status_code == 404
        client.logout()


def test_signed_out_visitors_are_sent_to_the_service_sign_in(client, db):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/sign-in/")


def test_audit_events_are_read_only_in_the_admin(world, signed_in):
    client = signed_in(world.programme)
    assert client.get("/admin/core/auditevent/add/").status_code == 403


def test_changes_made_in_the_admin_are_audited(world, signed_in):
    from childrights.core.models import AuditEvent

    client = signed_in(world.programme)
    response = client.post(
        f"/admin/councils/council/{world.council_a.pk}/change/",
        {
            "gss_code": world.council_a.gss_code,
            "name": "Aberfield Borough Council",
            "short_name": "Aberfield",
            "nation": "england",
            "type": "",
            "website": "",
            "note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(action="update", object_type="councils.Council")
    assert event.detail["via"] == "admin"
    assert "name" in event.detail["changed"]


def test_the_task_table_is_not_in_the_admin(world, signed_in):
    """Queued tasks hold each message's recipients and wording: not for the programme team."""
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from childrights.core.tasks import deliver_email

    task = DBTaskResult.objects.create(
        task_path=deliver_email.module_path,
        args_kwargs={"args": [], "kwargs": {"kind": "role_invitation"}},
        backend_name="default",
        queue_name="default",
        priority=0,
        run_after=timezone.now(),
    )
    client = signed_in(world.programme)
    # The app's label is django_tasks_database.
    tasks = f"/admin/{DBTaskResult._meta.app_label}/{DBTaskResult._meta.model_name}/"
    assert client.get(tasks).status_code == 404
    assert client.get(f"{tasks}{task.pk}/change/").status_code == 404
    index = client.get("/admin/").content.decode()
    assert DBTaskResult._meta.app_label not in index
    assert tasks not in index
