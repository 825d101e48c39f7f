"""Retrieval evaluation: labelled queries scored for dense only, BM25 only and hybrid search.

Definitions (documents, not chunks, are what a query is labelled with):

- A search returns chunks; its *document ranking* lists each document once, at the rank of its best
  chunk (the first time it appears).
- recall@5 of a query = |relevant ids among the top 5 documents| / |relevant ids|.
- MRR@10 of a query = 1 / rank of the first relevant document within the top 10 documents, else 0.
- A mode's figure is the mean over all queries; each query counts once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from appeal_assistant.errors import EvalError
from appeal_assistant.models import Passage
from appeal_assistant.retrieval.search import KnowledgeBase, SearchMode

__all__ = [
    "HYBRID_RECALL_FLOOR",
    "HYBRID_RECALL_TARGET",
    "MODES",
    "ModeScore",
    "QueryResult",
    "RetrievalQuery",
    "evaluate",
    "format_misses",
    "format_table",
    "load_queries",
    "rank_documents",
    "recall_at",
    "reciprocal_rank",
]

MODES: tuple[SearchMode, ...] = ("dense", "lexical", "hybrid")
_LABELS: dict[str, str] = {"dense": "dense only", "lexical": "BM25 only", "hybrid": "hybrid"}

#: Below this hybrid recall@5 the evaluation fails; the goal is HYBRID_RECALL_TARGET.
HYBRID_RECALL_FLOOR = 0.90
HYBRID_RECALL_TARGET = 0.95

#: Chunks fetched per query to build the document ranking (enough for 10 distinct documents).
_DEPTH = 50


class RetrievalQuery(BaseModel):
    """One labelled query of an ``evals/retrieval/*.yaml`` file."""

    model_config = ConfigDict(extra="ignore")

    query: str = Field(min_length=1)
    relevant: list[str] = Field(min_length=1)
    marketplace: Literal["amazon", "ebay", "walmart", "all"] | None = None
    file: str = ""


@dataclass(frozen=True, slots=True)
class QueryResult:
    query: RetrievalQuery
    ranked: list[str]
    recall: float
    reciprocal_rank: float


@dataclass(slots=True)
class ModeScore:
    mode: SearchMode
    results: list[QueryResult] = field(default_factory=list)

    @property
    def recall_at_5(self) -> float:
        return sum(r.recall for r in self.results) / len(self.results) if self.results else 0.0

    @property
    def mrr_at_10(self) -> float:
        return sum(r.reciprocal_rank for r in self.results) / len(self.results) if self.results else 0.0


def load_queries(folder: Path) -> list[RetrievalQuery]:
    """Every query of every ``*.yaml`` file in ``folder``; a malformed entry is an EvalError naming it."""
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise EvalError(f"no query files (*.yaml) in {str(folder)!r}")
    queries: list[RetrievalQuery] = []
    for path in files:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise EvalError(f"{path.name}: not valid YAML: {exc}") from exc
        if not isinstance(data, list):
            raise EvalError(f"{path.name}: expected a list of queries, got {type(data).__name__}")
        for n, entry in enumerate(data, start=1):
            try:
                queries.append(RetrievalQuery.model_validate({**entry, "file": path.name}))
            except (ValidationError, TypeError) as exc:
                raise EvalError(f"{path.name}: entry {n} is malformed: {exc}") from exc
    return queries


def rank_documents(passages: Iterable[Passage]) -> list[str]:
    """Document ids in order of their best chunk."""
    return list(dict.fromkeys(p.doc_id for p in passages))


def recall_at(ranked: Sequence[str], relevant: Sequence[str], k: int = 5) -> float:
    """Share of the relevant ids found among the first ``k`` ranked documents."""
    wanted = set(relevant)
    return len(wanted & set(ranked[:k])) / len(wanted) if wanted else 0.0


def reciprocal_rank(ranked: Sequence[str], relevant: Sequence[str], k: int = 10) -> float:
    """1 / rank of the first relevant document within the first ``k``, else 0."""
    wanted = set(relevant)
    for rank, doc_id in enumerate(ranked[:k], start=1):
        if doc_id in wanted:
            return 1.0 / rank
    return 0.0


def evaluate(
    kb: KnowledgeBase, queries: Sequence[RetrievalQuery], modes: Sequence[SearchMode] = MODES
) -> list[ModeScore]:
    """Score each mode over the queries; relevant ids unknown to the index are an EvalError."""
    known = {c.doc_id for c in kb.store.chunks("knowledge")}
    for q in queries:
        unknown = sorted(set(q.relevant) - known)
        if unknown:
            raise EvalError(f"{q.file}: query {q.query!r} lists unknown document ids {unknown}")
    scores: list[ModeScore] = []
    for mode in modes:
        score = ModeScore(mode)
        for q in queries:
            passages = kb.search(
                q.query, _DEPTH, marketplace=q.marketplace, mode=mode, collections=("knowledge",)
            )
            ranked = rank_documents(passages)
            score.results.append(
                QueryResult(
                    q, ranked, recall_at(ranked, q.relevant, 5), reciprocal_rank(ranked, q.relevant, 10)
                )
            )
        scores.append(score)
    return scores


def format_table(scores: Sequence[ModeScore]) -> str:
    """The modes side by side: recall@5 and MRR@10."""
    count = len(scores[0].results) if scores else 0
    lines = [f"{'':12}" + "".join(f"{_LABELS[s.mode]:>12}" for s in scores)]
    lines.append(f"{'recall@5':12}" + "".join(f"{s.recall_at_5:>12.3f}" for s in scores))
    lines.append(f"{'MRR@10':12}" + "".join(f"{s.mrr_at_10:>12.3f}" for s in scores))
    lines.append(f"({count} queries)")
    return "\n".join(lines)


def format_misses(score: ModeScore, limit: int = 20) -> str:
    """Queries whose top 5 documents miss a relevant id, with what came back instead."""
    misses = [r for r in score.results if r.recall < 1.0]
    lines = [
        f"{len(misses)} of {len(score.results)} queries miss a relevant document in {score.mode}'s top 5"
    ]
    for r in misses[:limit]:
        missing = sorted(set(r.query.relevant) - set(r.ranked[:5]))
        lines.append(f"- {r.query.query!r} [{r.query.file}] missing {missing}; top 5: {r.ranked[:5]}")
    return "\n".join(lines)
