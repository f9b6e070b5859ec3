"""The council's API tokens pages (namespace ``council_api``) and the council API itself under
/api/v1/council/ (its own namespace, ``council_api_v1``, which its OpenAPI view reverses)."""

from django.urls import URLPattern, URLResolver, include, path

from childrights.api.council import views
from childrights.api.council.endpoints import council_api

page_patterns = (
    [
        path("councils/<int:council_id>/api-tokens/", views.token_list, name="tokens"),
        path("councils/<int:council_id>/api-tokens/new/", views.token_new, name="token_new"),
        path("api-tokens/<int:api_token_id>/revoke/", views.token_revoke, name="token_revoke"),
    ],
    "council_api",
)

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include(page_patterns)),
    path("api/v1/council/", council_api.urls),
]
