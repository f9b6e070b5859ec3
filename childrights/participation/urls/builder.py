"""URLs being built (placeholders until the views exist)."""

from django.urls import path

from childrights.participation.views.placeholders import not_yet

urlpatterns = [
    path("councils/<int:council_id>/consultations/", not_yet, name="consultations"),
    path("consultations/<int:consultation_id>/", not_yet, name="consultation"),
    path("codes/<int:code_id>/print/", not_yet, name="code_print"),
]
