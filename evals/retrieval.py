"""Retrieval evaluation: recall@5 and MRR@10 for dense only, BM25 only and hybrid, side by side.

Usage: .venv/bin/python evals/retrieval.py [--knowledge DIR] [--queries DIR] [--index DIR] [--misses]

Indexes the knowledge folder (incrementally, into evals/out/retrieval-index by default), runs every
query of evals/retrieval/*.yaml and exits 1 when hybrid recall@5 is under the floor. The metrics are
defined in appeal_assistant/evaluation/retrieval_eval.py.
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
        "--index", type=Path, default=ROOT / "evals" / "out" / "retrieval-index", help="data dir"
    )
    parser.add_argument("--misses", action="store_true", help="list the queries hybrid search misses")
    args = parser.parse_args(argv)
    try:
        settings = get_settings(data_dir=args.index, knowledge_dir=args.knowledge, chroma_host="")
        queries = load_queries(args.queries)
        kb = KnowledgeBase.open(settings)
        print(kb.index().summary(), file=sys.stderr)
        scores = evaluate(kb, queries)
    except AppealAssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(format_table(scores))
    hybrid = scores[-1]
    if args.misses:
        print()
        print(format_misses(hybrid))
    if hybrid.recall_at_5 < HYBRID_RECALL_FLOOR:
        print(f"FAIL: hybrid recall@5 {hybrid.recall_at_5:.3f} is under the floor {HYBRID_RECALL_FLOOR}")
        return 1
    if hybrid.recall_at_5 < HYBRID_RECALL_TARGET:
        print(f"note: hybrid recall@5 {hybrid.recall_at_5:.3f} is under the target {HYBRID_RECALL_TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
