"""URLs being built (placeholders until the views exist)."""

from django.urls import path

from childrights.participation.views.placeholders import not_yet

urlpatterns = [
    path("consultations/<int:consultation_id>/results/", not_yet, name="results"),
    path("consultations/<int:consultation_id>/export/", not_yet, name="export"),
    path("councils/<int:council_id>/population/", not_yet, name="population"),
]
