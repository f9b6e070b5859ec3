from django.urls import include, path

app_name = "outcomes"
urlpatterns = [
    path("", include("childrights.outcomes.urls.self_assessment")),
    path("", include("childrights.outcomes.urls.indicators")),
    path("", include("childrights.outcomes.urls.evaluation")),
    path("", include("childrights.outcomes.urls.training")),
    path("", include("childrights.outcomes.urls.reports")),
]
