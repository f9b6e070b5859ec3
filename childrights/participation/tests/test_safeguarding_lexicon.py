"""The shipped lexicon: what children ordinarily write about parks, schools and youth clubs does not
match, and the ways children tell of harm do, in English and in Welsh."""

import pytest

from childrights.participation.lexicon import default_phrases, default_phrases_load
from childrights.participation.models import Phrase
from childrights.participation.screening import normalise, screen

ORDINARY_EN = [
    "The swings are broken and it is muddy.",
    "I hurt myself on the slide because the steps are broken.",
    "I cut myself on broken glass by the bench, please clean it up.",
    "The ball hit me in the face at football but I was fine.",
    "My brother beat me at football and I was sad.",
    "There is nowhere to go in the evenings so we need a youth club.",
    "I don't feel safe at the park at night because there are no lights.",
    "I'm not safe crossing the big road to school.",
    "Older kids smoke weed and vape by the skate park.",
    "People are always vaping in the school toilets.",
    "We want a water gun fight day in the summer!",
    "A gang of us play football every Saturday.",
    "Gangs hang around the shops after school.",
    "I leave home at 8 to walk to school.",
    "We need a knife and fork at lunch, not just a spoon.",
    "The youth club has no heating and it is freezing in winter.",
    "There is nothing to eat at the youth club after school.",
    "I am always hungry after swimming.",
    "Sometimes I like being left on my own to read.",
    "The ducks run away when the dogs come.",
    "My dog ran away at the park but we found him.",
    "We learnt about sexual health at school and it was useful.",
    "Can we send pics of the broken swings to the council?",
    "My mum drinks coffee at the cafe while we play.",
    "I want to work in dog grooming when I leave school.",
    "He paid me to wash his car.",
    "My friend took a great shot at goal.",
    "There should be information on drugs and alcohol at the youth club.",
    "My nan takes pills for her heart.",
    "I got kicked out of the game for being offside.",
    "I got hurt by the broken fence.",
    "The teacher shouts at the whole class when it is noisy.",
    "I feel safe at home and at school.",
    "We learnt about county lines in a school assembly.",
    "We need more bins, the park is full of litter.",
]

DISCLOSURES_EN = [
    ("My dad hits me when he is angry.", "abuse"),
    ("Mum's boyfriend touched me and said it was our secret.", "abuse"),
    ("I’m scared to go home.", "abuse"),
    ("I don't feel safe at home.", "abuse"),
    ("I want to kill myself.", "self_harm"),
    ("I have been cutting myself since September.", "self_harm"),
    ("I don’t want to live any more", "self_harm"),
    ("My brother carries a knife.", "violence"),
    ("A man stabbed my friend outside the shop.", "violence"),
    ("An older boyfriend keeps asking me for nudes.", "exploitation"),
    ("They make me carry drugs for them and say I owe them money.", "exploitation"),
    ("There's no food at home most days.", "neglect"),
    ("Nobody looks after me when mum is at work.", "neglect"),
    ("My mum drinks too much and falls asleep.", "substances"),
    ("I want to run away from home.", "running_away"),
    ("My stepdad kicked me out and I am sofa surfing.", "running_away"),
]

ORDINARY_CY = [
    "Mae'r siglenni wedi torri ac mae'n fwdlyd.",
    "Does unman i fynd gyda'r nos, felly rydyn ni eisiau clwb ieuenctid.",
    "Dwi ddim yn ddiogel yn y parc gyda'r nos achos does dim goleuadau.",
    "Dwi'n llwglyd ar ôl nofio.",
    "Rydyn ni eisiau cyllell a fforc amser cinio.",
    "Gwn fod y parc yn bwysig i bawb.",
    "Dwi'n gadael cartref am wyth i gerdded i'r ysgol.",
    "Mae'r ci wedi rhedeg i ffwrdd yn y parc ond daethon ni o hyd iddo.",
    "Does dim gwres yn y clwb ieuenctid ac mae'n oer.",
    "Mae gangiau o blant yn chwarae pêl-droed ar ddydd Sadwrn.",
    "Gawn ni anfon lluniau o'r siglenni sydd wedi torri?",
    "Mae mam yn yfed coffi yn y caffi tra dyn ni'n chwarae.",
    "Wnes i frifo fy hun ar y llithren.",
    "Mae fy nillad yn fudr ar ôl rygbi.",
    "Dwi'n teimlo'n ddiogel gartref ac yn yr ysgol.",
    "Does dim byd i'w fwyta yn y clwb ar ôl ysgol.",
    "Mae angen mwy o finiau yn y parc.",
]

DISCLOSURES_CY = [
    ("Mae dad yn fy nharo pan mae'n flin.", "abuse"),
    ("Dwi ddim yn ddiogel gartref.", "abuse"),
    ("Mae gen i ofn mynd adref.", "abuse"),
    ("Dwi eisiau marw weithiau.", "self_harm"),
    ("Dwi'n meddwl am ladd fy hun.", "self_harm"),
    ("Mae fy mrawd yn cario cyllell.", "violence"),
    ("Mae cariad hŷn yn gofyn am luniau noeth.", "exploitation"),
    ("Does dim bwyd gartref.", "neglect"),
    ("Mae mam yn yfed gormod.", "substances"),
    ("Dwi eisiau rhedeg i ffwrdd.", "running_away"),
]


@pytest.mark.parametrize("text", ORDINARY_EN + ORDINARY_CY)
def test_an_ordinary_answer_is_not_flagged(world, text):
    assert screen([text], council_id=world.council_a.pk) is None


@pytest.mark.parametrize(("text", "category"), DISCLOSURES_EN + DISCLOSURES_CY)
def test_a_disclosure_is_flagged_in_its_category(world, text, category):
    found = screen([text], council_id=world.council_a.pk)
    assert found is not None
    assert category in found.categories


def test_every_category_has_phrases_in_both_languages():
    shipped = {(row["language"], row["category"]) for row in default_phrases()}
    for category in Phrase.Category.values:
        assert ("en", category) in shipped
        assert ("cy", category) in shipped


def test_every_phrase_has_a_known_category_and_priority():
    for row in default_phrases():
        assert row["category"] in Phrase.Category.values, row
        assert row["priority"] in Phrase.Priority.values, row
        assert row["language"] in {"en", "cy"}, row


def test_no_two_phrases_match_the_same_words():
    seen = [normalise(str(row["phrase"])) for row in default_phrases()]
    assert all(phrase.strip() for phrase in seen)
    assert len(seen) == len(set(seen))


def test_loading_the_lexicon_again_changes_nothing(db):
    default_phrases_load()
    default_phrases_load()
    assert Phrase.objects.filter(council__isnull=True).count() == len(default_phrases())
