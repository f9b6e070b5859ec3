"""Themes in the comments on a council's SEND local offer: the theme model runs over the
council's comments the team reads (never another council's, never those held for the
safeguarding leads), the page shows each theme with its count, typical phrases and examples,
staff rename and review themes (audited), and outsiders get 404."""

from html import unescape

import pytest
from django.db import IntegrityError, transaction
from django.test import TestCase

from childrights.core.models import AuditEvent
from childrights.directory.models import SendComment
from childrights.participation import tallies
from childrights.participation.models import Answer, Theme, ThemeAnswer, ThemeRun
from childrights.participation.themes import edits
from childrights.testing.actors import actor_for
from childrights.testing.factories import make_user
from childrights.testing.participation import make_consultation, make_response

pytestmark = pytest.mark.django_db

COMMENTS = [
    # Getting to school
    "The school transport is always late in the morning",
    "The taxi to school never turns up on time",
    "My son's school bus was late every day this week",
    "Transport to the special school takes over an hour each way",
    "Mae'r tacsi i'r ysgol yn hwyr bob bore",
    "Please sort out the school transport, it is always late",
    "The bus driver changes every week and my daughter gets upset",
    # Waiting for an assessment
    "We have waited a year for an EHCP assessment",
    "The wait for an autism assessment is far too long",
    "Nobody answers about when the assessment will happen",
    "Our EHCP assessment is months overdue",
    "Rydyn ni wedi aros blwyddyn am asesiad",
    "The waiting list for the assessment keeps getting longer",
    "Why does an assessment take so long to start",
    # Short breaks in the holidays
    "We need more short breaks in the summer holidays",
    "There are no holiday clubs that can take disabled children",
    "Short breaks are full before the holidays even start",
    "More holiday activities for disabled children please",
    "Mae angen mwy o seibiannau byr yn y gwyliau",
    "The holiday play scheme has no places left for my son",
    "Please fund more short breaks during the holidays",
]
HELD = "The transport is late and my dad hits me at home"
OTHER_COUNCIL = "Bramley's holiday short breaks club is closing"


def _page(council):
    return f"/councils/{council.pk}/send-comments/themes/"


def _comments(council, texts=COMMENTS, held=False):
    return [
        SendComment.objects.create(council=council, commenter="parent", text=text, held=held)
        for text in texts
    ]


def _themed(world, client):
    _comments(world.council_a)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(_page(world.council_a))
    assert response.status_code == 302
    run = ThemeRun.objects.get(source_council=world.council_a)
    assert run.status == ThemeRun.Status.DONE, run.error
    return run


def _found(world):
    """A finished run over council A's comments, as a run leaves it (without the model): two
    themes of the first and last seven comments."""
    comments = _comments(world.council_a)
    run = ThemeRun.objects.create(
        source=ThemeRun.Source.SEND_COMMENTS,
        source_council=world.council_a,
        status=ThemeRun.Status.DONE,
        answers=14,
        model_name="test-model",
        model_settings={"themes": 0, "seed": 1},
    )
    for position, (name, members) in enumerate(
        [("Transport", comments[:7]), ("Short breaks", comments[-7:])]
    ):
        theme = Theme.objects.create(run=run, position=position, name=name, phrases=[name.lower()])
        for typicality, comment in enumerate(members):
            ThemeAnswer.objects.create(
                run=run, theme=theme, comment=comment, typicality=-typicality
            )
    return run


def test_finding_themes_groups_the_councils_comments(world, signed_in):
    run = _themed(world, signed_in(world.member))
    assert run.source == ThemeRun.Source.SEND_COMMENTS
    assert run.consultation is None
    assert run.answers == len(COMMENTS)
    assert ThemeAnswer.objects.filter(run=run, comment__isnull=False).count() == len(COMMENTS)
    assert Theme.objects.filter(run=run).count() >= 2
    # The transport comments mostly share a theme.
    placed = ThemeAnswer.objects.filter(run=run, comment__text__icontains="transport")
    assert placed.values("theme").distinct().count() == 1
    assert AuditEvent.objects.filter(
        object_type="participation.ThemeRun", council_id=world.council_a.pk
    ).exists()


