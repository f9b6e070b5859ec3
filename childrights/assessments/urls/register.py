"""URLs being built (placeholders until the views exist)."""

from django.urls import path

from childrights.participation.views.placeholders import not_yet

urlpatterns = [
    path("impact-assessments/", not_yet, name="register"),
    path("impact-assessments/<str:public_key>/", not_yet, name="public_assessment"),
]
