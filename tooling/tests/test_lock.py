"""The lock check fails, saying what to run, whenever the lock no longer covers pyproject.toml."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tooling import lock

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's pyproject.toml and lock files to change."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(ROOT / "requirements", tmp_path / "requirements")
    return tmp_path


def _messages(project: Path, *, environment: bool = False) -> list[str]:
    return [
        str(p)
        for p in lock.check(
            project / "pyproject.toml", project / "requirements", environment=environment
        )
    ]


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_the_committed_lock_covers_pyproject_and_the_environment():
    assert [str(p) for p in lock.check()] == []


def test_a_dependency_added_without_relocking_is_named(project):
    _replace(project / "pyproject.toml", '"gunicorn",', '"gunicorn",\n    "left-pad-for-tests",')
    messages = _messages(project)
    assert any("left-pad-for-tests" in m and "requirements/base.txt" in m for m in messages)
    assert any("left-pad-for-tests" in m and "requirements/dev.txt" in m for m in messages)


def test_a_development_dependency_added_without_relocking_is_named(project):
    _replace(project / "pyproject.toml", '"pytest-xdist",', '"pytest-xdist",\n    "pytest-nope",')
    assert any("pytest-nope" in m and "dev.txt" in m for m in _messages(project))


def test_a_version_the_requirement_no_longer_allows_is_named(project):
    _replace(project / "pyproject.toml", '"Django>=5.2,<5.3"', '"Django>=6.0"')
    assert any("django==5.2" in m and "Django>=6.0" in m for m in _messages(project))


def test_a_package_an_extra_needs_must_be_locked_too(project):
    """weasyprint asks for fonttools[woff]; the woff extra needs brotli. A lock that dropped it
    is incomplete even though pip would install everything it names without complaint."""
    dev = project / "requirements" / "dev.txt"
    dev.write_text(dev.read_text().replace("\nbrotli==", "\nbrotli-gone=="))
    messages = _messages(project, environment=True)
    assert any(m.startswith("brotli") and "fonttools['woff']" in m for m in messages)


def test_base_and_dev_must_pin_the_same_versions(project):
    base = project / "requirements" / "base.txt"
    base.write_text(base.read_text().replace("\nqrcode==8.2 ", "\nqrcode==8.1 "))
    assert any("qrcode==8.1" in m for m in _messages(project))


def test_the_command_fails_with_what_to_run(project):
    _replace(project / "pyproject.toml", '"gunicorn",', '"gunicorn",\n    "left-pad-for-tests",')
    result = subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        [
            sys.executable,
            "-m",
            "tooling.lock",
            "check",
            "--pyproject",
            str(project / "pyproject.toml"),
            "--requirements",
            str(project / "requirements"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "left-pad-for-tests" in result.stdout
    assert "Run `make lock`" in result.stdout
