"""URLs being built (placeholders until the views exist)."""

from django.urls import path

from childrights.participation.views.placeholders import not_yet

urlpatterns = [
    path("consultations/<int:consultation_id>/feedback/", not_yet, name="feedback"),
    path("have-your-say/<str:link_key>/you-said-we-did/", not_yet, name="you_said_we_did"),
    path("you-said-we-did/", not_yet, name="you_said_we_did_index"),
]
