"""URLs being built (placeholders until the views exist)."""

from django.urls import path

from childrights.participation.views.placeholders import not_yet

urlpatterns = [
    path("councils/<int:council_id>/impact-assessments/dashboard/", not_yet, name="dashboard"),
]
