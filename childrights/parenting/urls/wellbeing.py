from django.urls import path

from childrights.parenting.views import wellbeing as views

urlpatterns = [
    path("councils/<int:council_id>/wellbeing/", views.wellbeing_page, name="wellbeing"),
    path("councils/<int:council_id>/wellbeing/new/", views.wellbeing_new, name="wellbeing_new"),
]
