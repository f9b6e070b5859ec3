from django.urls import path

from childrights.directory.views import finder

urlpatterns = [
    path("services/", finder.finder, name="finder"),
    path("services/<uuid:service_id>/", finder.service_page, name="service"),
]
