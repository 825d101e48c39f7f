"""Hybrid search: dense (embedder + vector store) and BM25 rankings fused by reciprocal rank.

Filters are document-level and apply to both rankings before fusion: a marketplace keeps documents
of that marketplace and those for "all"; topics keep documents carrying any of them; an issue kind
keeps documents whose topics name it. The knowledge and user collections are searched together.
Abbreviations in the query ("poa", "odr") are spelled out first, for both rankings.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from appeal_assistant.config import Settings
from appeal_assistant.errors import InputError, KnowledgeError
from appeal_assistant.models import IssueKind, Marketplace, Passage
from appeal_assistant.retrieval.abbreviations import expand_abbreviations
from appeal_assistant.retrieval.documents import KNOWLEDGE_MARKETPLACES, Chunk, CollectionName
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
    """How the two rankings are merged; tuned on evals/retrieval as a whole, never per query.

    A small ``rrf_k`` lets the head of either ranking decide (an exact code found by BM25 comes first);
    on the labelled queries k in 5-60 and lexical weights 0.75-1 were within one query of each other.
    """

    rrf_k: float = 10.0
    dense_weight: float = 1.0
    lexical_weight: float = 0.75
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
    lexical: LexicalIndex
    positions: dict[str, int]


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
        rankings: list[tuple[list[str], float]] = []
        raw: dict[str, float] = {}
        if mode in ("hybrid", "dense"):
            dense = self._dense(query, catalog, allowed, pool, filters.active)
            rankings.append(([key for key, _ in dense], self.fusion.dense_weight))
            raw = dict(dense)
        if mode in ("hybrid", "lexical"):
            lexical = [(_key(catalog.chunks[i]), s) for i, s in catalog.lexical.search(query, pool, allowed)]
            rankings.append(([key for key, _ in lexical], self.fusion.lexical_weight))
            raw = dict(lexical) if mode == "lexical" else raw
        if mode == "hybrid":
            ranked = reciprocal_rank_fusion(rankings, self.fusion.rrf_k)
        else:
            ranked = [(key, raw[key]) for key in rankings[0][0]]
        return [_passage(catalog.chunks[catalog.positions[key]], score) for key, score in ranked[:k]]

    def _dense(
        self, query: str, catalog: _Catalog, allowed: list[bool], pool: int, filtered: bool
    ) -> list[tuple[str, float]]:
        vector = self.embedder.embed_query(query)
        hits: list[tuple[str, float]] = []
        for collection in COLLECTIONS:
            members = [
                c for c, ok in zip(catalog.chunks, allowed, strict=True) if ok and c.collection == collection
            ]
            if not members:
                continue
            doc_ids = {c.doc_id for c in members} if filtered else None
            for chunk_id, similarity in self.store.query(
                collection, vector, min(pool, len(members)), doc_ids
            ):
                key = f"{collection}:{chunk_id}"
                if key in catalog.positions:
                    hits.append((key, similarity))
        hits.sort(key=lambda item: (-item[1], item[0]))
        return hits[:pool]

    def _load_catalog(self) -> _Catalog:
        if self._catalog is None:
            chunks = [chunk for collection in COLLECTIONS for chunk in self.store.chunks(collection)]
            self._catalog = _Catalog(chunks, LexicalIndex(chunks), {_key(c): n for n, c in enumerate(chunks)})
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
