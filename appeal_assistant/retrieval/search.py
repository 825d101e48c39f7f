"""Hybrid search: dense (embedder + vector store) and BM25 rankings fused by reciprocal rank.

Filters are document-level and apply to both rankings before fusion: a marketplace keeps documents
of that marketplace and those for "all"; topics keep documents carrying any of them; an issue kind
keeps documents whose topics name it. The knowledge and user collections are searched together.
Abbreviations in the query ("poa", "odr") are spelled out first, for both rankings.

Question chunks (a document's front-matter ``questions``) are ranked apart, densely and with BM25, and
never returned: in each question ranking a hit stands for its document, and votes in the fusion for
the document's best text chunk of the text rankings' fused order (its first chunk when none of its
text made the pool).

Finally a document hands a share of its score to its companions (front-matter ``related``: documents
a consultant opens with it, e.g. the supplier-invoice guide for an inauthenticity complaint), so the
second document a question needs is found with the first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from appeal_assistant.config import Settings
from appeal_assistant.errors import InputError, KnowledgeError
from appeal_assistant.models import IssueKind, Marketplace, Passage
from appeal_assistant.retrieval.abbreviations import expand_abbreviations
from appeal_assistant.retrieval.documents import KNOWLEDGE_MARKETPLACES, Chunk, ChunkKind, CollectionName
from appeal_assistant.retrieval.embedder import Embedder, SentenceTransformerEmbedder
from appeal_assistant.retrieval.indexer import (
    IndexReport,
    ProgressCallback,
    UserDocument,
    add_user_document,
    index_knowledge,
    list_user_documents,
    remove_user_document,
)
from appeal_assistant.retrieval.lexical import LexicalIndex
from appeal_assistant.retrieval.store import VectorStore, open_store

__all__ = [
    "COLLECTIONS",
    "FusionConfig",
    "KnowledgeBase",
    "SearchFilter",
    "SearchMode",
    "reciprocal_rank_fusion",
]

SearchMode = Literal["hybrid", "dense", "lexical"]

COLLECTIONS: tuple[CollectionName, ...] = ("knowledge", "user")


@dataclass(frozen=True, slots=True)
class FusionConfig:
    """How the rankings (dense and BM25, over text and over questions) are merged; tuned on
    evals/retrieval as a whole, never per query.

    A small ``rrf_k`` lets the head of either ranking decide (an exact code found by BM25 comes first);
    on the labelled queries k in 5-60 and lexical weights 0.75-1 were within one query of each other.
    The two question rankings (doc2query) each weigh 0.75, and a document passes a tenth of its score
    to its companions (front-matter ``related``, written from the documents alone). Hybrid recall@5 /
    MRR@10 on evals/retrieval (exact dense search), development set | held-out set:

    ==========  ========  =====================  =====================
    questions   related   development (137)      held-out (70)
    ==========  ========  =====================  =====================
    0           0         0.927 / 0.927          1.000 / 0.967
    0           0.1       0.934 / 0.937          1.000 / 0.974
    0.5         0         0.946 / 0.943          1.000 / 0.969
    0.5         0.1       0.950 / 0.943          1.000 / 0.969
    0.75        0         0.943 / 0.948          1.000 / 0.969
    0.75        0.1       0.960 / 0.953          1.000 / 0.969
    0.75        0.2       0.971 / 0.948          1.000 / 0.940
    1.0         0.1       0.953 / 0.952          1.000 / 0.962
    ==========  ========  =====================  =====================

    Chosen by the development set's MRR (the best first answer); larger ``related`` shares find more
    second documents but push the best one down.
    """

    rrf_k: float = 10.0
    dense_weight: float = 1.0
    lexical_weight: float = 0.75
    #: weight of each question ranking (dense and BM25 over the documents' front-matter questions)
    question_weight: float = 0.75
    #: share of a document's score its related documents (front-matter ``related``) receive
    related_weight: float = 0.1
    candidates: int = 50


@dataclass(frozen=True, slots=True)
class SearchFilter:
    """Document-level filters: marketplace (plus 'all'), any of ``topics``, and an issue kind."""

    marketplace: str | None = None
    topics: tuple[str, ...] = ()
    issue: str | None = None

    @property
    def active(self) -> bool:
        return bool(self.marketplace or self.topics or self.issue)

    def allows(self, chunk: Chunk) -> bool:
        if self.marketplace and chunk.marketplace not in (self.marketplace, "all"):
            return False
        if self.topics and not set(self.topics) & set(chunk.topics):
            return False
        return not (self.issue and self.issue not in chunk.topics)


def reciprocal_rank_fusion(
    rankings: Sequence[tuple[Sequence[str], float]], k: float
) -> list[tuple[str, float]]:
    """Fuse (ranked keys, weight) lists: sum of weight / (k + rank), scaled so first everywhere is 1.0."""
    total = sum(weight for _, weight in rankings) or 1.0
    scores: dict[str, float] = {}
    for keys, weight in rankings:
        for rank, key in enumerate(keys, start=1):
            scores[key] = scores.get(key, 0.0) + weight / (k + rank)
    scale = (k + 1.0) / total
    return sorted(((key, s * scale) for key, s in scores.items()), key=lambda item: (-item[1], item[0]))


@dataclass(frozen=True, slots=True)
class _Catalog:
    chunks: list[Chunk]
    lexical: dict[ChunkKind, LexicalIndex]
    positions: dict[str, int]
    #: (collection, doc id) -> key of the document's first text chunk
    leads: dict[tuple[str, str], str]
    #: documents that have question chunks
    asked: frozenset[tuple[str, str]] = frozenset()

    def without_question_bias(
        self, ranked: list[tuple[str, float]], factor: float
    ) -> list[tuple[str, float]]:
        """Scale the fused scores of a seller's own documents (the user collection: they carry no
        questions) by the rankings' total weight over the text rankings' weight, so that first in every
        ranking it can appear in scores 1.0 as a knowledge document first everywhere does; then re-sort.
        Knowledge documents all have questions (tests/test_knowledge_documents.py)."""
        if factor == 1.0:
            return ranked
        scaled = [(key, score * factor if self._unasked(key) else score) for key, score in ranked]
        return sorted(scaled, key=lambda item: (-item[1], item[0]))

    def _unasked(self, key: str) -> bool:
        chunk = self.chunks[self.positions[key]]
        return chunk.collection == "user" and (chunk.collection, chunk.doc_id) not in self.asked

    def lexical_search(
        self, query: str, n: int, allowed: Sequence[bool], kind: ChunkKind
    ) -> list[tuple[str, float]]:
        """BM25 over the allowed chunks of one kind (each kind has its own index and term statistics)."""
        index = self.lexical[kind]
        members = [self.positions[_key(c)] for c in index.chunks]
        hits = index.search(query, n, [allowed[i] for i in members])
        return [(_key(index.chunks[i]), score) for i, score in hits]

    def propagate(
        self, ranked: Sequence[tuple[str, float]], weight: float, allowed: AbstractSet[str]
    ) -> list[tuple[str, float]]:
        """Give each document's companions (front-matter ``related``) ``weight`` times its score.

        A companion gains the largest such share, added to its best chunk of ``ranked`` (its first chunk
        when none is there and that chunk passes the filters).
        """
        if weight <= 0 or not ranked:
            return list(ranked)
        best: dict[tuple[str, str], tuple[str, float]] = {}
        for key, score in ranked:
            chunk = self.chunks[self.positions[key]]
            best.setdefault((chunk.collection, chunk.doc_id), (key, score))
        bonus: dict[tuple[str, str], float] = {}
        for (collection, _doc), (key, score) in best.items():
            for other in self.chunks[self.positions[key]].related:
                target = (collection, other)
                bonus[target] = max(bonus.get(target, 0.0), weight * score)
        scores = dict(ranked)
        for target, gain in bonus.items():
            key = best[target][0] if target in best else self.leads.get(target, "")
            if key in allowed:
                scores[key] = scores.get(key, 0.0) + gain
        return sorted(scores.items(), key=lambda item: (-item[1], item[0]))

    def resolve(self, ranking: Sequence[tuple[str, float]], order: Sequence[str]) -> list[tuple[str, float]]:
        """Replace question hits by their documents' first text chunk in ``order`` (else the document's
        first chunk); each key is kept once, at its best rank."""
        best_text: dict[tuple[str, str], str] = {}
        for key in order:
            chunk = self.chunks[self.positions[key]]
            if chunk.kind == "text":
                best_text.setdefault((chunk.collection, chunk.doc_id), key)
        out: list[tuple[str, float]] = []
        seen: set[str] = set()
        for key, score in ranking:
            chunk = self.chunks[self.positions[key]]
            if chunk.kind != "text":
                doc = (chunk.collection, chunk.doc_id)
                key = best_text.get(doc) or self.leads.get(doc, "")
            if key and key not in seen:
                seen.add(key)
                out.append((key, score))
        return out


class KnowledgeBase:
    """The knowledge and user collections behind one search call; settings, embedder and store injected."""

    def __init__(
        self,
        settings: Settings,
        embedder: Embedder,
        store: VectorStore,
        fusion: FusionConfig | None = None,
    ) -> None:
        self.settings = settings
        self.embedder = embedder
        self.store = store
        self.fusion = fusion or FusionConfig()
        self._catalog: _Catalog | None = None

    @classmethod
    def open(cls, settings: Settings) -> KnowledgeBase:
        """The production knowledge base: MiniLM embedder, Chroma embedded or server per settings."""
        embedder = SentenceTransformerEmbedder()
        return cls(settings, embedder, open_store(settings, embedder))

    # ------------------------------------------------------------------ indexing

    def index(self, *, rebuild: bool = False, progress: ProgressCallback | None = None) -> IndexReport:
        """Index the knowledge folder incrementally (or from scratch with ``rebuild``)."""
        self._catalog = None
        return index_knowledge(
            self.store, self.embedder, self.settings.knowledge_dir, rebuild=rebuild, progress=progress
        )

    def add_user_document(
        self,
        path: Path,
        *,
        marketplace: str = "all",
        topics: Sequence[str] = (),
        progress: ProgressCallback | None = None,
    ) -> IndexReport:
        """Add a seller's .md, .txt or .pdf file to the user collection."""
        self._catalog = None
        return add_user_document(
            self.store, self.embedder, path, marketplace=marketplace, topics=topics, progress=progress
        )

    def remove_user_document(self, doc_id: str) -> int:
        """Remove a user document; returns the number of chunks deleted."""
        self._catalog = None
        return remove_user_document(self.store, doc_id)

    def user_documents(self) -> list[UserDocument]:
        return list_user_documents(self.store)

    def refresh(self) -> None:
        """Forget the cached chunk catalog, e.g. after another process changed the index."""
        self._catalog = None

    def is_empty(self) -> bool:
        """True when the knowledge collection holds no chunk yet."""
        return not self.store.hashes("knowledge")

    # ------------------------------------------------------------------ search

    def search(
        self,
        query: str,
        k: int = 5,
        marketplace: Marketplace | str | None = None,
        topics: Iterable[str] | None = None,
        issue: IssueKind | str | None = None,
        *,
        mode: SearchMode = "hybrid",
        collections: Sequence[CollectionName] = COLLECTIONS,
    ) -> list[Passage]:
        """The ``k`` best passages for ``query`` among documents that pass the filters."""
        if not query.strip():
            raise InputError("the search query is empty; ask something, e.g. 'late shipment rate target'")
        if k <= 0:
            raise InputError(f"k must be at least 1, got {k!r}")
        if mode not in ("hybrid", "dense", "lexical"):
            raise InputError(f"search mode {mode!r} is not one of hybrid, dense, lexical")
        filters = _make_filter(marketplace, topics, issue)
        catalog = self._load_catalog()
        if not catalog.chunks:
            raise KnowledgeError("the knowledge index is empty; build it with `appeal-assistant index`")
        allowed = [c.collection in collections and filters.allows(c) for c in catalog.chunks]
        if not any(allowed):
            return []
        pool = max(self.fusion.candidates, k)
        query = expand_abbreviations(query)
        text_ok = [ok and c.kind == "text" for ok, c in zip(allowed, catalog.chunks, strict=True)]
        question_ok = [ok and c.kind == "question" for ok, c in zip(allowed, catalog.chunks, strict=True)]
        use_questions = any(question_ok)
        rankings: list[tuple[list[str], float]] = []
        questions: list[tuple[list[tuple[str, float]], float]] = []
        raw: dict[str, float] = {}
        if mode in ("hybrid", "dense"):
            vector = self.embedder.embed_query(query)
            dense = self._dense(vector, catalog, text_ok, pool, filters.active, "text")
            rankings.append(([key for key, _ in dense], self.fusion.dense_weight))
            raw = dict(dense)
            if use_questions:
                asked = self._dense(vector, catalog, question_ok, pool, filters.active, "question")
                questions.append((asked, self.fusion.question_weight))
        if mode in ("hybrid", "lexical"):
            lexical = catalog.lexical_search(query, pool, text_ok, "text")
            rankings.append(([key for key, _ in lexical], self.fusion.lexical_weight))
            raw = dict(lexical) if mode == "lexical" else raw
            if use_questions:
                asked = catalog.lexical_search(query, pool, question_ok, "question")
                questions.append((asked, self.fusion.question_weight))
        if len(rankings) > 1:
            ranked = reciprocal_rank_fusion(rankings, self.fusion.rrf_k)
        else:
            ranked = [(key, raw[key]) for key in rankings[0][0]]
        if questions:  # each question ranking votes for its documents' best text chunks of that order
            order = [key for key, _ in ranked]
            text_weight = sum(w for _, w in rankings)
            rankings += [([key for key, _ in catalog.resolve(asked, order)], w) for asked, w in questions]
            ranked = catalog.without_question_bias(
                reciprocal_rank_fusion(rankings, self.fusion.rrf_k), sum(w for _, w in rankings) / text_weight
            )
        allowed_keys = {_key(c) for c, ok in zip(catalog.chunks, text_ok, strict=True) if ok}
        ranked = catalog.propagate(ranked, self.fusion.related_weight, allowed_keys)
        return [_passage(catalog.chunks[catalog.positions[key]], score) for key, score in ranked[:k]]

    def _dense(
        self,
        vector: list[float],
        catalog: _Catalog,
        allowed: list[bool],
        pool: int,
        filtered: bool,
        kind: ChunkKind,
    ) -> list[tuple[str, float]]:
        hits: list[tuple[str, float]] = []
        for collection in COLLECTIONS:
            members = [
                c for c, ok in zip(catalog.chunks, allowed, strict=True) if ok and c.collection == collection
            ]
            if not members:
                continue
            doc_ids = {c.doc_id for c in members} if filtered else None
            for chunk_id, similarity in self.store.query(
                collection, vector, min(pool, len(members)), doc_ids, kind=kind
            ):
                key = f"{collection}:{chunk_id}"
                if key in catalog.positions:
                    hits.append((key, similarity))
        hits.sort(key=lambda item: (-item[1], item[0]))
        return hits[:pool]

    def _load_catalog(self) -> _Catalog:
        if self._catalog is None:
            chunks = [chunk for collection in COLLECTIONS for chunk in self.store.chunks(collection)]
            leads: dict[tuple[str, str], str] = {}
            for chunk in chunks:
                if chunk.kind == "text":
                    leads.setdefault((chunk.collection, chunk.doc_id), _key(chunk))
            lexical: dict[ChunkKind, LexicalIndex] = {
                kind: LexicalIndex([c for c in chunks if c.kind == kind]) for kind in ("text", "question")
            }
            asked = frozenset((c.collection, c.doc_id) for c in chunks if c.kind == "question")
            self._catalog = _Catalog(
                chunks, lexical, {_key(c): n for n, c in enumerate(chunks)}, leads, asked
            )
        return self._catalog


