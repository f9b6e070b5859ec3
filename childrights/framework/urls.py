from django.urls import path

from childrights.framework import views

app_name = "framework"
urlpatterns = [
    path("uncrc/", views.article_list, name="article_list"),
    path("uncrc/article-<int:number>/", views.article_detail, name="article_detail"),
    path("principles/", views.principle_list, name="principle_list"),
    path("themes/", views.theme_list, name="theme_list"),
    path("frameworks/", views.framework_list, name="framework_list"),
    path(
        "manage/principles/<slug:principle_slug>/", views.indicator_manage, name="indicator_manage"
    ),
    path("manage/indicators/<int:indicator_id>/", views.indicator_edit, name="indicator_edit"),
]