def test_the_page_shows_themes_with_counts_phrases_and_examples(world, signed_in):
    client = signed_in(world.member)
    run = _themed(world, client)
    response = client.get(_page(world.council_a))
    page = unescape(response.content.decode())
    themes = list(Theme.objects.filter(run=run))
    assert page.count('class="govuk-summary-card"') == len(themes)
    for theme in themes:
        assert theme.name in page
        assert ", ".join(theme.phrases) in page
    assert "Typical phrases" in page
    assert run.model_name in page
    assert "Find themes again" in page
    for card in response.context["cards"]:
        assert card.size == ThemeAnswer.objects.filter(theme=card.theme).count()
        assert f'<dd class="govuk-summary-list__value">{card.size}</dd>' in page
        assert 1 <= len(card.examples) <= 3
        assert len({placed.text for placed in card.examples}) == len(card.examples)


def test_the_comments_page_links_to_the_themes(world, signed_in):
    page = signed_in(world.member).get(f"/councils/{world.council_a.pk}/send-comments/")
    assert _page(world.council_a) in page.content.decode()


def test_held_comments_never_enter_a_run(world, signed_in):
    held = _comments(world.council_a, [HELD], held=True)[0]
    client = signed_in(world.member)
    run = _themed(world, client)
    assert not ThemeAnswer.objects.filter(comment=held).exists()
    assert run.answers == len(COMMENTS)
    assert "my dad hits me" not in client.get(_page(world.council_a)).content.decode()


def test_a_comment_held_after_the_run_is_neither_shown_nor_counted(world, signed_in):
    client = signed_in(world.member)
    run = _found(world)
    placed = ThemeAnswer.objects.filter(run=run).order_by("-typicality").first()
    assert placed is not None
    assert placed.comment is not None
    SendComment.objects.filter(pk=placed.comment.pk).update(held=True)
    response = client.get(_page(world.council_a))
    page = unescape(response.content.decode())
    assert placed.comment.text not in page
    assert COMMENTS[1] in page
    assert sum(card.size for card in response.context["cards"]) == 14 - 1


def test_another_councils_comments_never_enter(world, signed_in):
    other = _comments(world.council_b, [OTHER_COUNCIL])[0]
    run = _themed(world, signed_in(world.member))
    assert not ThemeAnswer.objects.filter(comment=other).exists()
    assert run.answers == len(COMMENTS)


def test_another_council_gets_404(world, signed_in):
    run = _found(world)
    theme = Theme.objects.filter(run=run).first()
    outsider = signed_in(world.outsider)
    assert outsider.get(_page(world.council_a)).status_code == 404
    assert outsider.post(_page(world.council_a)).status_code == 404
    rename = f"{_page(world.council_a)}{theme.pk}/rename/"
    assert outsider.get(rename).status_code == 404
    # Not even through their own council's address.
    assert outsider.get(f"{_page(world.council_b)}{theme.pk}/rename/").status_code == 404
    review = f"{_page(world.council_a)}{theme.pk}/review/"
    assert outsider.post(review, {"reviewed": "yes"}).status_code == 404
    theme.refresh_from_db()
    assert theme.reviewed_at is None


def test_a_second_press_while_a_run_waits_starts_nothing(world, signed_in):
    client = signed_in(world.member)
    _comments(world.council_a)
    client.post(_page(world.council_a))  # queued: the task is not run here
    client.post(_page(world.council_a))
    assert ThemeRun.objects.filter(source_council=world.council_a).count() == 1
    page = client.get(_page(world.council_a)).content.decode()
    assert "Waiting to start." in page


