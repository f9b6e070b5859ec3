from django.urls import path

from childrights.outcomes.views import reports as views

urlpatterns = [
    path("councils/<int:council_id>/reports/", views.report_list, name="reports"),
    path("councils/<int:council_id>/reports/new/", views.report_new, name="report_new"),
    path("reports/<int:report_id>/", views.report_detail, name="report"),
    path("reports/<int:report_id>/report.pdf", views.report_pdf, name="report_pdf"),
    path("reports/<int:report_id>/publish/", views.report_publish, name="report_publish"),
    path("programme-reports/", views.programme_report_list, name="programme_reports"),
    path(
        "programme-reports/<int:report_id>/",
        views.programme_report_detail,
        name="programme_report",
    ),
    path(
        "programme-reports/<int:report_id>/report.pdf",
        views.programme_report_pdf,
        name="programme_report_pdf",
    ),
    path("partners/<slug:partner_slug>/progress/", views.partner_progress, name="partner_progress"),
]
