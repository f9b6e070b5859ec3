from django.urls import path

from childrights.api.council import views

app_name = "council_api"
urlpatterns = [
    path("councils/<int:council_id>/api-tokens/", views.token_list, name="tokens"),
    path("councils/<int:council_id>/api-tokens/new/", views.token_new, name="token_new"),
    path("api-tokens/<int:api_token_id>/revoke/", views.token_revoke, name="token_revoke"),
]
