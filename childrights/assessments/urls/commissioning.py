from django.urls import path

from childrights.assessments.views import commissioning as views

urlpatterns = [
    path("councils/<int:council_id>/commissioning/", views.projects, name="projects"),
    path("councils/<int:council_id>/commissioning/new/", views.project_new, name="project_new"),
    path("commissioning/<int:project_id>/", views.project_detail, name="project"),
    path(
        "commissioning/<int:project_id>/stages/<str:stage>/",
        views.project_stage,
        name="project_stage",
    ),
    path(
        "commissioning/<int:project_id>/close-stage/",
        views.project_close_stage,
        name="project_close_stage",
    ),
    path("commissioning/<int:project_id>/links/", views.project_links, name="project_links"),
]
