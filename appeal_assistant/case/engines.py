"""Drafting engines behind one protocol: the offline composer, and an LLM with the offline draft as
its fallback. A shell picks one with ``make_engine`` (the LLM client is built there, once), and the
workflow only ever calls ``draft`` and ``revise``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from appeal_assistant.models import HealthReport, IssueKind, Notice, Passage, PlanKind, PlanOfAction, PlanPart

if TYPE_CHECKING:
    from appeal_assistant.config import Settings
    from appeal_assistant.llm.client import LLMClient

__all__ = [
    "DraftRequest",
    "Engine",
    "EngineKind",
    "EngineResult",
    "LLMEngine",
    "OfflineEngine",
    "make_engine",
]


class EngineKind(StrEnum):
    OFFLINE = "offline"
    LLM = "llm"


@dataclass
class DraftRequest:
    """Everything a draft is made from."""

    notice: Notice | None
    report: HealthReport | None
    answers: dict[str, str]
    passages: dict[IssueKind, list[Passage]] = field(default_factory=dict)
    today: date | None = None
    kind: PlanKind | None = None
    strengthen: Sequence[PlanPart] = ()


@dataclass
class EngineResult:
    plan: PlanOfAction
    notes: list[str] = field(default_factory=list)
    usage: dict[str, float] = field(default_factory=dict)


class Engine(Protocol):
    """Drafts and revises plans."""

    @property
    def name(self) -> str: ...

    def draft(self, request: DraftRequest) -> EngineResult: ...

    def revise(self, plan: PlanOfAction, instruction: str, request: DraftRequest) -> EngineResult: ...


class OfflineEngine:
    """The composer and the rule-based reviser: no network, no model."""

    name = "offline"

    def draft(self, request: DraftRequest) -> EngineResult:
        from appeal_assistant.drafting.composer import compose_plan

        plan = compose_plan(
            request.notice,
            request.report,
            request.answers,
            passages=request.passages,
            kind=request.kind,
            strengthen=request.strengthen,
            today=request.today,
        )
        return EngineResult(plan)

    def revise(self, plan: PlanOfAction, instruction: str, request: DraftRequest) -> EngineResult:
        from appeal_assistant.drafting.revise import revise_plan

        revised = revise_plan(
            plan, instruction, notice=request.notice, report=request.report, answers=request.answers
        )
        return EngineResult(revised)


class LLMEngine:
    """An LLM over the offline skeleton; any failure ends in the offline draft (or the unchanged plan)."""

    def __init__(self, client: LLMClient, model: str) -> None:
        self._client, self._model = client, model

    @property
    def name(self) -> str:
        return f"llm:{self._model}"

    def draft(self, request: DraftRequest) -> EngineResult:
        from appeal_assistant.drafting.llm_drafter import draft_with_llm

        outcome = draft_with_llm(
            request.notice,
            request.report,
            request.answers,
            client=self._client,
            passages=request.passages,
            kind=request.kind,
            strengthen=request.strengthen,
        )
        return EngineResult(outcome.plan, list(outcome.notes), _usage(outcome.usage))

    def revise(self, plan: PlanOfAction, instruction: str, request: DraftRequest) -> EngineResult:
        from appeal_assistant.drafting.llm_drafter import revise_with_llm

        outcome = revise_with_llm(
            plan,
            instruction,
            client=self._client,
            notice=request.notice,
            report=request.report,
            answers=request.answers,
            passages=request.passages,
        )
        return EngineResult(outcome.plan, list(outcome.notes), _usage(outcome.usage))


def _usage(usage: object) -> dict[str, float]:
    from appeal_assistant.llm.client import Usage

    assert isinstance(usage, Usage)
    out = {
        "calls": float(usage.calls),
        "prompt_tokens": float(usage.prompt_tokens),
        "completion_tokens": float(usage.completion_tokens),
    }
    if usage.cost_usd is not None:
        out["cost_usd"] = usage.cost_usd
    return out


def make_engine(kind: EngineKind, settings: Settings) -> tuple[Engine, list[str]]:
    """The engine a shell asked for, and notes (an LLM asked for with no model configured is offline)."""
    if kind is EngineKind.OFFLINE:
        return OfflineEngine(), []
    from appeal_assistant.llm.client import get_client

    client = get_client(settings)
    if client is None:
        return OfflineEngine(), [
            "no LLM configured (model 'offline'): showing the offline draft; set --model or "
            "APPEAL_ASSISTANT_LLM_MODEL to use one"
        ]
    return LLMEngine(client, settings.llm_model), []
