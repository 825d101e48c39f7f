"""Knowledge documents: front matter, loading (Markdown, text, PDF) and chunking by heading.

A chunk keeps its document's title and heading path, so both the embedder and the reader know where
a passage sits. Chunk ids are stable: ``f"{doc_id}#{heading-slug}-{n}"``, with ``n`` counting the
chunks that share a slug inside one document. The front matter's ``questions`` (seller phrasings the
document answers, a doc2query expansion) become extra chunks ``f"{doc_id}#question-{n}"``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from appeal_assistant.errors import InputError, KnowledgeError

__all__ = [
    "KNOWLEDGE_MARKETPLACES",
    "MAX_CHUNK_WORDS",
    "QUESTION_HEADING",
    "USER_SUFFIXES",
    "Chunk",
    "ChunkKind",
    "CollectionName",
    "FrontMatter",
    "KnowledgeDocument",
    "chunk_document",
    "load_knowledge_documents",
    "load_user_document",
    "read_front_matter",
    "slugify",
    "split_front_matter",
]

CollectionName = Literal["knowledge", "user"]

#: A "text" chunk is a piece of the document; a "question" chunk is one of its front matter's questions,
#: searched like a chunk but never returned: a hit on it stands for the document (see search.py).
ChunkKind = Literal["text", "question"]

#: The heading path question chunks carry.
QUESTION_HEADING = "Questions this document answers"

#: The marketplaces a knowledge document can be about; "all" applies to every marketplace.
KNOWLEDGE_MARKETPLACES: tuple[str, ...] = ("amazon", "ebay", "walmart", "all")

#: File kinds a seller can add as user documents.
USER_SUFFIXES: tuple[str, ...] = (".md", ".markdown", ".txt", ".pdf")

#: A section longer than this many words is split at paragraph (then sentence) boundaries. MiniLM reads
#: at most 256 word pieces and was trained on short texts: on evals/retrieval, 120 beat 80, 160 and 220.
MAX_CHUNK_WORDS = 120

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


class FrontMatter(BaseModel):
    """The YAML header every knowledge document starts with."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    title: str = Field(min_length=1)
    marketplace: Literal["amazon", "ebay", "walmart", "all"]
    topics: list[str] = Field(min_length=1)
    sources: list[str] = Field(min_length=1)
    last_verified: date
    #: Seller phrasings the document answers (doc2query): indexed as extra search keys for the document,
    #: never shown as its text.
    questions: list[str] = Field(default_factory=list)
    #: Ids of the documents a consultant opens together with this one (its necessary companions).
    related: list[str] = Field(default_factory=list)

    @field_validator("sources")
    @classmethod
    def _http_sources(cls, value: list[str]) -> list[str]:
        for address in value:
            if not re.match(r"^https?://\S+$", address):
                raise ValueError(f"source {address!r} is not an http(s) address")
        return value

    @field_validator("topics")
    @classmethod
    def _clean_topics(cls, value: list[str]) -> list[str]:
        for topic in value:
            if not re.match(r"^[a-z0-9][a-z0-9_-]*$", topic):
                raise ValueError(f"topic {topic!r} must be a lower-case id such as 'late_shipment_rate'")
        return value


