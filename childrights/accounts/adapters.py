"""django-allauth's adapters for council single sign-on (ADR 0022): allauth makes nobody's
account, and signs nobody in itself. Its apps come from each council's SingleSignOn; once allauth
has checked the provider's ID token, ``sso.sso_decide`` says who (if anyone) it signs in, and the
service's own sign-in does the rest (``views.sso_sign_in_complete``)."""

import logging
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp, SocialLogin
from django.http import HttpRequest

from childrights.accounts import sso
from childrights.accounts.models import SingleSignOn
from childrights.accounts.views import sso_sign_in_complete

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    """Nobody signs up through allauth: staff accounts come from invitations."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False


class SocialAccountAdapter(DefaultSocialAccountAdapter):  # type: ignore[misc]
    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        return False

    def list_apps(
        self, request: HttpRequest | None, provider: str | None = None, client_id: str | None = None
    ) -> list[SocialApp]:
        apps = [
            sso.social_app(config)
            for config in SingleSignOn.objects.filter(enabled=True).select_related("council")
        ]
        if provider:
            apps = [app for app in apps if provider in (app.provider, app.provider_id)]
        if client_id:
            apps = [app for app in apps if app.client_id == client_id]
        return apps

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        """Decide, and sign in (or refuse) here: allauth never signs anyone in itself."""
        config = sso.sso_for_provider(sociallogin.account.provider)
        claims = sociallogin.account.extra_data.get("id_token") or {}
        if config is None:
            raise ImmediateHttpResponse(sso.refused(request, reason="failed", config=None))
        decision = sso.sso_decide(config=config, claims=claims)
        if decision.user is None:
            raise ImmediateHttpResponse(
                sso.refused(request, reason=decision.reason, config=config, email=decision.email)
            )
        sso.sso_link(user=decision.user, **decision.link)
        device = sso.sso_second_factor(decision.user) if decision.multi_factor else None
        raise ImmediateHttpResponse(
            sso_sign_in_complete(
                request,
                user=decision.user,
                device=device,
                council=config.council,
                next_url=str(sociallogin.state.get("next") or ""),
            )
        )

    def on_authentication_error(
        self,
        request: HttpRequest,
        provider: Any,
        error: Any = None,
        exception: Any = None,
        extra_context: Any = None,
    ) -> None:
        """The provider said no, or the exchange failed: our own page, never allauth's."""
        logger.warning("Council sign-in failed: %s %r", error, exception)
        config = sso.sso_for_provider(
            getattr(getattr(provider, "app", None), "provider_id", "") or ""
        )
        raise ImmediateHttpResponse(sso.refused(request, reason="failed", config=config))
