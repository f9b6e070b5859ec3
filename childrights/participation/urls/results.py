from django.urls import path

from childrights.participation.views import results as views

urlpatterns = [
    path(
        "have-your-say/<str:link_key>/you-said-we-did/",
        views.you_said_we_did,
        name="you_said_we_did",
    ),
]
