from django.urls import include, path

app_name = "myviews"
urlpatterns = [
    path("", include("childrights.myviews.urls.child")),
    path("", include("childrights.myviews.urls.staff")),
]
