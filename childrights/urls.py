from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("childrights.core.urls")),
    path("", include("childrights.accounts.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "childrights.core.views.bad_request"
handler403 = "childrights.core.views.permission_denied"
handler404 = "childrights.core.views.page_not_found"
handler500 = "childrights.core.views.server_error"