@dataclass(frozen=True, slots=True)
class KnowledgeDocument:
    """One document, knowledge base or user's, with its body still in Markdown (or plain text)."""

    id: str
    title: str
    marketplace: str
    topics: tuple[str, ...]
    sources: tuple[str, ...]
    body: str
    path: Path
    collection: CollectionName = "knowledge"
    pages: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    related: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Chunk:
    """A piece of a document as it is embedded, stored and returned."""

    id: str
    doc_id: str
    title: str
    heading: str
    source: str
    marketplace: str
    topics: tuple[str, ...]
    text: str
    collection: CollectionName = "knowledge"
    kind: ChunkKind = "text"
    related: tuple[str, ...] = ()

    @property
    def embed_text(self) -> str:
        """What the embedder and BM25 read: title and heading path give a section its context.

        A question chunk is read as the bare question, so that a seller's question meets it as a peer.
        """
        if self.kind == "question":
            return self.text
        head = f"{self.title}\n{self.heading}" if self.heading else self.title
        return f"{head}\n\n{self.text}"

    @property
    def content_hash(self) -> str:
        """Changes whenever anything stored for the chunk changes (text or metadata)."""
        parts: tuple[str, ...] = (
            self.embed_text,
            self.source,
            self.marketplace,
            "|".join(self.topics),
            self.collection,
        )
        if self.kind != "text":
            parts += (self.kind,)
        if self.related:
            parts += ("related:" + "|".join(self.related),)
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def slugify(text: str) -> str:
    """Lower-case ASCII slug: 'Late Shipment Rate (LSR)' -> 'late-shipment-rate-lsr'."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:60].strip("-") or "section"


def split_front_matter(text: str) -> tuple[dict[str, object] | None, str]:
    """Return the YAML front matter (None when absent) and the body after it."""
    match = _FRONT_MATTER.match(text.lstrip("\ufeff"))
    if match is None:
        return None, text.lstrip("\ufeff")
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"front matter is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise KnowledgeError(f"front matter must be a mapping of fields, got {type(data).__name__}")
    return {str(k): v for k, v in data.items()}, text.lstrip("\ufeff")[match.end() :]


def read_front_matter(path: Path) -> tuple[FrontMatter, str]:
    """Parse and validate a knowledge document's front matter; errors name the file and the field."""
    try:
        raw, body = split_front_matter(path.read_text(encoding="utf-8"))
    except KnowledgeError as exc:
        raise KnowledgeError(f"{path.name}: {exc}") from exc
    if raw is None:
        raise KnowledgeError(f"{path.name}: no front matter; start the file with '---', the fields, '---'")
    try:
        return FrontMatter.model_validate(raw), body
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "(front matter)"
        raise KnowledgeError(
            f"{path.name}: front matter field {field!r} is invalid ({first['msg']}); "
            f"fields: id, title, marketplace, topics, sources, last_verified"
        ) from exc


