from django.urls import path

from childrights.programme import views

app_name = "programme"
urlpatterns = [
    path("partners/", views.partner_list, name="partner_list"),
    path("partners/<slug:partner_slug>/", views.partner_detail, name="partner_detail"),
    path("find-your-council/", views.find_your_council, name="find_your_council"),
    path("find-your-council/<str:gss_code>/", views.council_page, name="council"),
    path("join/", views.enquiry_new, name="enquiry_new"),
    path("join/sent/", views.enquiry_sent, name="enquiry_sent"),
    path("manage/", views.manage, name="manage"),
    path("manage/partnerships/add/", views.partnership_add, name="partnership_add"),
    path(
        "manage/partnerships/<int:partnership_id>/",
        views.partnership_manage,
        name="partnership_manage",
    ),
    path(
        "manage/partnerships/<int:partnership_id>/pilots/add/",
        views.pilot_edit,
        name="pilot_add",
    ),
    path("manage/pilots/<int:pilot_id>/", views.pilot_edit, name="pilot_edit"),
    path(
        "manage/partnerships/<int:partnership_id>/figures/add/",
        views.fact_edit,
        name="fact_add",
    ),
    path("manage/figures/<int:fact_id>/", views.fact_edit, name="fact_edit"),
    path("manage/enquiries/", views.enquiry_queue, name="enquiry_queue"),
    path("manage/enquiries/export.csv", views.enquiry_export, name="enquiry_export"),
    path("manage/enquiries/<int:enquiry_id>/", views.enquiry_manage, name="enquiry_manage"),
]
