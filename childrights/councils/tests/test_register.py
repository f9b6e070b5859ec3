from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from childrights.councils.models import Council, Nation
from childrights.councils.register import COLUMNS, REGISTER_FILE, RegisterError, register_import

OFFICIAL_TOTALS = {
    Nation.ENGLAND: 317,
    Nation.SCOTLAND: 32,
    Nation.WALES: 22,
    Nation.NORTHERN_IRELAND: 11,
}
HEADER = ",".join(COLUMNS)


def _write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "councils.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("nation", "total"), OFFICIAL_TOTALS.items())
def test_the_register_has_every_current_council_of_each_nation(db, nation, total):
    current = Council.objects.filter(nation=nation, end_date__isnull=True, is_demo=False)
    assert current.count() == total


def test_derry_city_council_links_to_its_successor(db):
    derry = Council.objects.get(name="Derry City Council")
    assert derry.end_date is not None
    assert derry.successor.name == "Derry City and Strabane District Council"
    assert derry.successor.gss_code == "N09000005"


def test_importing_the_register_again_changes_nothing(db):
    before = Council.objects.count()
    summary = register_import()
    assert "0 new" in summary
    assert Council.objects.count() == before


def test_a_malformed_file_is_refused_whole_with_line_numbered_errors(db, tmp_path):
    path = _write(
        tmp_path,
        "E06099901,Good Council,Good,england,unitary,https://good.example,,,,",
        "E0609,Short Code Council,Short,england,unitary,,,,,",
        "S06099902,Wrong Nation Council,Wrong,england,unitary,,,,,",
        "E06099901,Duplicate Council,Duplicate,england,unitary,,,,,",
        "E07099903,Bad Link Council,Bad link,england,district,not a url,,,,",
        "E07099904,Bad Date Council,Bad date,england,district,,2001-13-01,,,",
        "E07099905,Orphan Council,Orphan,england,district,,,2015-03-31,E99999999,",
        "W06099906,Welsh As District,Welsh,wales,district,,,,,",
    )
    before = Council.objects.count()
    with pytest.raises(RegisterError) as raised:
        register_import(path=path)
    problems = "\n".join(raised.value.errors)
    assert "line 3: GSS code 'E0609' is not a letter" in problems
    assert "line 4: GSS code S06099902 does not belong to england" in problems
    assert "line 5: GSS code E06099901 is already used on line 2" in problems
    assert "line 6: website 'not a url' is not a web address" in problems
    assert "line 7: start_date '2001-13-01' is not a date" in problems
    assert "line 8: successor E99999999 is not in the register" in problems
    assert "line 9: a district council's GSS code starts with E07, not W06" in problems
    assert Council.objects.count() == before
    assert not Council.objects.filter(gss_code="E06099901").exists()


def test_wrong_columns_are_reported_on_line_one(db, tmp_path):
    path = tmp_path / "councils.csv"
    path.write_text("code,name\nE06000001,Somewhere\n", encoding="utf-8")
    with pytest.raises(RegisterError) as raised:
        register_import(path=path)
    assert raised.value.errors[0].startswith("line 1: the columns must be")


def test_the_import_command_lists_every_problem_and_imports_nothing(db, tmp_path, capsys):
    path = _write(tmp_path, "E0609,Short Code Council,Short,england,unitary,,,,,")
    with pytest.raises(CommandError, match="Nothing was imported: 1 problem"):
        call_command("import_councils", str(path))
    assert "line 2: GSS code 'E0609'" in capsys.readouterr().err


def test_the_register_file_in_the_repository_is_valid():
    from childrights.councils.register import register_parse

    with REGISTER_FILE.open(encoding="utf-8", newline="") as handle:
        result = register_parse(handle)
    assert result.errors == []


def test_a_successor_needs_an_end_date_and_another_council(db, tmp_path):
    path = _write(
        tmp_path,
        "E06099901,Current Council,Current,england,unitary,,,,E06099902,",
        "E06099902,Self Council,Self,england,unitary,,,2015-03-31,E06099902,",
    )
    with pytest.raises(RegisterError) as raised:
        register_import(path=path)
    problems = "\n".join(raised.value.errors)
    assert "line 2: a council with a successor needs an end_date" in problems
    assert "line 3: a council cannot be its own successor" in problems
