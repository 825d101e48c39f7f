"""Policy passages for a case's issues, looked up in a knowledge base handed in: never indexed here.

Building or updating the index is the `index` command's job (and the app's at start-up); a draft that
finds no index drafts without passages and says so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from appeal_assistant.errors import AppealAssistantError
from appeal_assistant.models import IssueKind, Passage

if TYPE_CHECKING:
    from appeal_assistant.config import Settings
    from appeal_assistant.retrieval import KnowledgeBase

__all__ = [
    "KnowledgePassages",
    "KnowledgeSearch",
    "NoPassages",
    "PassageSource",
    "lazy_search",
    "open_knowledge",
]


class PassageSource(Protocol):
    """Where a draft's policy passages come from."""

    def passages(self, kinds: Sequence[IssueKind]) -> dict[IssueKind, list[Passage]]: ...


class NoPassages:
    """No knowledge base: drafts carry no passages."""

    def passages(self, kinds: Sequence[IssueKind]) -> dict[IssueKind, list[Passage]]:
        return {}


class KnowledgePassages:
    """Search an open, built knowledge base; a search that fails leaves the draft without passages."""

    def __init__(
        self, kb: KnowledgeBase, *, k: int = 3, on_note: Callable[[str], None] | None = None
    ) -> None:
        self._kb, self._k, self._note = kb, k, on_note or (lambda _m: None)

    def passages(self, kinds: Sequence[IssueKind]) -> dict[IssueKind, list[Passage]]:
        from appeal_assistant.drafting.playbook import load_playbook

        out: dict[IssueKind, list[Passage]] = {}
        try:
            for kind in kinds:
                book = load_playbook(kind)
                query = f"{book.title}: root cause, corrective actions, preventive measures"
                # lexical: a draft's queries come from the playbooks, so no embedding model is loaded to draft
                out[kind] = self._kb.search(query, k=self._k, topics=[kind.value], mode="lexical")
        except AppealAssistantError as exc:
            self._note(f"policy passages unavailable ({exc}); drafting without them")
            return {}
        return out


def open_knowledge(settings: Settings, on_note: Callable[[str], None] | None = None) -> PassageSource:
    """The built knowledge base of ``settings``, or NoPassages with a note saying how to build it."""
    note = on_note or (lambda _m: None)
    try:
        from appeal_assistant.retrieval import KnowledgeBase

        kb = KnowledgeBase.open(settings)
        if kb.is_empty():
            note("knowledge index not built: run `appeal-assistant index` to cite policy passages")
            return NoPassages()
    except AppealAssistantError as exc:
        note(f"policy passages unavailable ({exc}); drafting without them")
        return NoPassages()
    return KnowledgePassages(kb, on_note=note)


class KnowledgeSearch(Protocol):
    """Answers a seller's policy question with cited passages."""

    def __call__(self, query: str, k: int = 3) -> list[Passage]: ...


def lazy_search(settings: Settings) -> KnowledgeSearch:
    """A search that opens the knowledge base (and loads the embedder) on its first question only."""
    opened: list[KnowledgeBase] = []

    def search(query: str, k: int = 3) -> list[Passage]:
        from appeal_assistant.errors import KnowledgeError
        from appeal_assistant.retrieval import KnowledgeBase

        if not opened:
            kb = KnowledgeBase.open(settings)
            if kb.is_empty():
                raise KnowledgeError("the knowledge index is not built: run `appeal-assistant index` first")
            opened.append(kb)
        return opened[0].search(query, k=k)

    return search
