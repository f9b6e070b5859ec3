from django.urls import path

from childrights.outcomes.views import evaluation as views

urlpatterns = [
    path(
        "self-assessment/<int:round_id>/children/",
        views.evaluation_detail,
        name="evaluation",
    ),
    path(
        "self-assessment/<int:round_id>/children/new/",
        views.evaluation_new,
        name="evaluation_new",
    ),
]
