"""How fast one public link, or one group's code, may take answers: counted by every app server
together, without a row or a lock per send.

The count is kept in the database, one row per link or code (``SendRate``), so every app server
sees the same count. Taking sends from it is one ``INSERT ... ON CONFLICT DO UPDATE`` that adds to
the row and reads back the counts of the current window and the one before. The rate is
estimated over a sliding window: the current window's count plus the previous window's, weighted
by how much of it still falls inside the last ``window`` (a fixed window would let twice the limit
through across its edge). Sends are counted before they are judged, so requests sent in parallel
cannot all slip through between a check and a write.

Under a limit of fewer than ``BLOCKS_FROM`` sends a window (the default, 600 a minute, is one),
every send takes one from the row: the count is exact. Under a higher limit, set for a busy
national consultation, a process takes sends in blocks of a thousandth of the limit and uses
them up without asking the database again. Every send to one link updates the same row, and each
update waits for the one before it to commit: counting in blocks keeps that row from becoming the
queue every send stands in. The price is that sends a process took but has not used count as
sent, so a link may be refused up to one block per app server process early, never late.

Nothing grows: there is one row per link or code whatever the traffic, and nothing to prune.
"""

import threading
import time
from dataclasses import dataclass

from django.db import connection

from childrights.core.ratelimit import Limit

BLOCKS_FROM = 1000

# One statement, the same on PostgreSQL and SQLite. Every right-hand side reads the row as it was
# before this statement. A window older than the stored one (from an app server whose clock lags)
# is counted in the stored window.
UPSERT = """
INSERT INTO "participation_sendrate" ("key", "window", "count", "previous")
VALUES (%s, %s, %s, 0)
ON CONFLICT ("key") DO UPDATE SET
    "previous" = CASE
        WHEN excluded."window" <= "participation_sendrate"."window"
            THEN "participation_sendrate"."previous"
        WHEN excluded."window" = "participation_sendrate"."window" + 1
            THEN "participation_sendrate"."count"
        ELSE 0 END,
    "count" = CASE
        WHEN excluded."window" <= "participation_sendrate"."window"
            THEN "participation_sendrate"."count" + excluded."count"
        ELSE excluded."count" END,
    "window" = CASE
        WHEN excluded."window" <= "participation_sendrate"."window"
            THEN "participation_sendrate"."window"
        ELSE excluded."window" END
RETURNING "count", "previous", "window"
"""


@dataclass
class _Held:
    """Sends this process has taken from the shared count and not used yet."""

    window: int
    left: int


_held: dict[str, _Held] = {}
_holding = threading.Lock()


def block_size(limit: Limit) -> int:
    return 1 if limit.per_window < BLOCKS_FROM else limit.per_window // BLOCKS_FROM


def send_allowed(limit: Limit, key: str, *, now: float | None = None) -> bool:
    """Count one send against ``key`` (the link's consultation id, or the code's id, within the
    limit's scope); False when it goes over."""
    length = limit.window.total_seconds()
    moment = time.time() if now is None else now
    window = int(moment // length)
    name = f"{limit.scope}:{key}"
    with _holding:
        held = _held.get(name)
        if held is not None and held.window >= window and held.left > 0:
            held.left -= 1
            return True
    block = block_size(limit)
    with connection.cursor() as cursor:
        cursor.execute(UPSERT, [name, window, block])
        count, previous, stored = cursor.fetchone()
    # A server whose clock is behind the one that opened the stored window counts there.
    window = max(window, stored)
    elapsed = max(0.0, min(1.0, moment / length - window))
    allowed = bool(count + previous * (1 - elapsed) <= limit.per_window)
    with _holding:
        if len(_held) > 10_000:
            _held.clear()
        _held[name] = _Held(window=window, left=block - 1 if allowed else 0)
    return allowed


def send_refund(limit: Limit, key: str) -> None:
    """Give back one send counted by ``send_allowed`` that turned out to be a repeat of answers
    already stored: repeats, however many, never use up a link's limit."""
    name = f"{limit.scope}:{key}"
    if block_size(limit) > 1:
        with _holding:
            held = _held.get(name)
            if held is not None:
                held.left += 1
        return
    with connection.cursor() as cursor:
        cursor.execute(
            'UPDATE "participation_sendrate" SET "count" = "count" - 1 '
            'WHERE "key" = %s AND "count" > 0',
            [name],
        )
