"""The public register of published assessments (by council GSS code and public key), and the
PDF of any version for the council's staff."""

from django.urls import path

from childrights.assessments.views import register as views

urlpatterns = [
    path("published-assessments/", views.register, name="register"),
    path(
        "published-assessments/<str:gss_code>/",
        views.council_register,
        name="council_register",
    ),
    path(
        "published-assessments/<str:gss_code>/<str:public_key>/",
        views.public_assessment,
        name="public_assessment",
    ),
    path(
        "published-assessments/<str:gss_code>/<str:public_key>/versions/<int:version_number>/pdf/",
        views.public_version_pdf,
        name="public_version_pdf",
    ),
    path(
        "impact-assessments/<int:assessment_id>/versions/<int:version_number>/pdf/",
        views.staff_version_pdf,
        name="version_pdf",
    ),
]
