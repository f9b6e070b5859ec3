"""The service's URLs with the loopback OpenID Connect provider beside them, under /idp/o/
(childrights.testing.oidc_provider). For the single sign-on tests only."""

from django.urls import URLPattern, URLResolver, include, path
from oauth2_provider import urls as provider_urls

from childrights.testing.oidc_provider import DirectoryAuthorizationView
from childrights.urls import handler400, handler403, handler404, handler500, urlpatterns

provider_patterns: list[URLPattern | URLResolver] = [
    path("authorize/", DirectoryAuthorizationView.as_view(), name="authorize"),
    *provider_urls.base_urlpatterns,
    *provider_urls.oidc_urlpatterns,
]

urlpatterns = [
    path("idp/o/", include((provider_patterns, "oauth2_provider"))),
    *urlpatterns,
]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
