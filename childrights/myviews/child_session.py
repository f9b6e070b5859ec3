"""The child's visit to their own space, held in the browser's session under one key.

A visit opens when the child types their code at their link (or when an allocated worker opens
the space beside the child, ``with_worker``: the simpler pages, for as long as that worker is
allocated; the child's views sent to others are not shown in it). It names the child and the
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
    # The allocated worker beside the child, in a visit a worker opened.
    worker_id: int | None = None


def visit_open(session: Any, *, child: Child, worker_id: int | None = None) -> Visit:
    """Open the child's space on this browser: by the child's code, or (``worker_id``) by an
    allocated worker beside the child. A new session key, so that a key someone saw before the
    code was typed opens nothing."""
    session.cycle_key()
    visit = Visit(
        child_id=child.pk,
        code_version=child.code_version,
        with_worker=worker_id is not None,
        worker_id=worker_id,
    )
    session[SESSION_KEY] = {
        "child": visit.child_id,
        "code_version": visit.code_version,
        "with_worker": visit.with_worker,
        "worker": visit.worker_id,
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
    worker_id = held.get("worker")
    # A worker's visit lasts while they are still allocated to the child and active.
    if held.get("with_worker") and not (
        isinstance(worker_id, int) and still_allocated(child, worker_id)
    ):
        return None
    return Visit(
        child_id=child.pk,
        code_version=child.code_version,
        with_worker=bool(held.get("with_worker")),
        worker_id=worker_id if isinstance(worker_id, int) else None,
    )


def still_allocated(child: Child, worker_id: int) -> bool:
    return child.allocations.filter(user_id=worker_id, user__is_active=True).exists()


def visit_end(session: Any, *, keep_the_rest: bool = False) -> None:
    """End the visit. The whole session goes, unless it holds more than the visit (a worker
    signed in on the device they opened the space on): then only the visit goes."""
    if keep_the_rest:
        session.pop(SESSION_KEY, None)
        session.cycle_key()
    else:
        session.flush()
