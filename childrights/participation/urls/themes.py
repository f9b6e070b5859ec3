"""Themes in children's written answers: finding them, and the staff's work on each one."""

from django.urls import path

from childrights.participation.views import themes

urlpatterns = [
    path("consultations/<int:consultation_id>/themes/", themes.themes_page, name="themes"),
    path("written-themes/<int:found_theme_id>/", themes.theme_answers, name="theme_answers"),
    path("written-themes/<int:found_theme_id>/rename/", themes.theme_rename, name="theme_rename"),
    path("written-themes/<int:found_theme_id>/merge/", themes.theme_merge, name="theme_merge"),
    path("written-themes/<int:found_theme_id>/split/", themes.theme_split, name="theme_split"),
    path("written-themes/<int:found_theme_id>/reviewed/", themes.theme_review, name="theme_review"),
    path(
        "written-themes/<int:found_theme_id>/you-said/",
        themes.theme_you_said,
        name="theme_you_said",
    ),
    path("written-themes/answers/<int:placed_id>/move/", themes.answer_move, name="answer_move"),
]
