from django.urls import path

from childrights.outcomes.views import indicators as views

urlpatterns = [
    path("councils/<int:council_id>/indicators/", views.indicator_list, name="indicators"),
    path("councils/<int:council_id>/indicators/new/", views.indicator_new, name="indicator_new"),
    path(
        "councils/<int:council_id>/indicators/import/",
        views.indicator_import,
        name="indicator_import",
    ),
    path(
        "councils/<int:council_id>/indicators/<slug:indicator_slug>/",
        views.indicator_detail,
        name="indicator",
    ),
]
