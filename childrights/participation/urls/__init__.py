from django.urls import include, path

app_name = "participation"
urlpatterns = [
    path("", include("childrights.participation.urls.builder")),
    path("", include("childrights.participation.urls.journey")),
    path("", include("childrights.participation.urls.results")),
    path("", include("childrights.participation.urls.feedback")),
    path("", include("childrights.participation.urls.safeguarding")),
    path("", include("childrights.participation.urls.themes")),
]
