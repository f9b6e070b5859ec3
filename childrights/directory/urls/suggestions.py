"""'This is wrong': the public form on a service's page, and the council's staff marking what
people said as dealt with."""

from django.urls import path

from childrights.directory.views import suggestions

urlpatterns = [
    path("services/<uuid:service_id>/wrong/", suggestions.suggestion_new, name="suggestion_new"),
    path(
        "services/<uuid:service_id>/wrong/thank-you/",
        suggestions.suggestion_sent,
        name="suggestion_sent",
    ),
    path(
        "councils/<int:council_id>/services/suggestions/<int:suggestion_id>/done/",
        suggestions.suggestion_done,
        name="suggestion_done",
    ),
]
