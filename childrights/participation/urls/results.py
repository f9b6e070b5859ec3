"""Results for council staff, downloads, and the council's child population."""

from django.urls import path

from childrights.participation.views import results

urlpatterns = [
    path("consultations/<int:consultation_id>/results/", results.results_page, name="results"),
    path("consultations/<int:consultation_id>/export/", results.export, name="export"),
    path("councils/<int:council_id>/population/", results.population, name="population"),
]
