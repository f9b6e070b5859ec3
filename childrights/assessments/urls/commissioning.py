"""URLs being built (placeholders until the views exist)."""

from django.urls import path

from childrights.participation.views.placeholders import not_yet

urlpatterns = [
    path("councils/<int:council_id>/commissioning/", not_yet, name="projects"),
    path("commissioning/<int:project_id>/", not_yet, name="project"),
]
