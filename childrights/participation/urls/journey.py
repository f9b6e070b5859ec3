"""URLs being built (placeholders until the views exist)."""

from django.urls import path

from childrights.participation.views.placeholders import not_yet

urlpatterns = [
    path("have-your-say/", not_yet, name="have_your_say"),
    path("have-your-say/code/", not_yet, name="code_entry"),
    path("have-your-say/<str:link_key>/", not_yet, name="start"),
    path("have-your-say/<str:link_key>/send/", not_yet, name="send"),
    path("your-response/", not_yet, name="your_response"),
    path("consultations/<int:consultation_id>/preview/", not_yet, name="preview"),
]
