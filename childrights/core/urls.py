from django.urls import path

from childrights.core import audit_views, views

app_name = "core"
urlpatterns = [
    path("search/", views.search, name="search"),
    path("get-help/", views.get_help, name="get_help"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("cookies/", views.cookies, name="cookies"),
    path("language/<str:code>/", views.language, name="language"),
    path("healthz", views.healthz, name="healthz"),
    path(
        "notify/delivery-receipts",
        views.notify_delivery_receipt,
        name="notify_delivery_receipt",
    ),
    path("audit/", audit_views.audit_log, name="audit"),
    path("audit/export.csv", audit_views.audit_export, name="audit_export"),
]
