from django.urls import include, path

app_name = "voice"
urlpatterns = [
    path("", include("childrights.voice.urls_builder")),
    path("", include("childrights.voice.urls_child")),
    path("", include("childrights.voice.urls_results")),
    path("", include("childrights.voice.urls_safeguarding")),
]
