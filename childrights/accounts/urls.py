from django.contrib.auth import views as auth_views
from django.urls import path

from childrights.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="login"),
    path("sign-in/code/", views.sign_in_code, name="sign_in_code"),
    path("sign-in/council/", views.sso_start, name="sso_start"),
    path("sign-out/", views.sign_out, name="logout"),
    path("account/", views.account, name="account"),
    path("account/mobile/", views.account_mobile, name="account_mobile"),
    path("account/mobile/confirm/", views.account_mobile_confirm, name="account_mobile_confirm"),
    path("account/two-factor/", views.two_factor_setup, name="two_factor_setup"),
    path("account/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("account/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password-reset/", views.password_reset, name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("councils/", views.dashboard, name="dashboard"),
    path("councils/<int:council_id>/", views.council_home, name="council_home"),
    path("councils/<int:council_id>/team/", views.council_team, name="council_team"),
    path("councils/<int:council_id>/team/add/", views.council_team_add, name="council_team_add"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path(
        "team-invitations/<int:invitation_id>/confirm/",
        views.invitation_confirm,
        name="invitation_confirm",
    ),
    path(
        "memberships/<int:membership_id>/remove/",
        views.membership_remove,
        name="membership_remove",
    ),
]
