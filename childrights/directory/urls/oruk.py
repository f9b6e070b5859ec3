"""The Open Referral UK API under one stub, /api/oruk/, as the profile asks of one publisher.

Ids are taken as text and checked by the view, so a malformed id is a 400 with a message rather
than a 404 from the resolver.
"""

from django.urls import path

from childrights.directory.views import oruk

urlpatterns = [
    path("api/oruk/", oruk.about, name="oruk_about"),
    path("api/oruk/openapi.json", oruk.openapi, name="oruk_openapi"),
    path("api/oruk/services", oruk.services, name="oruk_services"),
    path("api/oruk/services/<str:oruk_id>", oruk.service, name="oruk_service"),
    path(
        "api/oruk/service_at_locations",
        oruk.service_at_locations,
        name="oruk_service_at_locations",
    ),
    path(
        "api/oruk/service_at_locations/<str:oruk_id>",
        oruk.service_at_location,
        name="oruk_service_at_location",
    ),
    path("api/oruk/taxonomies", oruk.taxonomies, name="oruk_taxonomies"),
    path("api/oruk/taxonomies/<str:oruk_id>", oruk.taxonomy, name="oruk_taxonomy"),
    path("api/oruk/taxonomy_terms", oruk.taxonomy_terms, name="oruk_taxonomy_terms"),
    path("api/oruk/taxonomy_terms/<str:oruk_id>", oruk.taxonomy_term, name="oruk_taxonomy_term"),
]
