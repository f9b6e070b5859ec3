"""The child's own space, reached by their personal link and code."""

from django.urls import path

from childrights.myviews.views import child

SPACE = "my-views/<str:access_key>/"

urlpatterns = [
    path(SPACE, child.child_start, name="child_start"),
    path(SPACE + "home/", child.child_home, name="child_home"),
    path(SPACE + "views/", child.child_write, name="child_write"),
    # Before the topics: "check" is not a topic.
    path(SPACE + "views/check/", child.child_check, name="child_check"),
    path(SPACE + "views/<slug:topic>/", child.child_topic, name="child_topic"),
    path(SPACE + "sent/<int:statement_id>/", child.child_statement, name="child_statement"),
    path(SPACE + "sent/<int:statement_id>/listened/", child.child_listened, name="child_listened"),
    path(SPACE + "sent/<int:statement_id>/add/", child.child_add, name="child_add"),
    path(SPACE + "code/", child.child_code, name="child_code"),
    path(SPACE + "not-safe/", child.child_unsafe, name="child_unsafe"),
    path(SPACE + "leave/", child.child_leave, name="child_leave"),
    path(SPACE + "exit/", child.child_exit, name="child_exit"),
]