def test_staff_rename_and_review_a_theme_and_each_change_is_audited(world, signed_in):
    client = signed_in(world.member)
    run = _found(world)
    theme = Theme.objects.filter(run=run).first()
    base = f"{_page(world.council_a)}{theme.pk}/"
    assert client.post(base + "rename/", {"name": "School transport"}).status_code == 302
    assert client.post(base + "review/", {"reviewed": "yes"}).status_code == 302
    theme.refresh_from_db()
    assert theme.name == "School transport"
    assert theme.reviewed_by == world.member
    changes = AuditEvent.objects.filter(
        object_type="participation.Theme", object_id=str(theme.pk), council_id=world.council_a.pk
    )
    assert changes.count() == 2
    assert "School transport" in client.get(_page(world.council_a)).content.decode()


def test_themes_of_a_run_since_replaced_are_not_changed(world, signed_in):
    client = signed_in(world.member)
    old = Theme.objects.filter(run=_found(world)).first()
    _found(world)
    response = client.post(f"{_page(world.council_a)}{old.pk}/rename/", {"name": "Old"})
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.name == "Transport"


def test_members_who_may_not_edit_get_403(world, signed_in):
    reader = make_user(role="elected-member", council=world.council_a)
    assert signed_in(reader).get(_page(world.council_a)).status_code == 403


def test_a_blank_name_is_refused(world, signed_in):
    client = signed_in(world.member)
    run = _found(world)
    theme = Theme.objects.filter(run=run).first()
    response = client.post(f"{_page(world.council_a)}{theme.pk}/rename/", {"name": "  "})
    assert response.status_code == 200
    assert "Enter a name for the theme" in response.content.decode()


def test_a_placed_row_names_an_answer_or_a_comment_never_both_nor_neither(world):
    run = _found(world)
    theme = Theme.objects.get(run=run, position=0)
    comment = SendComment.objects.create(council=world.council_a, commenter="child", text="Hi")
    consultation = make_consultation(council=world.council_a)
    make_response(consultation=consultation, text="Swings")
    tallies.fold(consultation)  # answers are written out as rows when they are counted
    answer = Answer.objects.exclude(text="").get()
    with pytest.raises(IntegrityError), transaction.atomic():
        ThemeAnswer.objects.create(run=run, theme=theme)
    with pytest.raises(IntegrityError), transaction.atomic():
        ThemeAnswer.objects.create(run=run, theme=theme, comment=comment, answer=answer)
    with pytest.raises(IntegrityError), transaction.atomic():
        ThemeRun.objects.create(source=ThemeRun.Source.SEND_COMMENTS)


def test_the_theme_services_merge_and_split_themes_of_comments(world, signed_in):
    run = _themed(world, signed_in(world.member))
    actor = actor_for(world.member)
    first, *others = list(Theme.objects.filter(run=run).order_by("position"))
    edits.theme_merge(actor=actor, into=first, others=others)
    assert ThemeAnswer.objects.filter(theme=first).count() == len(COMMENTS)
    new = edits.theme_split(actor=actor, theme=first)
    assert ThemeAnswer.objects.filter(theme__in=[first, new]).count() == len(COMMENTS)
    assert ThemeAnswer.objects.filter(theme=new).exists()
    first.refresh_from_db()
    words = " ".join(COMMENTS).lower()
    assert all(phrase in words for phrase in first.phrases + new.phrases)
    assert (
        AuditEvent.objects.filter(
            object_type="participation.Theme", council_id=world.council_a.pk
        ).count()
        == 2
    )


def test_a_review_that_says_neither_is_refused_in_words_and_changes_nothing(world, signed_in):
    client = signed_in(world.member)
    theme = Theme.objects.filter(run=_found(world)).first()
    response = client.post(
        f"{_page(world.council_a)}{theme.pk}/review/", {"reviewed": "maybe"}, follow=True
    )
    assert response.status_code == 200
    assert "Choose whether the theme has been reviewed" in response.content.decode()
    theme.refresh_from_db()
    assert theme.reviewed_at is None
