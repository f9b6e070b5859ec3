"""The Welsh catalogue (childrights/locale/cy/LC_MESSAGES/django.po) is current, complete and safe.

Every user-facing string must exist in Welsh. These tests fail when a developer adds, changes or
removes a string without running `make messages`, when an entry is left untranslated or fuzzy,
and when a translation loses or changes a placeholder that Django fills in at run time.
"""

import re
import shutil
from collections import Counter
from pathlib import Path

import django
import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

# The same options as `make messages` (see MAKEMESSAGES in the Makefile).
IGNORED_PATHS = [".venv", "node_modules", "var", "static-build", "bench"]

# makemessages writes each string into the nearest `locale` folder it finds while walking the
# project, whatever LOCALE_PATHS says. Hiding every `locale` folder from the walk makes it use
# LOCALE_PATHS, so the regenerated catalogue lands in tmp_path and the committed one is untouched.
# Those folders hold only catalogues, so no source string is lost by skipping them.
HIDDEN_FROM_THE_WALK = ["locale"]

# A %-format directive, named or not, and the escaped percent sign `%%`.
FORMAT_DIRECTIVE = re.compile(
    r"%%|%(?:\([^)]*\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa]"
)

Key = tuple[str | None, str, str]


def _locale_dir() -> Path:
    return Path(settings.LOCALE_PATHS[0])


def _committed_path() -> Path:
    return _locale_dir() / "cy" / "LC_MESSAGES" / "django.po"


def _key(entry) -> Key:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def _describe(key: Key) -> str:
    msgctxt, msgid, msgid_plural = key
    text = repr(msgid)
    if msgid_plural:
        text += f" (plural {msgid_plural!r})"
    if msgctxt:
        text += f" [context {msgctxt!r}]"
    return text


def _live(catalogue):
    return [entry for entry in catalogue if not entry.obsolete]


def _nplurals(catalogue) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", catalogue.metadata.get("Plural-Forms", ""))
    return int(match[1]) if match else 1


def _directives(text: str) -> Counter[str]:
    return Counter(FORMAT_DIRECTIVE.findall(text))


@pytest.fixture
def catalogue():
    return polib.pofile(str(_committed_path()))


@pytest.fixture
def regenerated(tmp_path, monkeypatch):
    """Run makemessages as `make messages` does, on a copy of the locale folder in tmp_path.

    Returns the regenerated catalogue and whether the committed file was left alone."""
    committed = _committed_path()
    before = (committed.read_bytes(), committed.stat().st_mtime_ns)
    locale = tmp_path / "locale"
    shutil.copytree(_locale_dir(), locale)
    monkeypatch.chdir(settings.BASE_DIR)
    with override_settings(LOCALE_PATHS=[locale]):
        call_command(
            "makemessages",
            locale=["cy"],
            no_location=True,
            no_obsolete=True,
            ignore_patterns=IGNORED_PATHS + HIDDEN_FROM_THE_WALK,
            verbosity=0,
        )
    after = (committed.read_bytes(), committed.stat().st_mtime_ns)
    regenerated = polib.pofile(str(locale / "cy" / "LC_MESSAGES" / "django.po"))
    return regenerated, before == after


def test_checking_the_catalogue_leaves_the_committed_file_untouched(regenerated):
    _, committed_file_untouched = regenerated
    assert committed_file_untouched, (
        f"makemessages wrote into {_committed_path()} instead of the copy in tmp_path"
    )


def test_catalogue_is_current_with_the_source(regenerated, catalogue):
    regenerated_catalogue, _ = regenerated
    in_source = {_key(entry) for entry in regenerated_catalogue}
    # Obsolete (#~) entries count as committed, so they show up as strings to remove.
    committed = {_key(entry) for entry in catalogue}
    added = sorted(in_source - committed, key=_describe)
    removed = sorted(committed - in_source, key=_describe)
    report = ["The Welsh catalogue is out of date with the source."]
    if added:
        report.append("Strings in the source but missing from the catalogue:")
        report += [f"  + {_describe(key)}" for key in added]
    if removed:
        report.append("Strings in the catalogue but no longer in the source:")
        report += [f"  - {_describe(key)}" for key in removed]
    report.append("Run `make messages`, translate the new entries into Welsh, and commit the .po.")
    assert not added + removed, "\n".join(report)


def test_catalogue_header_declares_welsh_and_djangos_plural_rule(catalogue):
    djangos_own = polib.pofile(
        str(Path(django.__file__).parent / "conf" / "locale" / "cy" / "LC_MESSAGES" / "django.po")
    )
    problems = []
    if catalogue.metadata_is_fuzzy:
        problems.append("the header is marked fuzzy, so msgfmt ignores it")
    if catalogue.metadata.get("Language") != "cy":
        problems.append(f"Language is {catalogue.metadata.get('Language')!r}, not 'cy'")
    if "charset=UTF-8" not in catalogue.metadata.get("Content-Type", ""):
        problems.append("Content-Type does not declare charset=UTF-8")
    if catalogue.metadata.get("Plural-Forms") != djangos_own.metadata["Plural-Forms"]:
        problems.append(
            f"Plural-Forms is {catalogue.metadata.get('Plural-Forms')!r}, "
            f"but Django's Welsh catalogue uses {djangos_own.metadata['Plural-Forms']!r}"
        )
    assert not problems, "The Welsh catalogue header is wrong:\n" + "\n".join(
        f"  - {problem}" for problem in problems
    )


def test_every_message_has_a_welsh_translation(catalogue):
    nplurals = _nplurals(catalogue)
    problems = []
    for entry in _live(catalogue):
        described = _describe(_key(entry))
        if entry.fuzzy:
            problems.append(f"  - {described} is marked fuzzy")
        elif entry.msgid_plural:
            empty = [
                f"msgstr[{form}]"
                for form in range(nplurals)
                if not entry.msgstr_plural.get(form, "").strip()
            ]
            if empty:
                problems.append(f"  - {described} has no Welsh in {', '.join(empty)}")
        elif not entry.msgstr.strip():
            problems.append(f"  - {described} has no Welsh translation")
    assert not problems, (
        f"{len(problems)} entries in {_committed_path().name} need Welsh "
        f"(every plural entry needs all {nplurals} forms, and none may be fuzzy):\n"
        + "\n".join(problems)
    )


def test_translations_keep_every_placeholder_of_the_english(catalogue):
    problems = []
    for entry in _live(catalogue):
        if "python-format" not in entry.flags:
            continue
        if entry.msgid_plural:
            expected = _directives(entry.msgid_plural)
            translations = {f"msgstr[{form}]": text for form, text in entry.msgstr_plural.items()}
        else:
            expected = _directives(entry.msgid)
            translations = {"msgstr": entry.msgstr}
        for field, text in sorted(translations.items()):
            found = _directives(text)
            if text and found != expected:
                problems.append(
                    f"  - {_describe(_key(entry))}: {field} has {sorted(found.elements())}, "
                    f"the English has {sorted(expected.elements())}"
                )
    assert not problems, (
        "These Welsh translations drop, add or change a placeholder. Keep every %(name)s "
        "exactly as in the English (and write a literal percent sign as %%):\n"
        + "\n".join(problems)
    )
