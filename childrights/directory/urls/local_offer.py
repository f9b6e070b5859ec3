from django.urls import path

from childrights.directory.views import local_offer

urlpatterns = [
    path("local-offers/", local_offer.offers_list, name="local_offers"),
    path("local-offers/<str:gss_code>/", local_offer.offer_page, name="local_offer"),
    path(
        "local-offers/<str:gss_code>/checklist/",
        local_offer.checklist,
        name="local_offer_checklist",
    ),
    path(
        "councils/<int:council_id>/local-offer/edit/",
        local_offer.offer_edit,
        name="local_offer_edit",
    ),
    path(
        "councils/<int:council_id>/local-offer/edit/details/",
        local_offer.offer_details,
        name="local_offer_details",
    ),
    path(
        "councils/<int:council_id>/local-offer/edit/publish/",
        local_offer.offer_publish,
        name="local_offer_publish",
    ),
    path(
        "councils/<int:council_id>/local-offer/edit/entitlements/add/",
        local_offer.entitlement_add,
        name="entitlement_add",
    ),
    path(
        "councils/<int:council_id>/local-offer/edit/entitlements/<uuid:entitlement_id>/",
        local_offer.entitlement_edit,
        name="entitlement_edit",
    ),
    path(
        "councils/<int:council_id>/local-offer/edit/entitlements/<uuid:entitlement_id>/remove/",
        local_offer.entitlement_remove,
        name="entitlement_remove",
    ),
]
