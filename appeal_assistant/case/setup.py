"""The real seams a shell hands a workflow: the case store, the engine, the knowledge base, the clock."""

from __future__ import annotations

from datetime import UTC, datetime

from appeal_assistant.case.engines import EngineKind, make_engine
from appeal_assistant.case.knowledge import NoPassages, PassageSource, open_knowledge
from appeal_assistant.case.store import CaseStore
from appeal_assistant.case.workflow import Workflow
from appeal_assistant.config import Settings
from appeal_assistant.drafting.blame_model import blame_scores

__all__ = ["build_workflow", "parse_engine"]


def parse_engine(text: str) -> EngineKind:
    from appeal_assistant.errors import InputError

    try:
        return EngineKind(text.lower())
    except ValueError:
        raise InputError(f"--engine {text!r} is unknown; use offline or llm") from None


def _now() -> datetime:
    return datetime.now(UTC)


def build_workflow(
    settings: Settings,
    engine: EngineKind = EngineKind.OFFLINE,
    *,
    retrieval: bool = True,
    with_store: bool = True,
    notes: list[str] | None = None,
) -> Workflow:
    """A workflow on the settings' data folder; ``notes`` hears what was unavailable (index, model)."""
    said = notes if notes is not None else []
    chosen, engine_notes = make_engine(engine, settings)
    said += engine_notes
    knowledge: PassageSource = open_knowledge(settings, said.append) if retrieval else NoPassages()
    store = CaseStore(settings.store_path) if with_store else None
    scorer = blame_scores if settings.meaning_checks else None
    return Workflow(store=store, engine=chosen, knowledge=knowledge, clock=_now, blame_scorer=scorer)
