"""A service's own page for the council's staff, and where, when and whom to ask, under
/councils/<id>/services/<service id>/."""

from django.urls import path

from childrights.directory.views import service_details as views

SERVICE = "councils/<int:council_id>/services/<uuid:service_id>/"
PLACE = SERVICE + "places/<uuid:location_id>/"
OPENING_TIME = SERVICE + "opening-times/<uuid:opening_time_id>/"
CONTACT = SERVICE + "contacts/<uuid:contact_id>/"

urlpatterns = [
    path(SERVICE, views.service_page, name="record_service"),
    path(SERVICE + "places/new/", views.place_new, name="record_place_new"),
    path(SERVICE + "places/choose/", views.place_choose, name="record_place_choose"),
    path(PLACE, views.place_edit, name="record_place_edit"),
    path(PLACE + "remove/", views.place_remove, name="record_place_remove"),
    path(SERVICE + "opening-times/add/", views.opening_time_add, name="record_opening_time_add"),
    path(OPENING_TIME, views.opening_time_edit, name="record_opening_time_edit"),
    path(OPENING_TIME + "remove/", views.opening_time_remove, name="record_opening_time_remove"),
    path(SERVICE + "contacts/add/", views.contact_add, name="record_contact_add"),
    path(CONTACT, views.contact_edit, name="record_contact_edit"),
    path(CONTACT + "remove/", views.contact_remove, name="record_contact_remove"),
]
