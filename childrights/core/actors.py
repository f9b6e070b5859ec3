"""Who is acting: the person behind a write and the address they wrote from.

Services take an :class:`Actor` rather than the request, so views, background tasks, management
commands and an API can all call the same service, and the audit log still records who acted and
from where. A view makes one from its request; a task or a command acting for nobody in particular
passes ``Actor()``, the system, with neither a person nor an address.
"""

from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from django.http import HttpRequest

from childrights.core.clients import client_ip


@runtime_checkable
class Person(Protocol):
    """What the audit log needs of someone who acts; the accounts app's User provides it."""

    @property
    def pk(self) -> Any: ...

    @property
    def email(self) -> str: ...


@dataclass(frozen=True)
class Actor:
    """The person who acts (None for the system) and the client address they acted from."""

    person: Person | None = None
    client_ip: str | None = None

    @classmethod
    def from_request(cls, request: HttpRequest) -> "Actor":
        """The request's signed-in person (None when nobody is signed in) and its address."""
        user = request.user
        person = user if user.is_authenticated and isinstance(user, Person) else None
        return cls(person=person, client_ip=client_ip(request))
