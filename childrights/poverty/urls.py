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
    path(
        "councils/<int:council_id>/poverty/data-dictionary/",
        views.data_dictionary,
        name="data_dictionary",
    ),
    path(
        "councils/<int:council_id>/poverty/children-sample.csv",
        views.sample_file,
        name="sample_file",
    ),
    path(
        "councils/<int:council_id>/poverty/measures/new/",
        views.measure_new,
        name="measure_new",
    ),
    path("poverty/measures/<int:measure_id>/", views.measure_detail, name="measure"),
    path("poverty/measures/<int:measure_id>/edit/", views.measure_edit, name="measure_edit"),
    path("poverty/data/<int:dataset_id>/", views.dataset_detail, name="dataset"),
    path("poverty/data/<int:dataset_id>/delete/", views.dataset_delete, name="dataset_delete"),
    path("poverty/runs/<int:run_id>/", views.run_detail, name="run"),
    path("poverty/runs/<int:run_id>/results.csv", views.run_download, name="run_download"),
]
