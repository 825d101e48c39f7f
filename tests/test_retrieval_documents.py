"""Knowledge documents: front matter validation, chunking by heading, user files (.md, .txt, .pdf)."""

from __future__ import annotations

from pathlib import Path

import pytest
from retrieval_support import FIXTURE_KNOWLEDGE

from appeal_assistant.errors import InputError, KnowledgeError
from appeal_assistant.retrieval.documents import (
    MAX_CHUNK_WORDS,
    KnowledgeDocument,
    chunk_document,
    load_knowledge_documents,
    load_user_document,
    read_front_matter,
    slugify,
)

FRONT = """---
id: {id}
title: {title}
marketplace: {marketplace}
topics: [late_shipment_rate]
sources:
  - {source}
last_verified: 2026-11-28
---
"""


def _write(folder: Path, name: str, body: str, **fields: str) -> Path:
    values = {"id": "doc-one", "title": "Doc one", "marketplace": "amazon", "source": "https://example.com/a"}
    values.update(fields)
    path = folder / name
    path.write_text(FRONT.format(**values) + body, encoding="utf-8")
    return path


def _doc(body: str, doc_id: str = "doc") -> KnowledgeDocument:
    return KnowledgeDocument(
        id=doc_id,
        title="Title",
        marketplace="all",
        topics=("odr",),
        sources=("https://example.com/x",),
        body=body,
        path=Path(f"{doc_id}.md"),
    )


def test_fixture_documents_load_with_their_front_matter() -> None:
    docs = {d.id: d for d in load_knowledge_documents(FIXTURE_KNOWLEDGE)}
    assert "amazon-late-shipment" in docs
    late = docs["amazon-late-shipment"]
    assert late.marketplace == "amazon"
    assert late.topics == ("late_shipment_rate", "valid_tracking_rate")
    assert late.sources[0].startswith("https://sellercentral.amazon.com/")
    assert docs["general-appeal-writing"].marketplace == "all"


@pytest.mark.parametrize(
    ("fields", "field_name"),
    [
        ({"marketplace": "etsy"}, "marketplace"),
        ({"source": "sellercentral.amazon.com/help"}, "sources"),
        ({"id": "Bad Id"}, "id"),
    ],
)
def test_invalid_front_matter_names_file_and_field(
    tmp_path: Path, fields: dict[str, str], field_name: str
) -> None:
    path = _write(tmp_path, "bad.md", "## A\ntext\n", **fields)
    with pytest.raises(KnowledgeError, match=rf"bad\.md: front matter field '{field_name}"):
        read_front_matter(path)


