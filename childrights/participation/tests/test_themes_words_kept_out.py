"""Children's words stay where they belong: never in the audit log through a theme's name, never
a theme's name or phrase from one child alone, and not in names or phrases once the child who
wrote them has withdrawn."""

from childrights.core.actors import Actor
from childrights.core.models import AuditEvent
from childrights.participation.models import Theme
from childrights.participation.submission import withdraw
from childrights.participation.tests.themes_support import theme_with, themed
from childrights.participation.themes import edits
from childrights.participation.themes.engine import typical_phrases
from childrights.testing.participation import make_response

ONLY_ONE = "Zebracrossings outside Larkfield please"


def test_a_theme_is_named_in_the_audit_log_by_its_id_only(world, consultation):
    run = themed(consultation, by=world.member)
    theme = Theme.objects.filter(run=run).first()
    assert theme is not None
    edits.theme_rename(actor=Actor(person=world.member), theme=theme, name="Secret wording here")
    for event in AuditEvent.objects.filter(object_type="participation.Theme"):
        assert "Secret" not in event.object_repr
        assert "Secret" not in str(event.detail)
    assert str(theme) == f"Theme {theme.pk}"


def test_no_phrase_comes_from_one_answer_alone():
    phrases = typical_phrases([[ONLY_ONE, "swings broken", "swings rusty"], ["bins full"]], 5)
    assert "swings" in phrases[0]
    assert not any("zebracrossings" in p or "larkfield" in p for p in phrases[0])


def test_a_withdrawn_childs_words_leave_the_names_and_phrases(world, consultation):
    withdrawn = [
        make_response(consultation=consultation, text="Larkfield swings broken again")
        for _ in range(2)
    ]
    run = themed(consultation, by=world.member)
    theme = theme_with(run, "Larkfield swings broken again")
    assert any("larkfield" in phrase for phrase in theme.phrases)
    for receipt in withdrawn:
        withdraw(receipt=receipt.code)
    theme.refresh_from_db()
    assert not any("larkfield" in phrase for phrase in theme.phrases)
    assert "larkfield" not in theme.name
