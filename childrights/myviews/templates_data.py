"""Statement templates kept as versioned data (``data/templates.json``), and the words a child
sees from them: per template, topic, level of wording (from the child's age band) and language."""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from childrights.myviews.models import Meeting, Template

TEMPLATES_FILE = Path(__file__).resolve().parent / "data" / "templates.json"

# The simpler pages (a younger child, or one with additional needs, with a worker) use the
# youngest wording whatever the age band.
SIMPLE_LEVEL = "younger"


class TemplateChanged(Exception):
    """A template's words changed without a new version number."""


def _content(row: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """A template's whole wording, its topics' words included, so a stored version is complete
    and a later change to a shared topic cannot reword what a child was asked."""
    return {
        "title": row["title"],
        "intro": row["intro"],
        "levels": data["levels"],
        "topics": [{"slug": slug, **data["topics"][slug]} for slug in row["topics"]],
    }


def templates_load(*, path: Path = TEMPLATES_FILE) -> str:
    """Store each template version in the file that is not stored yet. A stored version is never
    changed: different words under a stored version number are refused."""
    data = json.loads(path.read_text(encoding="utf-8"))
    created = 0
    with transaction.atomic():
        for row in data["templates"]:
            content = _content(row, data)
            stored = Template.objects.filter(slug=row["slug"], version=row["version"]).first()
            if stored is None:
                Template.objects.create(
                    slug=row["slug"], version=row["version"], kind=row["kind"], content=content
                )
                created += 1
            elif stored.content != content:
                raise TemplateChanged(
                    f"Template {row['slug']} version {row['version']} changed: give it a new "
                    "version number."
                )
    return f"statement templates: {len(data['templates'])} in file, {created} new"


def current_template(kind: str) -> Template:
    """The newest version of the template for a kind of meeting."""
    template = Template.objects.filter(kind=kind).order_by("-version", "-pk").first()
    if template is None:
        raise Template.DoesNotExist(f"No template for {kind}: run load_reference_data.")
    return template


def template_kind_for(meeting: Meeting | None, *, care_leaver: bool) -> str:
    if meeting is not None:
        return meeting.kind
    return Meeting.Kind.PATHWAY if care_leaver else Meeting.Kind.REVIEW


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str
    prompt: str


@dataclass(frozen=True)
class Wording:
    title: str
    intro: str
    topics: list[Topic]

    def topic(self, slug: str) -> Topic | None:
        return next((topic for topic in self.topics if topic.slug == slug), None)


def _pick(words: dict[str, str], language: str) -> str:
    return words.get("cy" if language == "cy" else "en") or words["en"]


def wording(template: Template, *, age_band: str, simple: bool, language: str) -> Wording:
    content = template.content
    level = SIMPLE_LEVEL if simple else content["levels"].get(age_band, "older")
    return Wording(
        title=_pick(content["title"], language),
        intro=_pick(content["intro"][level], language),
        topics=[
            Topic(
                slug=topic["slug"],
                title=_pick(topic["title"], language),
                prompt=_pick(topic["prompt"][level], language),
            )
            for topic in content["topics"]
        ],
    )


def topic_slugs(template: Template) -> list[str]:
    return [topic["slug"] for topic in template.content["topics"]]
