"""The SEND local offer (Children and Families Act 2014 s30): the public's pages and comment
form, the team's pages to answer comments, and the safeguarding leads' page of held words."""

from django.urls import path

from childrights.directory.views import held, send_offer, send_themes

OFFER = "send-local-offers/<str:gss_code>/"
TEAM = "councils/<int:council_id>/send-comments/"
HELD = "councils/<int:council_id>/directory/held/"

urlpatterns = [
    path("send-local-offers/", send_offer.offers_list, name="send_offers"),
    path(OFFER, send_offer.offer_page, name="send_offer"),
    path(OFFER + "comment/", send_offer.comment_new, name="send_comment_new"),
    path(OFFER + "comment/thank-you/", send_offer.comment_sent, name="send_comment_sent"),
    path(TEAM, send_offer.comment_list, name="send_comments"),
    path(TEAM + "<int:comment_id>/", send_offer.comment_answer, name="send_comment_answer"),
    path(TEAM + "themes/", send_themes.comment_themes, name="send_comment_themes"),
    path(
        TEAM + "themes/<int:comment_theme_id>/rename/",
        send_themes.comment_theme_rename,
        name="send_comment_theme_rename",
    ),
    path(
        TEAM + "themes/<int:comment_theme_id>/review/",
        send_themes.comment_theme_review,
        name="send_comment_theme_review",
    ),
    path(HELD, held.held_list, name="held"),
    path(HELD + "suggestions/<int:suggestion_id>/", held.held_suggestion, name="held_suggestion"),
    path(HELD + "comments/<int:comment_id>/", held.held_comment, name="held_comment"),
]
