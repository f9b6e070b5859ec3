"""Starting an assessment, answering its screening and full assessment, and the council's
choice of template."""

from django.urls import path

from childrights.assessments.views import editor

urlpatterns = [
    path(
        "councils/<int:council_id>/impact-assessments/",
        editor.assessments,
        name="assessments",
    ),
    path(
        "councils/<int:council_id>/impact-assessments/new/",
        editor.assessment_new,
        name="assessment_new",
    ),
    path(
        "councils/<int:council_id>/impact-assessments/settings/",
        editor.council_settings,
        name="settings",
    ),
    path(
        "impact-assessments/<int:assessment_id>/",
        editor.assessment_detail,
        name="assessment",
    ),
    path(
        "impact-assessments/<int:assessment_id>/stages/<str:stage>/",
        editor.stage_edit,
        name="stage",
    ),
]
