"""The numbers of disclosure control are written once, in ``core/disclosure.py``.

Everything else asks ``may_show`` or takes ``SMALLEST_SHOWN`` and ``ROUND_TO`` from there, and
templates read ``disclosure.smallest_shown`` and ``disclosure.round_to``: so the rules, and every
sentence that tells people about them, change together. This fails on either number written as
a literal where it means disclosure control: compared with in code, or written in a sentence,
docstring or comment about what is shown, hidden or rounded, in any production module or any
template. (Tests may write the numbers: they check the rules.)
"""

import ast
import io
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path

import childrights
from childrights.core.disclosure import ROUND_TO, SMALLEST_SHOWN
from childrights.testing.source import python_modules

ROOT = Path(childrights.__file__).parent
THE_RULES = ROOT / "core" / "disclosure.py"
LEFT_OUT_FOLDERS = {"tests", "browser_tests", "migrations", "testing"}

# The threshold within a few words of what it decides, either side.
_DECIDING = (
    r"(?:fewer|under|less|below|fewest|smallest|at least|suppress\w*|hid\w*|shown?|withh\w*)"
)
_NEAR = r"\W+(?:[\w’'-]+\W+){0,4}?"
_SMALLEST = rf"(?<![\d,.]){SMALLEST_SHOWN}(?![,.]?\d)"  # not a part of 10,000,000 or 1.10
SMALLEST_WRITTEN = re.compile(
    rf"\b{_DECIDING}{_NEAR}{_SMALLEST}|{_SMALLEST}{_NEAR}{_DECIDING}\b", re.IGNORECASE
)
# The rounding step after "nearest" or "rounded to".
ROUND_TO_WRITTEN = re.compile(rf"\b(?:nearest|rounded to)\s+{ROUND_TO}(?![,.]?\d)", re.IGNORECASE)


def _found_in(text: str) -> list[str]:
    return [
        match.group(0)
        for pattern in (SMALLEST_WRITTEN, ROUND_TO_WRITTEN)
        for match in pattern.finditer(text)
    ]


def _is_production(path: Path, root: Path) -> bool:
    return not LEFT_OUT_FOLDERS.intersection(path.relative_to(root).parts[:-1]) and (
        path.name != "conftest.py"
    )


def _is_the_threshold(node: ast.expr) -> bool:
    """The number itself, or ``SMALLEST_SHOWN`` by name: a count is compared with it only in
    ``core.disclosure`` (``may_show``)."""
    if isinstance(node, ast.Constant):
        return type(node.value) is int and node.value == SMALLEST_SHOWN
    if isinstance(node, ast.Name):
        return node.id == "SMALLEST_SHOWN"
    return isinstance(node, ast.Attribute) and node.attr == "SMALLEST_SHOWN"


def python_problems(path: Path) -> Iterator[str]:
    """The rules' numbers in one module: compared with, or written in a string or comment."""
    source = path.read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source, filename=str(path))):
        if isinstance(node, ast.Compare) and any(
            _is_the_threshold(operand) for operand in [node.left, *node.comparators]
        ):
            yield f"{path}:{node.lineno}: compares with the threshold; ask core.disclosure.may_show"
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            for found in _found_in(node.value):
                yield f"{path}:{node.lineno}: {found!r}"
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            for found in _found_in(token.string):
                yield f"{path}:{token.start[0]}: {found!r} in a comment"


def template_problems(path: Path) -> Iterator[str]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        for found in _found_in(line):
            yield f"{path}:{number}: {found!r}"


def problems_under(root: Path) -> list[str]:
    problems: list[str] = []
    for path in python_modules(root):
        if _is_production(path, root) and path != THE_RULES:
            problems += python_problems(path)
    for path in sorted(root.rglob("templates/**/*")):
        if path.is_file() and path.suffix in {".html", ".txt"}:
            problems += template_problems(path)
    return problems


def test_the_numbers_of_disclosure_control_are_written_only_in_core_disclosure():
    problems = problems_under(ROOT)
    assert not problems, (
        "Take the numbers from core.disclosure (may_show, SMALLEST_SHOWN, ROUND_TO, stated; "
        "disclosure.smallest_shown and disclosure.round_to in templates):\n" + "\n".join(problems)
    )


def test_the_check_finds_the_numbers_written_in_a_sentence_and_a_comparison(tmp_path):
    module = tmp_path / "app" / "presenters.py"
    module.parent.mkdir()
    module.write_text(
        "def shown(n):\n"
        f"    # Hidden under {SMALLEST_SHOWN}.\n"
        f"    if n < {SMALLEST_SHOWN}:\n"
        f'        return _("Fewer than {SMALLEST_SHOWN} children")\n'
        f'    return _("Rounded to the nearest {ROUND_TO}.")\n'
        "def enough(n):\n"
        "    return n >= disclosure.SMALLEST_SHOWN\n"
    )
    template = tmp_path / "app" / "templates" / "app" / "page.html"
    template.parent.mkdir(parents=True)
    template.write_text(
        f'<p>{{% translate "Groups of {SMALLEST_SHOWN} or more children are shown" %}}</p>\n'
        f'<p>{{% translate "Back within {SMALLEST_SHOWN} working days" %}}</p>\n'
    )
    found = {
        problem.split(": ", 1)[0].removeprefix(f"{tmp_path}/")
        for problem in problems_under(tmp_path)
    }
    assert found == {
        "app/presenters.py:2",
        "app/presenters.py:3",
        "app/presenters.py:4",
        "app/presenters.py:5",
        "app/presenters.py:7",
        "app/templates/app/page.html:1",
    }