def _key(chunk: Chunk) -> str:
    return f"{chunk.collection}:{chunk.id}"


def _make_filter(
    marketplace: Marketplace | str | None, topics: Iterable[str] | None, issue: IssueKind | str | None
) -> SearchFilter:
    market = marketplace.value if isinstance(marketplace, Marketplace) else marketplace
    if market is not None and market not in KNOWLEDGE_MARKETPLACES:
        raise InputError(f"marketplace {market!r} is not one of {', '.join(KNOWLEDGE_MARKETPLACES)}")
    if issue is not None and not isinstance(issue, IssueKind):
        try:
            issue = IssueKind(issue)
        except ValueError as exc:
            raise InputError(f"issue {issue!r} is not a known issue kind; e.g. 'late_shipment_rate'") from exc
    return SearchFilter(
        marketplace=None if market in (None, "all") else market,
        topics=tuple(sorted(set(topics or ()))),
        issue=issue.value if issue is not None else None,
    )


def _passage(chunk: Chunk, score: float) -> Passage:
    return Passage(
        doc_id=chunk.doc_id,
        chunk_id=chunk.id,
        title=chunk.title,
        heading=chunk.heading,
        source=chunk.source,
        score=round(score, 6),
        text=chunk.text,
        marketplace=chunk.marketplace,
        topics=list(chunk.topics),
        collection=chunk.collection,
    )
