"""The workflow of an impact assessment, its history and versions, the council lead's
dashboard and the decisions a council records."""

from django.urls import path

from childrights.assessments.views import workflow as views

ASSESSMENT = "impact-assessments/<int:assessment_id>/"

urlpatterns = [
    path(f"{ASSESSMENT}submit/", views.submit, name="submit"),
    path(f"{ASSESSMENT}sign-off/", views.sign_off, name="sign_off"),
    path(f"{ASSESSMENT}return/", views.return_to_draft, name="return"),
    path(f"{ASSESSMENT}publish/", views.publish, name="publish"),
    path(f"{ASSESSMENT}amend/", views.amend, name="amend"),
    path(f"{ASSESSMENT}review/", views.review, name="review"),
    path(f"{ASSESSMENT}close/", views.close, name="close"),
    path(f"{ASSESSMENT}comments/", views.comment, name="comment"),
    path(f"{ASSESSMENT}history/", views.history, name="history"),
    path(f"{ASSESSMENT}versions/<int:version_number>/", views.version, name="version"),
    path(
        "councils/<int:council_id>/impact-assessments/dashboard/",
        views.dashboard,
        name="dashboard",
    ),
    path("councils/<int:council_id>/decisions/", views.decisions, name="decisions"),
    path("decisions/<int:decision_id>/", views.decision_edit, name="decision_edit"),
]
