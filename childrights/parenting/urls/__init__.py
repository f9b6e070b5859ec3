from django.urls import include, path

app_name = "parenting"
urlpatterns = [
    path("", include("childrights.parenting.urls.pledge")),
    path("", include("childrights.parenting.urls.report")),
    path("", include("childrights.parenting.urls.wellbeing")),
]
