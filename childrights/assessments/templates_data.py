"""Assessment templates are data: one JSON file per template in ``data/templates/``.

Each file is one version of a template. Loading adds a version it has not seen and refuses to
change a version already loaded (an assessment started on it must keep its questions): a change
of questions is a new file version. The highest version of each template is the current one, the
one new assessments start on.
"""

import json
from pathlib import Path
from typing import Any

from django.db import transaction

from childrights.assessments.models import Template
from childrights.assessments.vocab import QUESTION_KINDS, REQUIRED_KEYS, ROW_KINDS, STAGES

FOLDER = Path(__file__).parent / "data" / "templates"


class TemplateError(ValueError):
    """A template file is wrong, or would change a version already in use."""


def template_problems(definition: dict[str, Any]) -> list[str]:
    """Everything wrong with one template definition (empty when it is right)."""
    problems = []
    for field in ("slug", "version", "name", "stages"):
        if field not in definition:
            problems.append(f"missing {field!r}")
    if problems:
        return problems
    stages = [stage.get("key") for stage in definition["stages"]]
    if tuple(stages) != STAGES:
        problems.append(f"stages must be {', '.join(STAGES)} in that order, not {stages}")
    seen: set[str] = set()
    for stage in definition["stages"]:
        keys = {question.get("key") for question in stage.get("questions", [])}
        for key in REQUIRED_KEYS.get(stage.get("key"), set()) - keys:
            problems.append(f"stage {stage.get('key')!r} needs a question {key!r}")
        for question in stage.get("questions", []):
            key = question.get("key")
            if not key or key in seen:
                problems.append(f"question key {key!r} is missing or used twice")
            seen.add(key)
            if question.get("kind") not in QUESTION_KINDS:
                problems.append(f"question {key!r} has an unknown kind {question.get('kind')!r}")
            if question.get("kind") == "impacts" and question.get("rows") not in ROW_KINDS:
                problems.append(f"question {key!r} has unknown rows {question.get('rows')!r}")
            if question.get("kind") == "choice" and not question.get("options"):
                problems.append(f"question {key!r} has no options")
            label = question.get("label", {})
            if not label.get("en") or not label.get("cy"):
                problems.append(f"question {key!r} needs a label in English and Welsh")
    return problems


def template_files() -> list[dict[str, Any]]:
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(FOLDER.glob("*.json"))]


@transaction.atomic
def templates_load() -> str:
    added = 0
    files = template_files()
    for definition in files:
        problems = template_problems(definition)
        if problems:
            raise TemplateError(f"{definition.get('slug')}: " + "; ".join(problems))
        existing = Template.objects.filter(
            slug=definition["slug"], version=definition["version"]
        ).first()
        if existing is not None:
            if existing.definition != definition:
                raise TemplateError(
                    f"{definition['slug']} version {definition['version']} has changed since it "
                    "was loaded: give the changed template a new version number"
                )
            continue
        Template.objects.create(
            slug=definition["slug"],
            version=definition["version"],
            name_en=definition["name"]["en"],
            name_cy=definition["name"]["cy"],
            nation=definition.get("nation", ""),
            bilingual=bool(definition.get("bilingual")),
            definition=definition,
        )
        added += 1
    for slug in {definition["slug"] for definition in files}:
        newest = Template.objects.filter(slug=slug).order_by("-version").first()
        Template.objects.filter(slug=slug).update(is_current=False)
        if newest is not None:
            Template.objects.filter(pk=newest.pk).update(is_current=True)
    return f"{len(files)} assessment templates, {added} new versions"
