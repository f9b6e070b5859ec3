import pytest

from childrights.parenting.principles import principle, principles


def test_the_seven_principles_a_to_g_in_english_and_welsh():
    found = principles()
    assert [item.letter for item in found] == list("abcdefg")
    assert all(item.text["en"] and item.text["cy"] for item in found)
    assert principle("express-views").text["en"].startswith("to encourage")
    with pytest.raises(KeyError):
        principle("nothing")
