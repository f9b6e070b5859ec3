from django.urls import path

from childrights.participation.views import safeguarding as views

urlpatterns = [
    path("councils/<int:council_id>/safeguarding/", views.concerns, name="concerns"),
]
