from django.urls import include, path

app_name = "directory"
urlpatterns = [
    path("", include("childrights.directory.urls.finder")),
    path("", include("childrights.directory.urls.oruk")),
    path("", include("childrights.directory.urls.imports")),
    path("", include("childrights.directory.urls.postcodes")),
    path("", include("childrights.directory.urls.records")),
    path("", include("childrights.directory.urls.service_details")),
    path("", include("childrights.directory.urls.local_offer")),
    path("", include("childrights.directory.urls.suggestions")),
    path("", include("childrights.directory.urls.send_offer")),
]
