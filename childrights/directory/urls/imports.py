from django.urls import path

from childrights.directory.views import imports as views

urlpatterns = [
    path(
        "councils/<int:council_id>/directory/import/",
        views.services_import,
        name="services_import",
    ),
    path(
        "directory/import/services-template.csv",
        views.services_template,
        name="services_import_template",
    ),
]
