"""URLs being built (placeholders until the views exist)."""

from django.urls import path

from childrights.participation.views.placeholders import not_yet

urlpatterns = [
    path("councils/<int:council_id>/safeguarding/", not_yet, name="concerns"),
    path("concerns/<int:concern_id>/", not_yet, name="concern"),
    path("consultations/<int:consultation_id>/moderation/", not_yet, name="moderation"),
]
