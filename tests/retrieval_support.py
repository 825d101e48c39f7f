"""Shared helpers for the retrieval tests: a deterministic fake embedder and a counting wrapper."""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Sequence
from pathlib import Path

from appeal_assistant.config import Settings, get_settings
from appeal_assistant.retrieval import Embedder

FIXTURE_KNOWLEDGE = Path(__file__).resolve().parent / "fixtures" / "knowledge"


class FakeEmbedder:
    """Bag of words hashed into 64 dimensions: texts sharing words are close. Deterministic across runs."""

    model_id = "fake-bow-64"

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def _vector(self, text: str) -> list[float]:
        vector = [0.0] * 64
        for word in re.findall(r"[a-z0-9]+", text.lower()):
            digest = hashlib.md5(word.encode("utf-8")).digest()
            vector[digest[0] % 64] += 1.0 if digest[1] % 2 else -1.0
        norm = math.sqrt(sum(x * x for x in vector)) or 1.0
        return [x / norm for x in vector]

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        self.embedded.extend(texts)
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)


class CountingEmbedder:
    """Wraps a real embedder and counts the documents it embeds."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.documents = 0

    @property
    def model_id(self) -> str:
        return self.inner.model_id

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        self.documents += len(texts)
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


def settings_for(data_dir: Path, knowledge_dir: Path = FIXTURE_KNOWLEDGE, **overrides: object) -> Settings:
    """Settings pointing at a private data dir and a knowledge folder."""
    return get_settings(data_dir=data_dir, knowledge_dir=knowledge_dir, **overrides)
