"""The vector store seam: Chroma, embedded (PersistentClient) by default or a server (HttpClient).

Chunks carry their metadata as flat strings (topics as ``"|odr|late_shipment_rate|"``) so any Chroma
version, embedded or server, stores them alike; filters select document ids, which every backend can
match with ``$in``. Vectors are always computed by our embedder and passed in, but each collection
also records our own embedding function, so Chroma never falls back to its downloading default.
"""

from __future__ import annotations

import functools
from collections.abc import Collection as AbstractSet
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Protocol, cast

import numpy as np

from appeal_assistant.config import Settings, apply_offline_env
from appeal_assistant.errors import KnowledgeError
from appeal_assistant.retrieval.documents import Chunk, ChunkKind, CollectionName
from appeal_assistant.retrieval.embedder import MINILM_MODEL_ID, Embedder, SentenceTransformerEmbedder

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

__all__ = [
    "COLLECTION_NAMES",
    "EMBEDDING_FUNCTION_NAME",
    "ChromaStore",
    "ScoredId",
    "VectorStore",
    "chroma_embedding_function",
    "open_store",
]

#: Chroma collection behind each of our collections.
COLLECTION_NAMES: dict[CollectionName, str] = {
    "knowledge": "appeal_assistant_knowledge",
    "user": "appeal_assistant_user",
}

#: Name under which our embedding function is registered with chromadb.
EMBEDDING_FUNCTION_NAME = "appeal_assistant_embedder"

ScoredId = tuple[str, float]

_PAGE = 2000

#: HNSW candidate list size at query time. Knowledge collections hold hundreds to a few thousand chunks, so
#: a wide search costs well under a millisecond and returns the exact nearest chunks: with Chroma's
#: default (100) a filtered query (``kind``) came back with one chunk different from run to run.
SEARCH_EF = 512


class VectorStore(Protocol):
    """Where chunks, their vectors and their content hashes live."""

    def describe(self) -> str:
        """Where the data is, for messages ('embedded store at ...', 'Chroma server at ...')."""
        ...

    def hashes(self, collection: CollectionName) -> dict[str, str]:
        """Stored content hash of every chunk id (no vectors, no texts: cheap)."""
        ...

    def chunks(self, collection: CollectionName) -> list[Chunk]:
        """Every stored chunk with its text and metadata."""
        ...

    def upsert(
        self,
        collection: CollectionName,
        chunks: Sequence[Chunk],
        hashes: Sequence[str],
        embeddings: Sequence[Sequence[float]],
    ) -> None:
        """Add or replace chunks with their stored hashes and vectors."""
        ...

    def delete(self, collection: CollectionName, ids: Sequence[str]) -> None:
        """Remove chunks by id."""
        ...

    def clear(self, collection: CollectionName) -> None:
        """Drop every chunk of a collection."""
        ...

    def query(
        self,
        collection: CollectionName,
        embedding: Sequence[float],
        n: int,
        doc_ids: AbstractSet[str] | None = None,
        kind: ChunkKind = "text",
    ) -> list[ScoredId]:
        """The ``n`` nearest chunks of one kind as (chunk id, cosine similarity), best first; ``doc_ids``
        limits them to those documents."""
        ...


def open_store(settings: Settings, embedder: Embedder) -> ChromaStore:
    """A Chroma server's HttpClient when ``settings.chroma_host`` is set, else the embedded store."""
    apply_offline_env()
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_host:
        where = f"Chroma server at {settings.chroma_host}:{settings.chroma_port}"
        try:
            client = chromadb.HttpClient(
                host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
            )
        except ValueError as exc:  # what chromadb raises when no server answers
            raise KnowledgeError(
                f"cannot reach the {where} ({exc}); start it (`chroma run --path DIR --port "
                f"{settings.chroma_port}`) or unset APPEAL_ASSISTANT_CHROMA_HOST to use the embedded store"
            ) from exc
        return ChromaStore(client, embedder, where)
    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    client = chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)
    return ChromaStore(client, embedder, f"embedded store at {settings.chroma_dir}")


