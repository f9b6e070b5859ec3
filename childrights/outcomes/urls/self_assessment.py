from django.urls import path

from childrights.outcomes.views import self_assessment as views

urlpatterns = [
    path("councils/<int:council_id>/self-assessment/", views.rounds, name="rounds"),
    path("councils/<int:council_id>/self-assessment/new/", views.round_new, name="round_new"),
    path("self-assessment/<int:round_id>/", views.round_detail, name="round"),
    path(
        "self-assessment/<int:round_id>/principles/<slug:principle_slug>/",
        views.round_rate,
        name="round_rate",
    ),
    path("self-assessment/<int:round_id>/close/", views.round_close, name="round_close"),
]
