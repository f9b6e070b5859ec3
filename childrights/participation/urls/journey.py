"""The child's journey: find a consultation, answer it, send, come back with a receipt."""

from django.urls import path

from childrights.participation.views.journey import answering, finding, leaving, receipts, sending

urlpatterns = [
    path("have-your-say/", finding.have_your_say, name="have_your_say"),
    path("have-your-say/code/", finding.code_entry, name="code_entry"),
    path("have-your-say/cleared/", leaving.cleared, name="cleared"),
    path("have-your-say/<str:link_key>/", answering.start, name="start"),
    path("have-your-say/<str:link_key>/leave/", leaving.leave, name="leave"),
    path(
        "have-your-say/<str:link_key>/privacy-notice/",
        sending.privacy_notice,
        name="privacy_notice",
    ),
    path("have-your-say/<str:link_key>/exit/", leaving.exit_page, name="exit"),
    path("have-your-say/<str:link_key>/send/", sending.send, name="send"),
    path("have-your-say/<str:link_key>/sent/", sending.sent, name="sent"),
    path("your-response/", receipts.your_response, name="your_response"),
    path("your-response/found/", receipts.your_response_found, name="your_response_found"),
    path("your-response/withdraw/", receipts.your_response_withdraw, name="your_response_withdraw"),
    path("consultations/<int:consultation_id>/preview/", answering.preview, name="preview"),
]