def chroma_embedding_function(embedder: Embedder) -> object:
    """Our embedder wrapped as a registered chromadb embedding function."""
    return _embedding_function_class()(embedder.model_id, embedder)


@functools.cache
def _embedding_function_class() -> type:
    """Define and register the chromadb embedding function class (once, and only when Chroma is used)."""
    from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
    from chromadb.utils.embedding_functions import register_embedding_function

    @register_embedding_function
    class AppealAssistantEmbeddingFunction(EmbeddingFunction[Documents]):
        """Embeds with the model the collection was built with; the model loads on first use."""

        def __init__(self, model_id: str, embedder: Embedder | None = None) -> None:
            self._model_id = model_id
            self._embedder = embedder

        def _resolve(self) -> Embedder:
            if self._embedder is None:
                if self._model_id != MINILM_MODEL_ID:
                    raise KnowledgeError(
                        f"this collection was embedded with {self._model_id!r}, which cannot be loaded here; "
                        "rebuild it with `appeal-assistant index --rebuild`"
                    )
                self._embedder = SentenceTransformerEmbedder()
            return self._embedder

        def __call__(self, input: Documents) -> Embeddings:
            vectors = self._resolve().embed_documents(list(input))
            return [np.asarray(v, dtype=np.float32) for v in vectors]

        @staticmethod
        def name() -> str:
            return EMBEDDING_FUNCTION_NAME

        def default_space(self) -> str:  # type: ignore[override]
            return "cosine"

        def get_config(self) -> dict[str, object]:
            return {"model": self._model_id}

        @staticmethod
        def build_from_config(config: dict[str, object]) -> AppealAssistantEmbeddingFunction:
            return AppealAssistantEmbeddingFunction(str(config.get("model", MINILM_MODEL_ID)))

    return AppealAssistantEmbeddingFunction


