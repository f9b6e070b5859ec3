from django.urls import path

from childrights.poverty import views

app_name = "poverty"
urlpatterns = [
    path("councils/<int:council_id>/poverty/", views.overview, name="overview"),
    path(
        "councils/<int:council_id>/poverty/upload/",
        views.dataset_upload,
        name="dataset_upload",
    ),
]
