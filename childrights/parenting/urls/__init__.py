from django.urls import include, path

app_name = "parenting"
urlpatterns = [
    path("", include("childrights.parenting.urls.wellbeing")),
]
