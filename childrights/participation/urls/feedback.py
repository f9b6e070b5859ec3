"""You said, we did: staff pages to write the council's answer, and the public pages children
reach from their receipt."""

from django.urls import path

from childrights.participation.views import feedback as views

urlpatterns = [
    path("consultations/<int:consultation_id>/feedback/", views.feedback_page, name="feedback"),
    path(
        "consultations/<int:consultation_id>/feedback/themes/new/",
        views.theme_new,
        name="theme_new",
    ),
    path(
        "consultations/<int:consultation_id>/feedback/commitments/new/",
        views.commitment_new,
        name="commitment_new",
    ),
    path(
        "consultations/<int:consultation_id>/feedback/publish/",
        views.feedback_publish,
        name="feedback_publish",
    ),
    path("feedback/themes/<int:theme_id>/", views.theme_edit, name="theme_edit"),
    path(
        "feedback/commitments/<int:commitment_id>/", views.commitment_edit, name="commitment_edit"
    ),
    path(
        "feedback/commitments/<int:commitment_id>/updates/new/",
        views.commitment_update,
        name="commitment_update",
    ),
    path(
        "have-your-say/<str:link_key>/you-said-we-did/",
        views.you_said_we_did,
        name="you_said_we_did",
    ),
    path("you-said-we-did/", views.you_said_we_did_index, name="you_said_we_did_index"),
]
