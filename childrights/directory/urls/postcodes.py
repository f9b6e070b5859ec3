from django.urls import path

from childrights.directory.views import postcodes as views

urlpatterns = [
    path(
        "councils/<int:council_id>/directory/postcodes/",
        views.postcodes_load,
        name="postcodes_load",
    ),
]
