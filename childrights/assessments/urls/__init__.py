from django.urls import include, path

app_name = "assessments"
urlpatterns = [
    path("", include("childrights.assessments.urls.editor")),
    path("", include("childrights.assessments.urls.workflow")),
    path("", include("childrights.assessments.urls.register")),
    path("", include("childrights.assessments.urls.commissioning")),
]
