"""What staff do with a run's themes: rename, merge, split, move an answer, mark as reviewed,
and put a theme under a "you said" theme. Each is one audited write; a theme that changes is
no longer marked as reviewed.
"""

import numpy as np
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from childrights.accounts.models import User
from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent
from childrights.participation.models import FeedbackTheme, Theme, ThemeAnswer
from childrights.participation.themes.engine import split_in_two, typical_phrases
from childrights.participation.themes.reads import readable, text_path
from childrights.participation.themes.runs import theme_name


class ThemeEditRefused(Exception):
    """A change that cannot be made, with the message to show."""


def _audit(actor: Actor, theme: Theme, what: str, **detail: object) -> None:
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        obj=theme,
        council=theme.run.council,
        detail={"change": what, **detail},
    )


def _unreviewed(theme: Theme) -> None:
    theme.reviewed_at = None
    theme.reviewed_by = None


def theme_rename(*, actor: Actor, theme: Theme, name: str) -> Theme:
    name = " ".join(name.split())
    if not name:
        raise ThemeEditRefused(_("Enter a name for the theme"))
    theme.name = name[:200]
    theme.save(update_fields=["name"])
    _audit(actor, theme, "rename")
    return theme


def theme_merge(*, actor: Actor, into: Theme, others: list[Theme]) -> Theme:
    """Move every answer of ``others`` into ``into`` and delete them."""
    others = [t for t in others if t.pk != into.pk]
    if not others:
        raise ThemeEditRefused(_("Choose at least one other theme to merge into this one"))
    if any(t.run_id != into.run_id for t in others):
        raise ThemeEditRefused(_("Themes can only be merged with themes of the same run"))
    with transaction.atomic():
        ThemeAnswer.objects.filter(theme__in=others).update(theme=into)
        if into.you_said_id is None:
            into.you_said_id = next((t.you_said_id for t in others if t.you_said_id), None)
        into.phrases = _phrases(into)
        _unreviewed(into)
        into.save(update_fields=["phrases", "you_said", "reviewed_at", "reviewed_by"])
        merged = [t.name for t in others]
        Theme.objects.filter(pk__in=[t.pk for t in others]).delete()
        _audit(actor, into, "merge", merged=len(merged))
    return into


def theme_split(*, actor: Actor, theme: Theme) -> Theme:
    """Split a theme in two by its answers' kept vectors; returns the new theme."""
    with transaction.atomic():
        members = list(
            ThemeAnswer.objects.filter(readable(theme.run), theme=theme)
            .select_related("answer", "comment")
            .order_by("pk")
        )
        vectors = [
            np.frombuffer(bytes(m.vector), dtype=np.float16) if m.vector else None for m in members
        ]
        groups = split_in_two(
            [m.text for m in members],
            vectors,
            seed=int(theme.run.model_settings.get("seed", 1)),
        )
        if groups is None:
            raise ThemeEditRefused(_("This theme has too few answers to split"))
        new = Theme.objects.create(run=theme.run, position=theme.position, name=theme.name)
        ThemeAnswer.objects.filter(
            pk__in=[m.pk for m, group in zip(members, groups, strict=True) if group == 1]
        ).update(theme=new)
        for part in (theme, new):
            part.phrases = _phrases(part)
            part.name = theme_name(part.phrases, part.position)
            _unreviewed(part)
            part.save(update_fields=["phrases", "name", "reviewed_at", "reviewed_by"])
        _audit(actor, theme, "split", new_theme=new.pk)
    return new


def answer_move(*, actor: Actor, placed: ThemeAnswer, to: Theme) -> ThemeAnswer:
    if to.run_id != placed.run_id:
        raise ThemeEditRefused(_("Answers can only move to a theme of the same run"))
    if to.pk == placed.theme_id:
        return placed
    with transaction.atomic():
        before = Theme.objects.get(pk=placed.theme_id)
        placed.theme = to
        placed.moved = True
        placed.save(update_fields=["theme", "moved"])
        for theme in (before, to):
            _unreviewed(theme)
            theme.save(update_fields=["reviewed_at", "reviewed_by"])
        if placed.answer_id is not None:
            _audit(actor, to, "move answer", answer=placed.answer_id, from_theme=before.pk)
        else:
            _audit(actor, to, "move comment", comment=placed.comment_id, from_theme=before.pk)
    return placed


def theme_review(*, actor: Actor, theme: Theme, reviewed: bool) -> Theme:
    theme.reviewed_at = timezone.now() if reviewed else None
    theme.reviewed_by = actor.person if reviewed and isinstance(actor.person, User) else None
    theme.save(update_fields=["reviewed_at", "reviewed_by"])
    _audit(actor, theme, "reviewed" if reviewed else "not reviewed")
    return theme


def theme_link(*, actor: Actor, theme: Theme, you_said: FeedbackTheme | None) -> Theme:
    """Put the theme's quotes under a "you said" theme of the same consultation (or none)."""
    if you_said is not None and you_said.consultation_id != theme.run.consultation_id:
        raise ThemeEditRefused(_("Choose a “you said” theme of this consultation"))
    theme.you_said = you_said
    theme.save(update_fields=["you_said"])
    _audit(actor, theme, "you said", you_said=you_said.pk if you_said else None)
    return theme


def _phrases(theme: Theme) -> list[str]:
    """The theme's typical phrases, from the answers that may still be read: the phrases are
    shown, so an answer held for the safeguarding lead since the run lends them no words."""
    shown = ThemeAnswer.objects.filter(readable(theme.run))
    words = text_path(theme.run)
    texts = list(shown.filter(theme=theme).values_list(words, flat=True))
    others = list(
        shown.filter(run_id=theme.run_id).exclude(theme=theme).values_list(words, flat=True)[:5000]
    )
    return typical_phrases([texts, others], 5)[0]


def themes_holding(*, answer_ids: list[int]) -> list[int]:
    """The themes the answers sit in, in any run (before the answers are deleted)."""
    return list(
        ThemeAnswer.objects.filter(answer_id__in=answer_ids)
        .values_list("theme_id", flat=True)
        .distinct()
    )


def themes_named_again(*, theme_ids: list[int]) -> None:
    """After answers have gone (a child withdrew): the themes' phrases come again from the
    answers left, and a name the model gave follows them, so no withdrawn words stay in
    either. A name staff typed stays."""
    for theme in Theme.objects.filter(pk__in=theme_ids).select_related("run"):
        given = theme.name == theme_name(theme.phrases, theme.position)
        theme.phrases = _phrases(theme)
        if given:
            theme.name = theme_name(theme.phrases, theme.position)
        theme.save(update_fields=["phrases", "name"])
