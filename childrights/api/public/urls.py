"""The public API under /api/v1/ (its own namespace, ``public_api``), its reference page at
/api/, and the open data at /open-data/."""

from django.urls import URLPattern, URLResolver, include, path

from childrights.api.public import views
from childrights.api.public.api import public_api

open_data_patterns = (
    [
        path("api/", views.reference, name="api_reference"),
        path("open-data/", views.open_data_page, name="page"),
        path("open-data/datapackage.json", views.package, name="package"),
        path("open-data/<slug:dataset>.csv", views.dataset_csv, name="csv"),
    ],
    "open_data",
)

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/", public_api.urls),
    path("", include(open_data_patterns)),
]
