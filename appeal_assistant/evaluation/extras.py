"""Scorecard sections beyond the drafted cases: notice parsing, retrieval, the LLM engine and judge."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, Field

from appeal_assistant.config import Settings
from appeal_assistant.errors import AppealAssistantError
from appeal_assistant.evaluation.cases import EvalCase

__all__ = ["JudgeScores", "judge_cases", "notice_block", "retrieval_block"]

ROOT = Path(__file__).resolve().parents[2]
NOTICE_FIXTURES = ROOT / "tests" / "fixtures" / "notices"
QUERIES_DIR = ROOT / "evals" / "retrieval"


def notice_block(floor: float) -> dict[str, object]:
    """Per-kind precision and recall of the notice parser on its fixtures."""
    from appeal_assistant.evaluation.notice_eval import evaluate_notices, format_report

    result = evaluate_notices(NOTICE_FIXTURES, floor=floor)
    return {
        "passed": result.passed,
        "micro_f1": result.micro_f1,
        "below_floor": [k.value for k in result.below_floor],
        "text": format_report(result),
    }


def retrieval_block(settings: Settings, floor: float) -> dict[str, object]:
    """recall@5 and MRR@10 for dense, BM25 and hybrid search over the labelled queries."""
    from appeal_assistant.evaluation.retrieval_eval import evaluate, format_table, load_queries
    from appeal_assistant.retrieval import KnowledgeBase

    kb = KnowledgeBase.open(settings)
    if kb.is_empty():
        kb.index()
    scores = evaluate(kb, load_queries(QUERIES_DIR))
    hybrid = next(s for s in scores if s.mode == "hybrid")
    return {
        "passed": hybrid.recall_at_5 >= floor,
        "hybrid_recall_at_5": hybrid.recall_at_5,
        "text": format_table(scores),
    }


class JudgeScores(BaseModel):
    specific: int = Field(ge=1, le=5)
    root_cause: int = Field(ge=1, le=5)
    actions_done: int = Field(ge=1, le=5)
    prevention: int = Field(ge=1, le=5)
    concise: int = Field(ge=1, le=5)
    comment: str = ""


def judge_cases(cases: Sequence[EvalCase], settings: Settings) -> dict[str, object]:
    """LLM-judge rubric scores of the offline drafts, averaged; skipped (with a reason) without a model."""
    from tempfile import TemporaryDirectory

    from appeal_assistant.case.engines import DraftRequest, OfflineEngine
    from appeal_assistant.drafting.render import render_text
    from appeal_assistant.evaluation.runner import prepare_case
    from appeal_assistant.llm.client import get_client
    from appeal_assistant.llm.prompts import render_prompt
    from appeal_assistant.llm.structured import complete_structured

    client = get_client(settings)
    if client is None:
        return {"skipped": "no LLM configured (model 'offline')"}
    per_case: dict[str, dict[str, object]] = {}
    with TemporaryDirectory(prefix="appeal_judge_") as work:
        for case in cases:
            try:
                notice, report, answers = prepare_case(case, Path(work))
                plan = OfflineEngine().draft(DraftRequest(notice, report, answers)).plan
                messages = render_prompt(
                    "judge_plan",
                    {
                        "issues": ", ".join(k.value for k in (notice.issue_kinds if notice else []))
                        or "none",
                        "plan_text": render_text(plan),
                    },
                )
                scores, _ = complete_structured(
                    client,
                    messages,
                    JudgeScores,
                    repair_message=lambda p: f"Reply with the JSON object only. {p}",
                )
                per_case[case.id] = scores.model_dump()
            except AppealAssistantError as exc:
                per_case[case.id] = {"error": str(exc)}
    graded = [s for s in per_case.values() if "error" not in s]
    means = (
        {
            k: round(sum(float(str(s[k])) for s in graded) / len(graded), 2)
            for k in ("specific", "root_cause", "actions_done", "prevention", "concise")
        }
        if graded
        else {}
    )
    return {"model": settings.llm_model, "means": means, "cases": per_case}