def load_knowledge_documents(folder: Path) -> list[KnowledgeDocument]:
    """Every ``*.md`` file of the knowledge folder, validated; ids must be unique."""
    if not folder.is_dir():
        raise KnowledgeError(
            f"knowledge folder {str(folder)!r} does not exist; set APPEAL_ASSISTANT_KNOWLEDGE_DIR"
        )
    documents: list[KnowledgeDocument] = []
    seen: dict[str, Path] = {}
    for path in sorted(folder.glob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        meta, body = read_front_matter(path)
        if meta.id in seen:
            raise KnowledgeError(
                f"document id {meta.id!r} is used by both {seen[meta.id].name} and {path.name}"
            )
        seen[meta.id] = path
        documents.append(
            KnowledgeDocument(
                id=meta.id,
                title=meta.title,
                marketplace=meta.marketplace,
                topics=tuple(meta.topics),
                sources=tuple(meta.sources),
                body=body,
                path=path,
                questions=tuple(q.strip() for q in meta.questions if q.strip()),
                related=tuple(meta.related),
            )
        )
    ids = {doc.id for doc in documents}
    for doc in documents:
        unknown = [r for r in doc.related if r not in ids or r == doc.id]
        if unknown:
            raise KnowledgeError(
                f"{doc.path.name}: front matter field 'related' names {unknown}, which are not other "
                "documents of the knowledge folder; use their ids"
            )
    return documents


def load_user_document(
    path: Path, *, marketplace: str = "all", topics: tuple[str, ...] = (), doc_id: str | None = None
) -> KnowledgeDocument:
    """Read a seller's own .md, .txt or .pdf file as a document of the user collection."""
    if not path.is_file():
        raise InputError(f"file {str(path)!r} not found")
    suffix = path.suffix.lower()
    if suffix not in USER_SUFFIXES:
        raise InputError(f"cannot add {path.name!r}: only {', '.join(USER_SUFFIXES)} files can be indexed")
    if marketplace not in KNOWLEDGE_MARKETPLACES:
        raise InputError(f"marketplace {marketplace!r} is not one of {', '.join(KNOWLEDGE_MARKETPLACES)}")
    title = path.stem.replace("_", " ").replace("-", " ").strip() or path.name
    pages: tuple[str, ...] = ()
    if suffix == ".pdf":
        pages = _pdf_pages(path)
        body = ""
    else:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            text = path.read_text(encoding="cp1252", errors="replace")
        raw, body = split_front_matter(text) if suffix != ".txt" else (None, text)
        if raw is not None and isinstance(raw.get("title"), str):
            title = str(raw["title"])
        elif suffix != ".txt":
            first = re.search(r"^#[ \t]+(.+)$", body, re.MULTILINE)
            title = first.group(1).strip() if first else title
    if not body.strip() and not any(p.strip() for p in pages):
        raise InputError(f"{path.name!r} holds no text to index (a scanned PDF needs OCR first)")
    return KnowledgeDocument(
        id=doc_id or f"user-{slugify(path.stem)}",
        title=title,
        marketplace=marketplace,
        topics=topics,
        sources=(str(path.resolve()),),
        body=body,
        path=path,
        collection="user",
        pages=pages,
    )


def _pdf_pages(path: Path) -> tuple[str, ...]:
    """The text of every page of a PDF (pypdf is imported here, not at start-up)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        return tuple((page.extract_text() or "") for page in reader.pages)
    except (PdfReadError, OSError, ValueError) as exc:
        raise InputError(f"cannot read PDF {path.name!r}: {exc}") from exc


def chunk_document(doc: KnowledgeDocument) -> list[Chunk]:
    """Split a document into chunks by heading (PDFs by page), long sections by paragraph."""
    if doc.pages:
        sections = [(f"page {n}", text) for n, text in enumerate(doc.pages, start=1)]
    elif doc.path.suffix.lower() == ".txt":
        sections = [("", doc.body)]
    else:
        sections = list(_markdown_sections(doc.body))
    source = doc.sources[0] if doc.sources else ""
    counters: dict[str, int] = {}
    chunks: list[Chunk] = []

    def add(chunk_id: str, heading: str, text: str, kind: ChunkKind) -> None:
        chunks.append(
            Chunk(
                id=chunk_id,
                doc_id=doc.id,
                title=doc.title,
                heading=heading,
                source=source,
                marketplace=doc.marketplace,
                topics=doc.topics,
                text=text,
                collection=doc.collection,
                kind=kind,
                related=doc.related if kind == "text" else (),
            )
        )

    for heading, text in sections:
        for piece in _split_long(text):
            slug = slugify(heading.rsplit(" > ", 1)[-1]) if heading else "intro"
            n = counters.get(slug, 0)
            counters[slug] = n + 1
            add(f"{doc.id}#{slug}-{n}", heading, piece, "text")
    for n, question in enumerate(doc.questions):
        add(f"{doc.id}#question-{n}", QUESTION_HEADING, question, "question")
    return chunks


def _markdown_sections(body: str) -> Iterator[tuple[str, str]]:
    """Yield (heading path, text) per section; the H1 is the title, not a heading of the path."""
    path: list[tuple[int, str]] = []
    lines: list[str] = []
    in_fence = False

    def flush() -> tuple[str, str]:
        return " > ".join(title for _, title in path), "\n".join(lines).strip()

    for line in body.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
        match = None if in_fence else _HEADING.match(line)
        if match is None:
            lines.append(line)
            continue
        heading, text = flush()
        if text:
            yield heading, text
        lines = []
        level = len(match.group(1))
        if level == 1:
            path = []
            continue
        path = [(lvl, title) for lvl, title in path if lvl < level]
        path.append((level, match.group(2).strip()))
    heading, text = flush()
    if text:
        yield heading, text


def _split_long(text: str) -> list[str]:
    """Pieces of at most MAX_CHUNK_WORDS words, cut at paragraph, then sentence, then word boundaries."""
    text = text.strip()
    if not text:
        return []
    if len(text.split()) <= MAX_CHUNK_WORDS:
        return [text]
    units: list[str] = []
    for paragraph in re.split(r"\n[ \t]*\n", text):
        paragraph = paragraph.strip()
        if len(paragraph.split()) <= MAX_CHUNK_WORDS:
            units += [paragraph] if paragraph else []
            continue
        sentences: list[str] = []
        for sentence in _SENTENCE_END.split(paragraph):
            words = sentence.split()
            sentences += [
                " ".join(words[i : i + MAX_CHUNK_WORDS]) for i in range(0, len(words), MAX_CHUNK_WORDS)
            ]
        units += _pack(sentences, " ")
    return _pack(units, "\n\n")


def _pack(units: list[str], joiner: str) -> list[str]:
    """Greedily join consecutive units while the result stays within MAX_CHUNK_WORDS words."""
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for unit in units:
        words = len(unit.split())
        if current and size + words > MAX_CHUNK_WORDS:
            pieces.append(joiner.join(current))
            current, size = [], 0
        current.append(unit)
        size += words
    if current:
        pieces.append(joiner.join(current))
    return pieces
