"""Playbooks: per issue kind, the facts a reviewer needs and the plan text that answers them, as data.

A playbook is a YAML file in ``drafting/playbooks/`` validated by :class:`Playbook`. Text templates use
``{name}`` slots filled from a context built from findings, metrics, the notice and the seller's answers
(see :mod:`appeal_assistant.drafting.context`); ``{answer:question.id}`` inserts an answer verbatim. A slot
without a value becomes a visible ``[[placeholder]]``: the composer never invents a fact.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from appeal_assistant.drafting.answers import Expects
from appeal_assistant.errors import AppealAssistantError
from appeal_assistant.models import IssueKind

__all__ = [
    "PLAYBOOK_DIR",
    "Condition",
    "Playbook",
    "PlaybookError",
    "Question",
    "TemplateItem",
    "all_playbooks",
    "load_playbook",
    "question_index",
    "slots",
]

PLAYBOOK_DIR = Path(__file__).resolve().parent / "playbooks"
_SLOT = re.compile(r"\{([a-z_]+(?:[.:][a-zA-Z0-9_.]+)?)\}")


class PlaybookError(AppealAssistantError):
    """A playbook file is malformed."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Condition(_Strict):
    """When an item applies. Every given key must hold; an empty condition always holds."""

    driver_dimension: list[str] | None = None  # the issue metric's top driver is along one of these
    has_driver: bool | None = None
    has_spike: bool | None = None
    channel: Literal["mfn", "afn"] | None = None  # the issue metric's channel
    answered: list[str] | None = None  # all of these questions have answers
    unanswered: list[str] | None = None  # none of these has an answer
    notice_has: list[Literal["asins", "order_ids", "complaint_ids", "trademark_numbers"]] | None = None
    marketplace: Literal["amazon", "ebay", "walmart"] | None = None
    rejected: bool | None = None  # the notice rejects an earlier appeal
    plan_kind: Literal["appeal", "performance_improvement_plan"] | None = None
    # the notice text or the seller's answers match one of these patterns (case-insensitive) ...
    mentions: list[str] | None = None
    # ... or match none of these: wording that fits only some cases ('removal order' where removal is barred)
    not_mentions: list[str] | None = None


class Question(_Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+\.[a-z0-9_]+$")
    ask: str
    why: str
    placeholder: str = Field(description="shown as [[...]] in the draft until answered")
    covered_by: str | None = Field(
        default=None,
        description="a broader question of the same playbook whose answer stands in for this one while "
        "this one is unanswered (the general cause answers the carrier-specific one)",
    )
    when: Condition = Field(default_factory=Condition)
    example: str = ""
    expects: Expects = Field(default="text", description="what a usable answer holds (a date, a person, ...)")
    future: bool = Field(default=False, description="a date in the future is expected (a start date)")
    from_notice: Literal["rights_owner"] | None = Field(
        default=None, description="a notice field that answers this question when the notice gives it"
    )


class TemplateItem(_Strict):
    id: str
    text: str
    when: Condition = Field(default_factory=Condition)
    detail: bool = Field(
        default=False, description="only when the part must be strengthened or more detail asked"
    )
    document: str | None = Field(
        default=None, description="the RequestedDocument kind this supporting document provides"
    )
    source: str | None = Field(
        default=None, description="knowledge document id a commitment (preventive measure) rests on"
    )


class RootCause(TemplateItem):
    actions: list[str] = Field(default_factory=list, description="corrective action ids answering this cause")
    prevention: list[str] = Field(default_factory=list, description="preventive measure ids")
    documents: list[str] = Field(default_factory=list, description="document ids")


class Playbook(_Strict):
    kind: IssueKind
    title: str
    metrics: list[str] = Field(default_factory=list, description="metric ids whose findings feed this issue")
    knowledge_topics: list[str] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)
    root_causes: list[RootCause]
    corrective_actions: list[TemplateItem]
    preventive_measures: list[TemplateItem]
    documents: list[TemplateItem] = Field(default_factory=list)
    source: str = Field(description="knowledge document ids or addresses the playbook rests on")

    @model_validator(mode="after")
    def _references_resolve(self) -> Playbook:
        actions = {a.id for a in self.corrective_actions}
        prevention = {p.id for p in self.preventive_measures}
        documents = {d.id for d in self.documents}
        for cause in self.root_causes:
            for ref, known, what in (
                (cause.actions, actions, "corrective action"),
                (cause.prevention, prevention, "preventive measure"),
                (cause.documents, documents, "document"),
            ):
                missing = sorted(set(ref) - known)
                if missing:
                    raise ValueError(f"root cause {cause.id!r} names unknown {what} ids {missing}")
        if not any(not c.when.model_dump(exclude_none=True) for c in self.root_causes):
            raise ValueError("needs one root cause without a condition (the fallback)")
        asked = {q.id for q in self.questions}
        for q in self.questions:
            if q.covered_by is not None and (q.covered_by not in asked or q.covered_by == q.id):
                raise ValueError(
                    f"question {q.id!r} is covered_by {q.covered_by!r}, not another question here"
                )
        return self


def slots(text: str) -> list[str]:
    """The slot names used in a template."""
    return _SLOT.findall(text)


def _load(path: Path) -> Playbook:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return Playbook.model_validate(data)
    except (yaml.YAMLError, ValidationError) as exc:
        raise PlaybookError(f"playbook {path.name!r} is invalid: {exc}") from exc


@cache
def all_playbooks() -> dict[IssueKind, Playbook]:
    """Every playbook on disk, by issue kind (plus the shared questions checked for unique ids)."""
    books: dict[IssueKind, Playbook] = {}
    for path in sorted(PLAYBOOK_DIR.glob("*.yaml")):
        if path.stem == "common":
            continue
        book = _load(path)
        if book.kind in books:
            raise PlaybookError(f"two playbooks for {book.kind.value!r} (second: {path.name})")
        books[book.kind] = book
    return books


@cache
def common_questions() -> list[Question]:
    """Questions shared by every playbook (owners, start dates, changes since a rejection)."""
    path = PLAYBOOK_DIR / "common.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    try:
        return [Question.model_validate(q) for q in data["questions"]]
    except (ValidationError, KeyError, TypeError) as exc:
        raise PlaybookError(f"playbook 'common.yaml' is invalid: {exc}") from exc


def load_playbook(kind: IssueKind) -> Playbook:
    try:
        return all_playbooks()[kind]
    except KeyError:
        raise PlaybookError(f"no playbook for issue kind {kind.value!r}") from None


@cache
def question_index() -> dict[str, Question]:
    """Every question id -> question, across all playbooks and the common set."""
    index: dict[str, Question] = {}
    for q in common_questions():
        index[q.id] = q
    for book in all_playbooks().values():
        for q in book.questions:
            if q.id in index and index[q.id] != q:
                raise PlaybookError(f"question id {q.id!r} is defined twice with different texts")
            index[q.id] = q
    return index
