"""Actors for tests that call services directly."""

from childrights.accounts.models import User
from childrights.core.actors import Actor


def actor_for(user: User) -> Actor:
    """The user acting from the address Django's test client and RequestFactory give."""
    return Actor(person=user, client_ip="127.0.0.1")
