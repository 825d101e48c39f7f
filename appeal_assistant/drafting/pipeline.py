"""From files to a draft: read the notice, the reports and the answers, retrieve policy, compose.

The `draft` command and the app both call :func:`draft_plan`; the engines sit behind it. Heavy
parts (the knowledge index, the LLM) are imported only when used.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml

from appeal_assistant.config import Settings
from appeal_assistant.drafting.composer import compose_plan
from appeal_assistant.drafting.playbook import load_playbook
from appeal_assistant.errors import AnswersError, AppealAssistantError
from appeal_assistant.models import HealthReport, IssueKind, Notice, Passage, PlanOfAction

__all__ = ["DraftResult", "Engine", "draft_plan", "load_answers", "retrieve_passages"]

Engine = Literal["offline", "llm"]


def load_answers(path: Path) -> dict[str, str]:
    """A YAML or JSON mapping of question id to answer; values are kept as the seller wrote them."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise AnswersError(f"cannot read answers file {str(path)!r} ({exc.strerror or exc})") from exc
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise AnswersError(f"answers file {str(path)!r} is not valid YAML/JSON: {exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise AnswersError(
            f"answers file {str(path)!r} must map question ids to answers, e.g. "
            "'common.owner: Dana Reyes, operations manager'"
        )
    answers: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, dict | list):
            raise AnswersError(f"answer {key!r} in {str(path)!r} must be text, not a {type(value).__name__}")
        if value is not None and str(value).strip():
            answers[str(key)] = str(value).strip()
    return answers


def retrieve_passages(
    kinds: Sequence[IssueKind],
    settings: Settings,
    *,
    k: int = 3,
    on_note: Callable[[str], None] | None = None,
) -> dict[IssueKind, list[Passage]]:
    """Policy passages per issue kind from the knowledge index; empty (with a note) when it is not built."""
    note = on_note or (lambda _msg: None)
    if not kinds:
        return {}
    try:
        from appeal_assistant.retrieval import KnowledgeBase

        kb = KnowledgeBase.open(settings)
        if kb.is_empty():
            note("knowledge index not built: run `appeal-assistant index` to cite policy passages")
            return {}
        report = kb.index()  # incremental: a no-op unless the knowledge folder changed since
        if report.changed:
            note(f"knowledge index updated: {report.summary()}")
        out: dict[IssueKind, list[Passage]] = {}
        for kind in kinds:
            book = load_playbook(kind)
            out[kind] = kb.search(
                f"{book.title}: root cause, corrective actions, preventive measures", k=k, topics=[kind.value]
            )
        return out
    except AppealAssistantError as exc:
        note(f"policy passages unavailable ({exc}); drafting without them")
        return {}


@dataclass
class DraftResult:
    plan: PlanOfAction
    notes: list[str] = field(default_factory=list)
    passages: dict[IssueKind, list[Passage]] = field(default_factory=dict)
    usage: dict[str, float] = field(default_factory=dict)


def draft_plan(
    notice: Notice | None,
    report: HealthReport | None,
    answers: dict[str, str],
    *,
    engine: Engine,
    settings: Settings,
    retrieve: bool = True,
) -> DraftResult:
    """Draft with the chosen engine; the LLM engine falls back to the offline draft and says why."""
    notes: list[str] = []
    kinds = notice.issue_kinds if notice is not None and notice.issues else []
    passages = retrieve_passages(kinds, settings, on_note=notes.append) if retrieve else {}
    if engine == "offline":
        plan = compose_plan(notice, report, answers, passages=passages)
        return DraftResult(plan=plan, notes=notes, passages=passages)
    from appeal_assistant.drafting.llm_drafter import draft_with_llm
    from appeal_assistant.llm.client import get_client

    client = get_client(settings)
    if client is None:
        notes.append(
            "no LLM configured (model 'offline'): showing the offline draft; set --model or "
            "APPEAL_ASSISTANT_LLM_MODEL to use one"
        )
        return DraftResult(
            plan=compose_plan(notice, report, answers, passages=passages), notes=notes, passages=passages
        )
    outcome = draft_with_llm(notice, report, answers, client=client, passages=passages)
    notes.extend(outcome.notes)
    usage = {
        "calls": float(outcome.usage.calls),
        "prompt_tokens": float(outcome.usage.prompt_tokens),
        "completion_tokens": float(outcome.usage.completion_tokens),
    }
    if outcome.usage.cost_usd is not None:
        usage["cost_usd"] = outcome.usage.cost_usd
    return DraftResult(plan=outcome.plan, notes=notes, passages=passages, usage=usage)