def test_missing_front_matter_is_an_error_that_says_how(tmp_path: Path) -> None:
    (tmp_path / "plain.md").write_text("# Just text\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"plain\.md: no front matter"):
        load_knowledge_documents(tmp_path)


def test_duplicate_ids_are_rejected(tmp_path: Path) -> None:
    _write(tmp_path, "a.md", "## A\none\n")
    _write(tmp_path, "b.md", "## B\ntwo\n")
    with pytest.raises(KnowledgeError, match=r"'doc-one' is used by both a\.md and b\.md"):
        load_knowledge_documents(tmp_path)


def test_missing_folder_is_a_knowledge_error(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="does not exist"):
        load_knowledge_documents(tmp_path / "nope")


def test_chunks_keep_title_and_heading_path() -> None:
    body = "# Title\n\nIntro words.\n\n## Metrics\n\nAbout metrics.\n\n### Late shipment\n\nLate text.\n\n## Other\n\nMore."
    chunks = chunk_document(_doc(body))
    assert [(c.id, c.heading, c.text) for c in chunks] == [
        ("doc#intro-0", "", "Intro words."),
        ("doc#metrics-0", "Metrics", "About metrics."),
        ("doc#late-shipment-0", "Metrics > Late shipment", "Late text."),
        ("doc#other-0", "Other", "More."),
    ]
    assert all(c.title == "Title" and c.source == "https://example.com/x" for c in chunks)
    assert chunks[2].embed_text.startswith("Title\nMetrics > Late shipment\n\n")


def test_headings_inside_code_fences_are_text() -> None:
    body = "## Example\n\n```\n## not a heading\n```\n\nafter"
    chunks = chunk_document(_doc(body))
    assert len(chunks) == 1
    assert "## not a heading" in chunks[0].text


def test_long_sections_split_at_paragraphs_within_the_word_limit() -> None:
    paragraph = " ".join(f"word{i}" for i in range(50)) + "."
    body = "## Long\n\n" + "\n\n".join([paragraph] * 7)
    chunks = chunk_document(_doc(body))
    assert len(chunks) > 1
    assert [c.id for c in chunks] == [f"doc#long-{n}" for n in range(len(chunks))]
    assert all(len(c.text.split()) <= MAX_CHUNK_WORDS for c in chunks)
    assert sum(len(c.text.split()) for c in chunks) == 350


def test_one_huge_sentence_is_still_cut() -> None:
    body = "## Wall\n\n" + " ".join(["x"] * (MAX_CHUNK_WORDS * 2 + 5))
    chunks = chunk_document(_doc(body))
    assert [len(c.text.split()) for c in chunks] == [MAX_CHUNK_WORDS, MAX_CHUNK_WORDS, 5]


def test_repeated_heading_slugs_get_distinct_ids() -> None:
    chunks = chunk_document(_doc("## A\n\none\n\n## Steps\n\ntwo\n\n## B\n\n### Steps\n\nthree"))
    assert [c.id for c in chunks] == ["doc#a-0", "doc#steps-0", "doc#steps-1"]


def test_ids_and_hashes_of_untouched_sections_survive_an_edit() -> None:
    before = chunk_document(_doc("## A\n\none\n\n## B\n\ntwo"))
    after = chunk_document(_doc("## A\n\none changed\n\n## B\n\ntwo"))
    assert [c.id for c in before] == [c.id for c in after]
    assert before[0].content_hash != after[0].content_hash
    assert before[1].content_hash == after[1].content_hash


def test_slugify() -> None:
    assert slugify("Late Shipment Rate (LSR)") == "late-shipment-rate-lsr"
    assert slugify("¿¡!") == "section"


def test_user_markdown_takes_title_from_front_matter_or_heading(tmp_path: Path) -> None:
    md = tmp_path / "Supplier Agreement.md"
    md.write_text("# Agreement with Acme\n\n## Clause 7\n\nAcme supplies genuine goods.\n", encoding="utf-8")
    doc = load_user_document(md, marketplace="amazon", topics=("inauthentic",))
    assert (doc.id, doc.title, doc.collection, doc.marketplace) == (
        "user-supplier-agreement",
        "Agreement with Acme",
        "user",
        "amazon",
    )
    assert doc.sources == (str(md.resolve()),)
    chunks = chunk_document(doc)
    assert [(c.heading, c.collection, c.topics) for c in chunks] == [("Clause 7", "user", ("inauthentic",))]


def test_user_text_file_is_one_section_even_with_hash_lines(tmp_path: Path) -> None:
    txt = tmp_path / "notes.txt"
    txt.write_text("# not markdown\nOrder 123 shipped late.\n", encoding="utf-8")
    chunks = chunk_document(load_user_document(txt))
    assert len(chunks) == 1 and chunks[0].heading == "" and "# not markdown" in chunks[0].text


def _pdf(pages: list[str]) -> bytes:
    """A minimal valid PDF with one line of Helvetica text per page."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(len(pages)))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>")
    font = 3 + 2 * len(pages)
    for i, text in enumerate(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font} 0 R >> >> >>"
        )
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET"
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("latin-1")
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode("latin-1")
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode(
        "latin-1"
    )
    return bytes(out)


def test_user_pdf_is_chunked_by_page(tmp_path: Path) -> None:
    pdf = tmp_path / "policy page.pdf"
    pdf.write_bytes(_pdf(["Invoices must show the supplier address.", "Keep records for 365 days."]))
    chunks = chunk_document(load_user_document(pdf))
    assert [(c.id, c.heading) for c in chunks] == [
        ("user-policy-page#page-1-0", "page 1"),
        ("user-policy-page#page-2-0", "page 2"),
    ]
    assert "supplier address" in chunks[0].text and "365 days" in chunks[1].text


def test_user_files_of_other_kinds_or_without_text_are_refused(tmp_path: Path) -> None:
    docx = tmp_path / "a.docx"
    docx.write_bytes(b"PK")
    with pytest.raises(InputError, match=r"only \.md, \.markdown, \.txt, \.pdf"):
        load_user_document(docx)
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(InputError, match="no text to index"):
        load_user_document(empty)
    with pytest.raises(InputError, match="not found"):
        load_user_document(tmp_path / "missing.md")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf at all")
    with pytest.raises(InputError, match="cannot read PDF"):
        load_user_document(broken)
