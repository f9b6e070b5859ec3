"""The child's journey: find a consultation, answer it, send, come back with a receipt."""

from django.urls import path

from childrights.participation.views import journey

urlpatterns = [
    path("have-your-say/", journey.have_your_say, name="have_your_say"),
    path("have-your-say/code/", journey.code_entry, name="code_entry"),
    path("have-your-say/cleared/", journey.cleared, name="cleared"),
    path("have-your-say/<str:link_key>/", journey.start, name="start"),
    path("have-your-say/<str:link_key>/leave/", journey.leave, name="leave"),
    path(
        "have-your-say/<str:link_key>/privacy-notice/",
        journey.privacy_notice,
        name="privacy_notice",
    ),
    path("have-your-say/<str:link_key>/exit/", journey.exit_page, name="exit"),
    path("have-your-say/<str:link_key>/send/", journey.send, name="send"),
    path("have-your-say/<str:link_key>/sent/", journey.sent, name="sent"),
    path("your-response/", journey.your_response, name="your_response"),
    path("your-response/found/", journey.your_response_found, name="your_response_found"),
    path("your-response/withdraw/", journey.your_response_withdraw, name="your_response_withdraw"),
    path("consultations/<int:consultation_id>/preview/", journey.preview, name="preview"),
]
