"""The child's journey: find a consultation, answer it, send, come back with a receipt."""

from django.urls import path

from childrights.participation.views import journey

urlpatterns = [
    path("have-your-say/", journey.have_your_say, name="have_your_say"),
    path("have-your-say/code/", journey.code_entry, name="code_entry"),
    path("have-your-say/<str:link_key>/", journey.start, name="start"),
    path("have-your-say/<str:link_key>/send/", journey.send, name="send"),
    path("have-your-say/<str:link_key>/sent/", journey.sent, name="sent"),
    path("your-response/", journey.your_response, name="your_response"),
    path("consultations/<int:consultation_id>/preview/", journey.preview, name="preview"),
]
