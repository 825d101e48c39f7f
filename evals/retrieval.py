"""Retrieval evaluation: recall@5 and MRR@10 for dense only, BM25 only and hybrid, side by side.

Usage: .venv/bin/python evals/retrieval.py [--knowledge DIR] [--queries DIR] [--heldout DIR] [--index DIR]
                                           [--misses]

Indexes the knowledge folder (incrementally, into evals/out/retrieval-index by default), runs every
query of evals/retrieval/*.yaml (the development set, which tuning looked at) and of
evals/retrieval/heldout/*.yaml (written without seeing any search result and never used for tuning),
prints both tables and the pooled hybrid recall, and exits 1 when hybrid recall@5 of the development
set is under the floor. The metrics are defined in appeal_assistant/evaluation/retrieval_eval.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    from appeal_assistant.config import get_settings
    from appeal_assistant.errors import AppealAssistantError
    from appeal_assistant.evaluation.retrieval_eval import (
        HYBRID_RECALL_FLOOR,
        HYBRID_RECALL_TARGET,
        evaluate,
        format_misses,
        format_table,
        load_queries,
    )
    from appeal_assistant.retrieval import KnowledgeBase

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--knowledge", type=Path, default=ROOT / "knowledge", help="knowledge folder")
    parser.add_argument("--queries", type=Path, default=ROOT / "evals" / "retrieval", help="query folder")
    parser.add_argument(
        "--heldout",
        type=Path,
        default=ROOT / "evals" / "retrieval" / "heldout",
        help="held-out query folder ('' to skip)",
    )
    parser.add_argument(
        "--index", type=Path, default=ROOT / "evals" / "out" / "retrieval-index", help="data dir"
    )
    parser.add_argument("--misses", action="store_true", help="list the queries hybrid search misses")
    args = parser.parse_args(argv)
    try:
        settings = get_settings(data_dir=args.index, knowledge_dir=args.knowledge, chroma_host="")
        queries = load_queries(args.queries)
        held = load_queries(args.heldout) if str(args.heldout) and args.heldout.is_dir() else []
        kb = KnowledgeBase.open(settings)
        print(kb.index().summary(), file=sys.stderr)
        scores = evaluate(kb, queries)
        held_scores = evaluate(kb, held) if held else []
    except AppealAssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"development set ({args.queries.name}/*.yaml)")
    print(format_table(scores))
    hybrid = scores[-1]
    if held_scores:
        print(f"\nheld-out set ({args.heldout.name}/*.yaml)")
        print(format_table(held_scores))
        pooled = hybrid.results + held_scores[-1].results
        print(
            f"\npooled hybrid recall@5: {sum(r.recall for r in pooled) / len(pooled):.3f} ({len(pooled)} queries)"
        )
    if args.misses:
        for score in (hybrid, *held_scores[-1:]):
            print()
            print(format_misses(score))
    if hybrid.recall_at_5 < HYBRID_RECALL_FLOOR:
        print(f"FAIL: hybrid recall@5 {hybrid.recall_at_5:.3f} is under the floor {HYBRID_RECALL_FLOOR}")
        return 1
    if hybrid.recall_at_5 < HYBRID_RECALL_TARGET:
        print(f"note: hybrid recall@5 {hybrid.recall_at_5:.3f} is under the target {HYBRID_RECALL_TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
