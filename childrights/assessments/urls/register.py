"""URLs being built (placeholders until the views exist)."""

from django.urls import path

from childrights.participation.views.placeholders import not_yet

urlpatterns = [
    path("published-assessments/", not_yet, name="register"),
    path(
        "published-assessments/<str:gss_code>/<str:public_key>/",
        not_yet,
        name="public_assessment",
    ),
    path(
        "impact-assessments/<int:assessment_id>/versions/<int:version_number>/pdf/",
        not_yet,
        name="version_pdf",
    ),
]
