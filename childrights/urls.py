from allauth.socialaccount.providers.openid_connect import views as oidc_views
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from childrights.programme.views import home

urlpatterns: list[URLPattern | URLResolver] = [
    path("", home, name="home"),
    path("", include("childrights.core.urls")),
    path("", include("childrights.accounts.urls")),
    path("", include("childrights.framework.urls")),
    path("", include("childrights.programme.urls")),
    path("", include("childrights.poverty.urls")),
    path("", include("childrights.outcomes.urls")),
    path("", include("childrights.participation.urls")),
    path("", include("childrights.assessments.urls")),
    path("", include("childrights.directory.urls")),
    path("", include("childrights.myviews.urls")),
    path("", include("childrights.parenting.urls")),
    path("", include("childrights.api.council.urls")),
    path("", include("childrights.api.public.urls")),
    # Council single sign-on: only allauth's OpenID Connect callback is routed (ADR 0022), never
    # its own sign-in, sign-up or account pages.
    path(
        "sign-in/council/<str:provider_id>/callback/",
        oidc_views.callback,
        name="openid_connect_callback",
    ),
    path("admin/", admin.site.urls),
]

handler400 = "childrights.core.views.bad_request"
handler403 = "childrights.core.views.permission_denied"
handler404 = "childrights.core.views.page_not_found"
handler500 = "childrights.core.views.server_error"
