"""Install exactly what the lock files say, and check that the lock still covers pyproject.toml.

    python -m tooling.lock install requirements/dev.txt
        installs every package of the lock with its hash and nothing else (no resolver: pip runs
        with --no-deps), removes what the lock no longer names, then runs ``pip check``.

    python -m tooling.lock check
        fails, saying what to run, when a requirement of pyproject.toml (with its extras, and the
        requirements of those, all the way down) is missing from a lock file or locked at a version
        the requirement does not allow, or when the virtual environment differs from the lock.

Only the standard library is used before the lock is installed; ``check`` uses ``packaging``,
which the development lock carries.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ROOT / "requirements"
TOOLS_LOCK = REQUIREMENTS / "tools.txt"
RELOCK = "Run `make lock` to update requirements/, commit the result, then run `make test` again."

_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")


def canonical(name: str) -> str:
    """A distribution name as PEP 503 compares it."""
    return re.sub(r"[-_.]+", "-", name).lower()


def read_lock(text: str) -> dict[str, str]:
    """The ``name==version`` pins of a hash-locked requirements file, by canonical name."""
    pins: dict[str, str] = {}
    for line in text.splitlines():
        match = _PIN.match(line)
        if match:
            pins[canonical(match.group(1))] = match.group(2)
    return pins


def installed() -> dict[str, str]:
    """Every distribution in this interpreter's environment, by canonical name."""
    return {canonical(d.metadata["Name"]): d.version for d in metadata.distributions()}


# --- install -----------------------------------------------------------------------------------


def install(lock: Path) -> None:
    """Make the environment hold exactly ``lock`` and the pinned installer; ``pip check``."""
    pip = [sys.executable, "-m", "pip"]
    subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [*pip, "install", "--quiet", "--no-deps", "--require-hashes", "-r", str(lock)],
        check=True,
    )
    wanted = read_lock(lock.read_text()) | read_lock(TOOLS_LOCK.read_text())
    extra = sorted(set(installed()) - set(wanted) - {"setuptools"})
    if extra:
        print(f"Removing packages {lock.relative_to(ROOT)} does not name: {', '.join(extra)}")
        subprocess.run([*pip, "uninstall", "--quiet", "--yes", *extra], check=True)  # noqa: S603
    result = subprocess.run([*pip, "check"], capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        sys.exit(
            f"The lock {lock.relative_to(ROOT)} is incomplete:\n{result.stdout}{result.stderr}"
            f"{RELOCK}"
        )


# --- check -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    message: str

    def __str__(self) -> str:
        return self.message


def project_requirements(pyproject: Path) -> tuple[list[str], list[str]]:
    """The base and development requirement strings of a pyproject.toml."""
    project = tomllib.loads(pyproject.read_text())["project"]
    base = list(project.get("dependencies", []))
    dev = list(project.get("optional-dependencies", {}).get("dev", []))
    return base, dev


def _requires(name: str, extras: frozenset[str]) -> Iterator[str]:
    """The requirements an installed distribution declares for ``extras`` on this platform,
    without their markers (a requirement whose marker does not hold is left out)."""
    from packaging.requirements import Requirement

    environments = [{"extra": extra} for extra in sorted(extras)] or [{"extra": ""}]
    for text in metadata.requires(name) or []:
        requirement = Requirement(text)
        marker = requirement.marker
        if marker is None or any(marker.evaluate(env) for env in environments):
            requirement.marker = None
            yield str(requirement)


def missing_from_lock(
    requirements: Iterable[str], lock: dict[str, str], lock_name: str, *, follow: bool
) -> list[Problem]:
    """Each requirement (and, with ``follow``, each installed requirement of those, extras
    included) that ``lock`` does not pin at a version the requirement allows."""
    from packaging.requirements import Requirement

    problems: list[Problem] = []
    seen: set[tuple[str, frozenset[str]]] = set()
    queue = [(text, "pyproject.toml") for text in requirements]
    while queue:
        text, wanted_by = queue.pop()
        requirement = Requirement(text)
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
            continue
        name = canonical(requirement.name)
        version = lock.get(name)
        if version is None:
            problems.append(Problem(f"{requirement} (needed by {wanted_by}) is not in {lock_name}"))
            continue
        if not requirement.specifier.contains(version, prereleases=True):
            problems.append(
                Problem(
                    f"{lock_name} pins {name}=={version}, but {wanted_by} asks for {requirement}"
                )
            )
            continue
        key = (name, frozenset(requirement.extras))
        if key in seen or not follow:
            continue
        seen.add(key)
        try:
            children = list(_requires(name, frozenset(requirement.extras)))
        except metadata.PackageNotFoundError:
            continue  # reported by the comparison with the environment
        queue.extend((child, f"{name}{sorted(requirement.extras) or ''}") for child in children)
    return problems


def environment_differences(lock: dict[str, str], present: dict[str, str]) -> list[Problem]:
    """Where the environment and the lock disagree (the installer and setuptools aside)."""
    tools = read_lock(TOOLS_LOCK.read_text())
    problems = []
    for name, version in sorted(lock.items()):
        if present.get(name) != version:
            found = present.get(name, "nothing")
            problems.append(Problem(f"the lock pins {name}=={version}; installed: {found}"))
    for name in sorted(set(present) - set(lock) - set(tools) - {"setuptools"}):
        problems.append(Problem(f"{name}=={present[name]} is installed but not in the lock"))
    return problems


def check(
    pyproject: Path = ROOT / "pyproject.toml",
    requirements: Path = REQUIREMENTS,
    *,
    environment: bool = True,
) -> list[Problem]:
    """Every way the lock files in ``requirements`` fall short of ``pyproject`` and, with
    ``environment``, of the packages installed here."""
    base, dev = project_requirements(pyproject)
    base_lock = read_lock((requirements / "base.txt").read_text())
    dev_lock = read_lock((requirements / "dev.txt").read_text())
    problems = missing_from_lock(base, base_lock, "requirements/base.txt", follow=False)
    problems += missing_from_lock(base + dev, dev_lock, "requirements/dev.txt", follow=environment)
    for name, version in sorted(base_lock.items()):
        if dev_lock.get(name) != version:
            problems.append(
                Problem(f"requirements/base.txt pins {name}=={version}, dev.txt does not")
            )
    if environment:
        problems += environment_differences(dev_lock, installed())
    return problems


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tooling.lock",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("install").add_argument("lock", type=Path)
    checking = commands.add_parser("check")
    checking.add_argument("--pyproject", type=Path, default=ROOT / "pyproject.toml")
    checking.add_argument("--requirements", type=Path, default=REQUIREMENTS)
    arguments = parser.parse_args(argv)
    if arguments.command == "install":
        install(arguments.lock.resolve())
        return 0
    problems = check(arguments.pyproject, arguments.requirements)
    if problems:
        print("The lock files do not match pyproject.toml and the environment:")
        for problem in problems:
            print(f"  - {problem}")
        print(RELOCK)
        return 1
    print("The lock files cover pyproject.toml, and the environment holds exactly the lock.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
