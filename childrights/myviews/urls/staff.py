"""Pages for the workers allocated to a child, their team managers, the council's leads and its
designated safeguarding leads."""

from django.urls import path

from childrights.myviews.views import staff_alerts, staff_children, staff_statements, staff_teams

urlpatterns = [
    path("councils/<int:council_id>/children/", staff_children.children, name="children"),
    path("councils/<int:council_id>/children/new/", staff_children.child_new, name="child_new"),
    path("councils/<int:council_id>/children/teams/", staff_teams.teams, name="teams"),
    path("councils/<int:council_id>/children/teams/new/", staff_teams.team_new, name="team_new"),
    path("care-teams/<int:team_id>/", staff_teams.team, name="team"),
    path("councils/<int:council_id>/children/settings/", staff_teams.settings, name="settings"),
    path("councils/<int:council_id>/children/alerts/", staff_alerts.alerts, name="alerts"),
    path("safety-alerts/<int:alert_id>/", staff_alerts.alert, name="alert"),
    path("children/<int:child_id>/", staff_children.child, name="child"),
    path("children/<int:child_id>/edit/", staff_children.child_edit, name="child_edit"),
    path("children/<int:child_id>/workers/", staff_children.child_workers, name="child_workers"),
    path(
        "allocations/<int:allocation_id>/remove/",
        staff_children.allocation_remove,
        name="allocation_remove",
    ),
    path("children/<int:child_id>/code/", staff_children.child_code, name="child_code_reissue"),
    path("children/<int:child_id>/meetings/", staff_children.meeting_new, name="meeting_new"),
    path("meetings/<int:meeting_id>/invite/", staff_children.meeting_invite, name="meeting_invite"),
    path(
        "children/<int:child_id>/with-worker/",
        staff_children.child_with_worker,
        name="child_with_worker",
    ),
    path("statements/<int:statement_id>/", staff_statements.statement, name="statement"),
    path(
        "statements/<int:statement_id>/answer/",
        staff_statements.statement_answer,
        name="statement_answer",
    ),
    path(
        "statements/<int:statement_id>/pdf/", staff_statements.statement_pdf, name="statement_pdf"
    ),
    path(
        "statements/<int:statement_id>/json/",
        staff_statements.statement_json,
        name="statement_json",
    ),
]
