import pytest
from django.utils import translation

from childrights.councils.models import Council
from childrights.councils.names import council_name, council_short_name
from childrights.councils.search import councils_matching

pytestmark = pytest.mark.django_db


def _names(query: str) -> list[str]:
    return [council.short_name for council in councils_matching(query)]


def test_the_welsh_name_finds_the_council():
    assert _names("Caerdydd")[0] == "Cardiff"
    assert _names("Cyngor Dinas Caerdydd")[0] == "Cardiff"


def test_a_hyphenated_welsh_name_finds_the_council_typed_with_or_without_the_hyphen():
    assert _names("Castell-nedd")[0] == "Neath Port Talbot"
    assert _names("castell nedd")[0] == "Neath Port Talbot"


def test_a_small_misspelling_finds_the_council():
    assert _names("rhonda")[0] == "Rhondda Cynon Taf"
    assert _names("Glasgw")[0] == "Glasgow"


def test_accents_need_not_be_typed():
    assert _names("Ynys Mon")[0] == "Isle of Anglesey"


def test_a_gss_code_finds_its_council():
    assert _names("S12000036") == ["Edinburgh"]
    assert _names("s12 000036") == ["Edinburgh"]


def test_words_every_council_has_find_nothing_by_spelling_alone():
    assert _names("cuoncil") == []


def test_nonsense_finds_nothing():
    assert _names("zzqx") == []
    assert _names("   ") == []


def test_every_welsh_principal_council_has_a_welsh_name_with_its_source():
    welsh = Council.objects.filter(type="principal-area", end_date__isnull=True)
    assert welsh.count() == 22
    assert not welsh.filter(name_cy="").exists()
    assert not welsh.filter(name_cy_source="").exists()
    assert not Council.objects.exclude(nation="wales").exclude(name_cy="").exists()


def test_a_council_is_named_in_welsh_on_a_welsh_page():
    cardiff = Council.objects.get(gss_code="W06000015")
    leeds = Council.objects.get(short_name="Leeds")
    with translation.override("cy"):
        assert council_name(cardiff) == "Cyngor Dinas Caerdydd"
        assert council_short_name(cardiff) == "Caerdydd"
        assert council_short_name(leeds) == "Leeds"
    with translation.override("en-gb"):
        assert council_short_name(cardiff) == "Cardiff"
