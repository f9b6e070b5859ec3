from django.urls import path

from childrights.outcomes.views import training as views

urlpatterns = [
    path("councils/<int:council_id>/training/", views.training_overview, name="training"),
    path(
        "councils/<int:council_id>/training/courses/",
        views.course_list,
        name="training_courses",
    ),
    path(
        "councils/<int:council_id>/training/courses/new/",
        views.course_new,
        name="training_course_new",
    ),
    path(
        "councils/<int:council_id>/training/people/",
        views.trainee_list,
        name="training_trainees",
    ),
    path(
        "councils/<int:council_id>/training/people/new/",
        views.trainee_new,
        name="training_trainee_new",
    ),
    path(
        "councils/<int:council_id>/training/numbers-in-roles/",
        views.role_counts,
        name="training_role_counts",
    ),
    path("training/courses/<int:course_id>/", views.course_detail, name="training_course"),
    path(
        "training/courses/<int:course_id>/edit/",
        views.course_edit,
        name="training_course_edit",
    ),
    path(
        "training/courses/<int:course_id>/sessions/new/",
        views.session_new,
        name="training_session_new",
    ),
    path("training/sessions/<int:session_id>/", views.session_detail, name="training_session"),
    path(
        "training/sessions/<int:session_id>/people/new/",
        views.session_person_new,
        name="training_session_person_new",
    ),
    path(
        "training/attendance/<int:attendance_id>/",
        views.attendance_edit,
        name="training_attendance",
    ),
    path(
        "training/attendance/<int:attendance_id>/certificate/",
        views.certificate,
        name="training_certificate",
    ),
    path("training/people/<int:trainee_id>/", views.trainee_detail, name="training_trainee"),
    path(
        "training/people/<int:trainee_id>/edit/",
        views.trainee_edit,
        name="training_trainee_edit",
    ),
]
