"""The pledge: staff pages to write it, and the public page per council."""

from django.urls import path

from childrights.parenting.views import pledge as views

urlpatterns = [
    path("councils/<int:council_id>/pledge/", views.pledge_page, name="pledge"),
    path("councils/<int:council_id>/pledge/edit/", views.pledge_edit, name="pledge_edit"),
    path("councils/<int:council_id>/pledge/promises/new/", views.promise_new, name="promise_new"),
    path("councils/<int:council_id>/pledge/publish/", views.pledge_publish, name="pledge_publish"),
    path("pledge/promises/<int:commitment_id>/", views.promise_edit, name="promise_edit"),
    path(
        "pledge/promises/<int:commitment_id>/updates/new/",
        views.promise_update,
        name="promise_update",
    ),
    path("corporate-parenting/<str:gss_code>/pledge/", views.public_pledge, name="public_pledge"),
]
