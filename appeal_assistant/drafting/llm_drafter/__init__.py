"""The LLM drafter: draft and revise a Plan of Action with a language model, checked and with a fallback."""

from __future__ import annotations

from appeal_assistant.drafting.llm_drafter.context import case_context, plan_json, valid_refs
from appeal_assistant.drafting.llm_drafter.draft import DraftOutcome, draft_with_llm, revise_with_llm

__all__ = ["DraftOutcome", "case_context", "draft_with_llm", "plan_json", "revise_with_llm", "valid_refs"]
