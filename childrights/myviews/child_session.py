"""The child's visit to their own space, held in the browser's session under one key.

A visit opens when the child types their code at their link (or when an allocated worker opens
the space beside the child, ``with_worker``: the simpler pages). It names the child and the
version of the code it was opened with: when the code is changed or reissued, the version moves
on and every visit opened with the old code ends. One visit at a time: opening another child's
space on the same browser ends the first.
"""

from dataclasses import dataclass
from typing import Any

from childrights.myviews.models import Child

SESSION_KEY = "myviews:child"


@dataclass(frozen=True)
class Visit:
    child_id: int
    code_version: int
    with_worker: bool = False


def visit_open(session: Any, *, child: Child, with_worker: bool = False) -> Visit:
    """Open the child's space on this browser. A new session key, so that a key someone saw
    before the code was typed opens nothing."""
    session.cycle_key()
    visit = Visit(child_id=child.pk, code_version=child.code_version, with_worker=with_worker)
    session[SESSION_KEY] = {
        "child": visit.child_id,
        "code_version": visit.code_version,
        "with_worker": visit.with_worker,
    }
    return visit


def visit_of(session: Any, child: Child) -> Visit | None:
    """The open visit to this child's space, or None: none open, another child's, or opened with
    a code that has changed since."""
    held = session.get(SESSION_KEY)
    if not isinstance(held, dict):
        return None
    if held.get("child") != child.pk or held.get("code_version") != child.code_version:
        return None
    return Visit(
        child_id=child.pk,
        code_version=child.code_version,
        with_worker=bool(held.get("with_worker")),
    )


def visit_end(session: Any, *, keep_the_rest: bool = False) -> None:
    """End the visit. The whole session goes, unless it holds more than the visit (a worker
    signed in on the device they opened the space on): then only the visit goes."""
    if keep_the_rest:
        session.pop(SESSION_KEY, None)
        session.cycle_key()
    else:
        session.flush()
