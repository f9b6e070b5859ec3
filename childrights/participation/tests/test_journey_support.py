"""Helpers for the journey tests: a child walking through a consultation with the test client."""

from typing import Any

from django.test import Client

from childrights.participation.models import Consultation, Question


def url(consultation: Consultation, step: str = "", *, change: bool = False) -> str:
    base = f"/have-your-say/{consultation.link_key}/"
    if not step:
        return base
    return f"{base}?step={step}" + ("&change=1" if change else "")


def question_of(consultation: Consultation, kind: str) -> Question:
    return consultation.questions.get(kind=kind)


def choice_ids(question: Question) -> list[int]:
    return list(question.choices.order_by("position").values_list("pk", flat=True))


def form_data(question: Question, *, pick: int = 0, text: str = "More swings") -> dict[str, Any]:
    """What a child posts to answer ``question``: choice number ``pick`` where there is one."""
    ids = choice_ids(question)
    if question.kind == Question.Kind.TEXT:
        return {"answer_field": text}
    if question.kind == Question.Kind.MULTIPLE:
        return {"answer_field": [str(pk) for pk in ids[: pick + 1]]}
    if question.kind == Question.Kind.RANKING:
        # The last item first: the order differs from the order shown.
        return {f"place_{pk}": str(len(ids) - n) for n, pk in enumerate(ids)}
    return {"answer_field": str(ids[pick])}


def begin(client: Client, consultation: Consultation, *, age_band: str = "8-11") -> None:
    """Start, give an age band and read the privacy notice."""
    client.post(url(consultation))
    client.post(url(consultation, "age"), {"age_band": age_band})
    client.post(url(consultation, "privacy"))


def reach(client: Client, consultation: Consultation, kind: str) -> Question:
    """Start and answer every question before the one of this kind; return that question."""
    begin(client, consultation)
    question = question_of(consultation, kind)
    for earlier in consultation.questions.filter(position__lt=question.position):
        client.post(url(consultation, f"q-{earlier.pk}"), form_data(earlier))
    return question


def answer_all(
    client: Client,
    consultation: Consultation,
    *,
    age_band: str = "8-11",
    text: str = "More swings",
    profile: dict[str, str] | None = None,
) -> str:
    """Walk every page up to "check your answers" and return that page."""
    begin(client, consultation, age_band=age_band)
    for question in consultation.questions.order_by("position"):
        response = client.post(
            url(consultation, f"q-{question.pk}"), form_data(question, text=text)
        )
        assert response.status_code == 302, response.content.decode()
    for key in consultation.about_you:
        client.post(url(consultation, f"about-{key}"), {"value": (profile or {}).get(key, "")})
    if consultation.identified:
        client.post(url(consultation, "name"), {"name": ""})
    page = client.get(url(consultation, "check"))
    assert page.status_code == 200
    return page.content.decode()


def payload_of(page: str) -> str:
    marker = 'name="payload" value="'
    start = page.index(marker) + len(marker)
    return page[start : page.index('"', start)]


def send(
    client: Client, consultation: Consultation, payload: str, *, follow: bool = True, **extra: Any
) -> Any:
    """Send the answers as the last page does; stored answers are answered with a redirect to
    the receipt page, which a browser follows (``follow=False`` to see the redirect itself)."""
    return client.post(
        f"/have-your-say/{consultation.link_key}/send/",
        {"payload": payload},
        follow=follow,
        **extra,
    )


def _page(response: Any) -> str:
    return str(response.content.decode())
