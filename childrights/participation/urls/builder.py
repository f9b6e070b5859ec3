"""Council staff build consultations: details, questions, opening and closing, access codes."""

from django.urls import path

from childrights.participation.views import builder as views

urlpatterns = [
    path("councils/<int:council_id>/consultations/", views.consultations, name="consultations"),
    path(
        "councils/<int:council_id>/consultations/new/",
        views.consultation_new,
        name="consultation_new",
    ),
    path("consultations/<int:consultation_id>/", views.consultation_detail, name="consultation"),
    path(
        "consultations/<int:consultation_id>/edit/",
        views.consultation_edit,
        name="consultation_edit",
    ),
    path(
        "consultations/<int:consultation_id>/questions/new/",
        views.question_new,
        name="question_new",
    ),
    path("questions/<int:question_id>/", views.question_edit, name="question_edit"),
    path("questions/<int:question_id>/delete/", views.question_delete, name="question_delete"),
    path("questions/<int:question_id>/move/", views.question_move, name="question_move"),
    path(
        "consultations/<int:consultation_id>/open/",
        views.consultation_open,
        name="consultation_open",
    ),
    path(
        "consultations/<int:consultation_id>/close/",
        views.consultation_close,
        name="consultation_close",
    ),
    path("consultations/<int:consultation_id>/codes/", views.codes, name="codes"),
    path("codes/<int:code_id>/revoke/", views.code_revoke, name="code_revoke"),
    path("codes/<int:code_id>/print/", views.code_print, name="code_print"),
]
