"""A reason something cannot be done yet, with where it is put right.

``Problem`` is the words (a ``str``, so lists of problems read, compare and join as before) and
the address of the page and field where the person fixes it; "cannot yet" lists show it as a
link (``core/problems.html``)."""

from typing import Any


class Problem(str):
    url: str

    def __new__(cls, text: Any, url: str = "") -> "Problem":
        problem = super().__new__(cls, str(text))
        problem.url = url
        return problem
