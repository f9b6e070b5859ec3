"""Council API tokens for tests."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from childrights.api import tokens
from childrights.api.models import CouncilToken
from childrights.core.actors import Actor
from childrights.councils.models import Council

ALL_ACTIONS = list(CouncilToken.Action.values)


def make_api_token(
    *,
    council: Council,
    actions: list[str] | None = None,
    name: str | None = None,
    days: int = 30,
    actor: Actor | None = None,
) -> tokens.Created:
    """A live token of the council (all actions unless given), with its secret."""
    return tokens.token_create(
        actor=actor or Actor(),
        council=council,
        name=name or f"Token {CouncilToken.objects.count() + 1}",
        actions=actions if actions is not None else ALL_ACTIONS,
        expires_on=timezone.localdate() + timedelta(days=days),
    )


def bearer(secret: str) -> dict[str, Any]:
    """Keyword arguments for the test client that send the token."""
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
