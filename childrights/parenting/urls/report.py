"""The corporate parenting board's reports."""

from django.urls import path

from childrights.parenting.views import report as views

urlpatterns = [
    path("councils/<int:council_id>/board-reports/", views.report_list, name="reports"),
    path("councils/<int:council_id>/board-reports/new/", views.report_new, name="report_new"),
    path("board-reports/<int:board_report_id>/", views.report_detail, name="report"),
    path(
        "board-reports/<int:board_report_id>/children/",
        views.report_children,
        name="report_children",
    ),
    path("board-reports/<int:board_report_id>/report.pdf", views.report_pdf, name="report_pdf"),
    path(
        "board-reports/<int:board_report_id>/children.pdf",
        views.report_children_pdf,
        name="report_children_pdf",
    ),
]
