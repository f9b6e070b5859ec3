from django.urls import path

from childrights.voice import views_safeguarding as views

urlpatterns = [
    path("councils/<int:council_id>/safeguarding/", views.concerns, name="concerns"),
]
