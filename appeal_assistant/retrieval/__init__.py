"""Knowledge retrieval: documents chunked by heading, embedded locally, searched densely and by BM25.

Heavy libraries (torch, sentence-transformers, chromadb) load only when a model or store is used.
"""

from __future__ import annotations

from appeal_assistant.retrieval.documents import Chunk, CollectionName, KnowledgeDocument, chunk_document
from appeal_assistant.retrieval.embedder import MINILM_MODEL_ID, Embedder, SentenceTransformerEmbedder
from appeal_assistant.retrieval.indexer import IndexReport, UserDocument
from appeal_assistant.retrieval.search import FusionConfig, KnowledgeBase, SearchFilter, SearchMode
from appeal_assistant.retrieval.store import ChromaStore, VectorStore, open_store

__all__ = [
    "MINILM_MODEL_ID",
    "ChromaStore",
    "Chunk",
    "CollectionName",
    "Embedder",
    "FusionConfig",
    "IndexReport",
    "KnowledgeBase",
    "KnowledgeDocument",
    "SearchFilter",
    "SearchMode",
    "SentenceTransformerEmbedder",
    "UserDocument",
    "VectorStore",
    "chunk_document",
    "open_store",
]
