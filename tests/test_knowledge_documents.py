"""Every document of knowledge/ has valid front matter, and together they cover every issue and metric."""

from __future__ import annotations

from pathlib import Path

import pytest

from appeal_assistant.metrics.policy import POLICIES
from appeal_assistant.models import IssueKind
from appeal_assistant.retrieval.documents import chunk_document, load_knowledge_documents, read_front_matter

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"
FILES = sorted(p for p in KNOWLEDGE.glob("*.md") if p.name.lower() != "readme.md")


def _all_topics() -> set[str]:
    return {topic for doc in load_knowledge_documents(KNOWLEDGE) for topic in doc.topics}


def test_the_knowledge_folder_has_documents() -> None:
    assert FILES, f"no knowledge documents in {KNOWLEDGE}"


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_front_matter_is_complete_and_valid(path: Path) -> None:
    meta, body = read_front_matter(path)  # validates id, title, marketplace, topics, sources, last_verified
    assert meta.marketplace in {"amazon", "ebay", "walmart", "all"}
    assert meta.topics and all(isinstance(t, str) for t in meta.topics)
    assert meta.sources and all(s.startswith(("http://", "https://")) for s in meta.sources)
    # doc2query: seller phrasings the document answers, short and distinct (see retrieval/search.py)
    assert len(meta.questions) >= 8, f"{path.name}: write at least 8 seller questions it answers"
    assert all(0 < len(q) <= 140 for q in meta.questions)
    assert len({q.lower() for q in meta.questions}) == len(meta.questions)
    assert 1 <= len(meta.related) <= 3, f"{path.name}: name 1-3 companion documents in 'related'"
    assert any(line.startswith("## ") for line in body.splitlines()), f"{path.name} has no '## ' heading"


def test_ids_are_unique_and_every_document_chunks() -> None:
    documents = load_knowledge_documents(KNOWLEDGE)  # raises on a duplicate id
    assert len({d.id for d in documents}) == len(FILES)
    empty = [d.id for d in documents if not chunk_document(d)]
    assert empty == []


def test_every_issue_kind_is_covered_by_a_document() -> None:
    missing = sorted(kind.value for kind in IssueKind if kind.value not in _all_topics())
    assert missing == [], f"no knowledge document has these issue kinds among its topics: {missing}"


def test_every_policy_metric_is_covered_by_a_document() -> None:
    missing = sorted(p.id for p in POLICIES if p.id not in _all_topics())
    assert missing == [], f"no knowledge document has these metric ids among its topics: {missing}"
