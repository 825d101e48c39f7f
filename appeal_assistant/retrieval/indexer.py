"""Incremental indexing: embed only chunks whose content hash changed, delete chunks that went away.

The stored hash is the chunk's content hash plus the embedding model id, so changing the model
re-embeds everything. Hashes are compared before anything is embedded: a no-op re-index reads
the documents and the stored hashes and never loads the model.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from appeal_assistant.errors import InputError, KnowledgeError
from appeal_assistant.retrieval.documents import (
    Chunk,
    CollectionName,
    chunk_document,
    load_knowledge_documents,
    load_user_document,
)
from appeal_assistant.retrieval.embedder import Embedder
from appeal_assistant.retrieval.store import VectorStore

__all__ = [
    "EMBED_BATCH",
    "IndexReport",
    "ProgressCallback",
    "UserDocument",
    "add_user_document",
    "index_knowledge",
    "list_user_documents",
    "remove_user_document",
    "stored_hash",
    "sync_chunks",
]

#: Chunks embedded and written per step; each step is saved, so an interrupted index resumes.
EMBED_BATCH = 64

#: Called as ``progress(done, total)`` while chunks are embedded.
ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class IndexReport:
    """What one indexing run changed."""

    collection: CollectionName
    documents: int
    chunks: int
    added: int
    updated: int
    deleted: int

    @property
    def unchanged(self) -> int:
        return self.chunks - self.added - self.updated

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.deleted)

    def summary(self) -> str:
        """One line for people: 'knowledge: 42 documents, 310 chunks (5 added, 0 updated, 2 deleted)'."""
        return (
            f"{self.collection}: {self.documents} documents, {self.chunks} chunks "
            f"({self.added} added, {self.updated} updated, {self.deleted} deleted, "
            f"{self.unchanged} unchanged)"
        )


@dataclass(frozen=True, slots=True)
class UserDocument:
    """A document the seller added, as the user collection holds it."""

    doc_id: str
    title: str
    source: str
    marketplace: str
    topics: tuple[str, ...]
    chunks: int


#: Bumped when what is stored per chunk changes (2: the "kind" metadata), so old indexes re-sync once.
INDEX_SCHEMA = 2


def stored_hash(chunk: Chunk, model_id: str) -> str:
    """The hash stored with a chunk: its content, the model that embedded it and the index schema."""
    return f"{chunk.content_hash}:{model_id}:v{INDEX_SCHEMA}"


def sync_chunks(
    store: VectorStore,
    embedder: Embedder,
    collection: CollectionName,
    chunks: Sequence[Chunk],
    *,
    scope: Collection[str] | None = None,
    progress: ProgressCallback | None = None,
) -> IndexReport:
    """Make ``collection`` hold exactly ``chunks``; with ``scope``, touch only those documents' chunks."""
    desired: dict[str, str] = {}
    for chunk in chunks:
        if chunk.id in desired:
            raise KnowledgeError(f"chunk id {chunk.id!r} occurs twice; document ids must be unique")
        desired[chunk.id] = stored_hash(chunk, embedder.model_id)
    existing = store.hashes(collection)
    if scope is not None:
        existing = {i: h for i, h in existing.items() if _doc_id(i) in scope}
    todo = [c for c in chunks if existing.get(c.id) != desired[c.id]]
    added = sum(1 for c in todo if c.id not in existing)
    stale = sorted(set(existing) - set(desired))
    if progress is not None:
        progress(0, len(todo))
    for start in range(0, len(todo), EMBED_BATCH):
        batch = todo[start : start + EMBED_BATCH]
        vectors = embedder.embed_documents([c.embed_text for c in batch])
        store.upsert(collection, batch, [desired[c.id] for c in batch], vectors)
        if progress is not None:
            progress(start + len(batch), len(todo))
    if stale:
        store.delete(collection, stale)
    return IndexReport(
        collection=collection,
        documents=len({c.doc_id for c in chunks}),
        chunks=len(chunks),
        added=added,
        updated=len(todo) - added,
        deleted=len(stale),
    )


def index_knowledge(
    store: VectorStore,
    embedder: Embedder,
    knowledge_dir: Path,
    *,
    rebuild: bool = False,
    progress: ProgressCallback | None = None,
) -> IndexReport:
    """Bring the knowledge collection in line with the documents of ``knowledge_dir``."""
    documents = load_knowledge_documents(knowledge_dir)
    if not documents:
        raise KnowledgeError(f"no knowledge documents (*.md) in {str(knowledge_dir)!r}")
    chunks = [chunk for doc in documents for chunk in chunk_document(doc)]
    if rebuild:
        store.clear("knowledge")
    return sync_chunks(store, embedder, "knowledge", chunks, progress=progress)


def add_user_document(
    store: VectorStore,
    embedder: Embedder,
    path: Path,
    *,
    marketplace: str = "all",
    topics: Sequence[str] = (),
    progress: ProgressCallback | None = None,
) -> IndexReport:
    """Index (or re-index) one of the seller's own files into the user collection."""
    doc = load_user_document(path, marketplace=marketplace, topics=tuple(topics))
    return sync_chunks(store, embedder, "user", chunk_document(doc), scope={doc.id}, progress=progress)


def list_user_documents(store: VectorStore) -> list[UserDocument]:
    """The seller's documents in the user collection, by id."""
    found: dict[str, UserDocument] = {}
    for chunk in store.chunks("user"):
        seen = found.get(chunk.doc_id)
        found[chunk.doc_id] = UserDocument(
            doc_id=chunk.doc_id,
            title=chunk.title,
            source=chunk.source,
            marketplace=chunk.marketplace,
            topics=chunk.topics,
            chunks=(seen.chunks if seen else 0) + 1,
        )
    return [found[k] for k in sorted(found)]


def remove_user_document(store: VectorStore, doc_id: str) -> int:
    """Delete a user document's chunks; returns how many were removed."""
    ids = [i for i in store.hashes("user") if _doc_id(i) == doc_id]
    if not ids:
        known = ", ".join(d.doc_id for d in list_user_documents(store)) or "none"
        raise InputError(f"no user document {doc_id!r}; added documents: {known}")
    store.delete("user", ids)
    return len(ids)


def _doc_id(chunk_id: str) -> str:
    return chunk_id.split("#", 1)[0]