class ChromaStore:
    """VectorStore over any chromadb client (PersistentClient or HttpClient)."""

    def __init__(self, client: ClientAPI, embedder: Embedder, where: str = "Chroma") -> None:
        self._client = client
        self._embedder = embedder
        self._where = where
        self._collections: dict[CollectionName, Collection] = {}

    def describe(self) -> str:
        return self._where

    def _collection(self, name: CollectionName) -> Collection:
        if name not in self._collections:
            collection = self._client.get_or_create_collection(
                COLLECTION_NAMES[name],
                configuration={"hnsw": {"space": "cosine", "ef_search": SEARCH_EF}},
                embedding_function=chroma_embedding_function(self._embedder),  # type: ignore[arg-type]
            )
            hnsw = (collection.configuration or {}).get("hnsw") or {}
            if int(hnsw.get("ef_search") or 0) < SEARCH_EF:  # made before SEARCH_EF was set
                collection.modify(configuration={"hnsw": {"ef_search": SEARCH_EF}})
            self._collections[name] = collection
        return self._collections[name]

    def _pages(self, name: CollectionName, include: list[str]) -> Iterator[Mapping[str, object]]:
        collection = self._collection(name)
        offset = 0
        while True:
            page = collection.get(include=include, limit=_PAGE, offset=offset)  # type: ignore[arg-type]
            yield cast(Mapping[str, object], page)
            ids = page["ids"]
            if len(ids) < _PAGE:
                return
            offset += len(ids)

    def hashes(self, collection: CollectionName) -> dict[str, str]:
        out: dict[str, str] = {}
        for page in self._pages(collection, ["metadatas"]):
            ids = cast(list[str], page["ids"])
            metas = cast(list[Mapping[str, object]], page["metadatas"])
            out.update({i: str(m.get("hash", "")) for i, m in zip(ids, metas, strict=True)})
        return out

    def chunks(self, collection: CollectionName) -> list[Chunk]:
        out: list[Chunk] = []
        for page in self._pages(collection, ["metadatas", "documents"]):
            ids = cast(list[str], page["ids"])
            metas = cast(list[Mapping[str, object]], page["metadatas"])
            texts = cast(list[str], page["documents"])
            for chunk_id, meta, text in zip(ids, metas, texts, strict=True):
                out.append(_chunk_from_record(chunk_id, meta, text, collection))
        out.sort(key=lambda c: c.id)
        return out

    def upsert(
        self,
        collection: CollectionName,
        chunks: Sequence[Chunk],
        hashes: Sequence[str],
        embeddings: Sequence[Sequence[float]],
    ) -> None:
        if not (len(chunks) == len(hashes) == len(embeddings)):
            raise ValueError("chunks, hashes and embeddings must have the same length")
        target = self._collection(collection)
        step = max(1, min(1000, self._client.get_max_batch_size()))
        for start in range(0, len(chunks), step):
            part = chunks[start : start + step]
            target.upsert(
                ids=[c.id for c in part],
                documents=[c.text for c in part],
                metadatas=[_metadata(c, h) for c, h in zip(part, hashes[start : start + step], strict=True)],
                embeddings=np.asarray(embeddings[start : start + step], dtype=np.float32),
            )

    def delete(self, collection: CollectionName, ids: Sequence[str]) -> None:
        for start in range(0, len(ids), 1000):
            self._collection(collection).delete(ids=list(ids[start : start + 1000]))

    def clear(self, collection: CollectionName) -> None:
        self._collections.pop(collection, None)
        if COLLECTION_NAMES[collection] in {c.name for c in self._client.list_collections()}:
            self._client.delete_collection(COLLECTION_NAMES[collection])

    def query(
        self,
        collection: CollectionName,
        embedding: Sequence[float],
        n: int,
        doc_ids: AbstractSet[str] | None = None,
        kind: ChunkKind = "text",
    ) -> list[ScoredId]:
        if n <= 0 or (doc_ids is not None and not doc_ids):
            return []
        # chunks stored before question chunks existed carry no "kind": they are text ("$ne" keeps them)
        where: dict[str, object] = {"kind": kind} if kind != "text" else {"kind": {"$ne": "question"}}
        if doc_ids is not None:
            where = {"$and": [where, {"doc_id": {"$in": sorted(doc_ids)}}]}
        result = self._collection(collection).query(
            query_embeddings=np.asarray([embedding], dtype=np.float32),
            n_results=n,
            where=where,  # type: ignore[arg-type]
            include=["distances"],
        )
        ids = result["ids"][0]
        distances = cast(list[list[float]], result["distances"])[0]
        return [(i, 1.0 - float(d)) for i, d in zip(ids, distances, strict=True)]


def _metadata(chunk: Chunk, stored_hash: str) -> dict[str, str]:
    return {
        "doc_id": chunk.doc_id,
        "title": chunk.title,
        "heading": chunk.heading,
        "source": chunk.source,
        "marketplace": chunk.marketplace,
        "topics": "|" + "|".join(chunk.topics) + "|" if chunk.topics else "",
        "hash": stored_hash,
        "kind": chunk.kind,
        "related": "|" + "|".join(chunk.related) + "|" if chunk.related else "",
    }


def _chunk_from_record(
    chunk_id: str, meta: Mapping[str, object], text: str, collection: CollectionName
) -> Chunk:
    topics = str(meta.get("topics", "") or "")
    return Chunk(
        id=chunk_id,
        doc_id=str(meta.get("doc_id", chunk_id.split("#", 1)[0])),
        title=str(meta.get("title", "")),
        heading=str(meta.get("heading", "")),
        source=str(meta.get("source", "")),
        marketplace=str(meta.get("marketplace", "all")),
        topics=tuple(t for t in topics.split("|") if t),
        text=text or "",
        collection=collection,
        kind="question" if meta.get("kind") == "question" else "text",
        related=tuple(r for r in str(meta.get("related", "") or "").split("|") if r),
    )
