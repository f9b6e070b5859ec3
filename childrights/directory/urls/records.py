"""A council's own directory, for its staff, under /councils/<id>/services/."""

from django.urls import path

from childrights.directory.views import records

PREFIX = "councils/<int:council_id>/services/"
SERVICE = PREFIX + "<uuid:service_id>/"

urlpatterns = [
    path(PREFIX, records.service_list, name="records"),
    path(PREFIX + "new/", records.service_new, name="record_new"),
    path(PREFIX + "suggestions/", records.suggestion_list, name="record_suggestions"),
    path(SERVICE + "edit/", records.service_edit, name="record_edit"),
    path(SERVICE + "publish/", records.service_publish, name="record_publish"),
    path(SERVICE + "unpublish/", records.service_unpublish, name="record_unpublish"),
    path(SERVICE + "checked/", records.service_checked, name="record_checked"),
    path(SERVICE + "history/", records.service_history, name="record_history"),
]
