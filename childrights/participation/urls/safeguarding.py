"""The safeguarding queue, concerns, the council's own phrases, and moderation."""

from django.urls import path

from childrights.participation.views import safeguarding

urlpatterns = [
    path("councils/<int:council_id>/safeguarding/", safeguarding.concerns, name="concerns"),
    path("concerns/<int:concern_id>/", safeguarding.concern, name="concern"),
    path("councils/<int:council_id>/safeguarding/phrases/", safeguarding.phrases, name="phrases"),
    path("phrases/<int:phrase_id>/delete/", safeguarding.phrase_delete, name="phrase_delete"),
    path(
        "consultations/<int:consultation_id>/moderation/",
        safeguarding.moderation_page,
        name="moderation",
    ),
    path("answers/<int:answer_id>/moderate/", safeguarding.moderate, name="moderate"),
]
