"""URLs being built (placeholders until the views exist)."""

from django.urls import path

from childrights.participation.views.placeholders import not_yet

urlpatterns = [
    path("councils/<int:council_id>/impact-assessments/dashboard/", not_yet, name="dashboard"),
    path("impact-assessments/<int:assessment_id>/history/", not_yet, name="history"),
    path(
        "impact-assessments/<int:assessment_id>/versions/<int:version_number>/",
        not_yet,
        name="version",
    ),
]
