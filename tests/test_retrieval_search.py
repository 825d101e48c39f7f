"""Fusion, filters, incremental indexing and user documents, with a fake embedder over a real Chroma store."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from retrieval_support import FIXTURE_KNOWLEDGE, FakeEmbedder, settings_for

from appeal_assistant.errors import InputError, KnowledgeError
from appeal_assistant.models import IssueKind
from appeal_assistant.retrieval import KnowledgeBase, open_store
from appeal_assistant.retrieval.search import reciprocal_rank_fusion


def _kb(
    tmp_path: Path, knowledge: Path = FIXTURE_KNOWLEDGE, embedder: FakeEmbedder | None = None
) -> KnowledgeBase:
    settings = settings_for(tmp_path / "data", knowledge)
    embedder = embedder or FakeEmbedder()
    return KnowledgeBase(settings, embedder, open_store(settings, embedder))


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    folder = tmp_path / "knowledge"
    shutil.copytree(FIXTURE_KNOWLEDGE, folder)
    return folder


def test_rrf_puts_agreement_first_and_scales_the_top_to_one() -> None:
    fused = reciprocal_rank_fusion([(["a", "b", "c"], 1.0), (["b", "a", "d"], 1.0)], k=10)
    assert [key for key, _ in fused][:2] == ["a", "b"]  # tie broken by key, deterministically
    assert fused[0][1] == pytest.approx(fused[1][1])
    assert {key for key, _ in fused} == {"a", "b", "c", "d"}
    only = reciprocal_rank_fusion([(["x"], 1.0), (["x"], 1.0)], k=10)
    assert only == [("x", pytest.approx(1.0))]
    weighted = reciprocal_rank_fusion([(["dense"], 1.0), (["lexical"], 0.5)], k=10)
    assert [key for key, _ in weighted] == ["dense", "lexical"]


def test_incremental_index_embeds_only_what_changed(tmp_path: Path, knowledge: Path) -> None:
    embedder = FakeEmbedder()
    kb = _kb(tmp_path, knowledge, embedder)
    first = kb.index()
    assert (first.documents, first.added, first.updated, first.deleted) == (6, first.chunks, 0, 0)
    assert len(embedder.embedded) == first.chunks

    embedder.embedded.clear()
    assert kb.search("Walmart cancellations", 1)[0].doc_id == "walmart-performance"  # loads the catalog
    again = kb.index()
    assert not again.changed and again.unchanged == first.chunks
    assert embedder.embedded == []

    late = knowledge / "amazon-late-shipment.md"
    late.write_text(late.read_text().replace("below 4 percent", "below four percent"), encoding="utf-8")
    (knowledge / "walmart-performance.md").unlink()
    (knowledge / "extra.md").write_text(
        "---\nid: extra\ntitle: Extra\nmarketplace: all\ntopics: [recall]\nsources: [https://example.com/r]\n"
        "last_verified: 2026-11-28\n---\n## Recalls\n\nPull recalled units at once.\n",
        encoding="utf-8",
    )
    other = _kb(tmp_path, knowledge, embedder)  # another process's view of the same store
    assert other.search("Walmart cancellations", 1)[0].doc_id == "walmart-performance"
    changed = kb.index()
    assert (changed.added, changed.updated, changed.deleted) == (1, 1, 1)
    other.refresh()
    assert "walmart-performance" not in {p.doc_id for p in other.search("Walmart cancellations", 20)}
    assert len(embedder.embedded) == 2 and "below four percent" in embedder.embedded[0]
    assert "walmart-performance" not in {p.doc_id for p in kb.search("Walmart cancellations", 20)}
    assert "walmart-performance" not in {c.doc_id for c in kb.store.chunks("knowledge")}


def test_rebuild_and_model_change_embed_everything(tmp_path: Path) -> None:
    embedder = FakeEmbedder()
    kb = _kb(tmp_path, embedder=embedder)
    total = kb.index().chunks
    embedder.embedded.clear()
    rebuilt = kb.index(rebuild=True)
    assert rebuilt.added == total and len(embedder.embedded) == total

    other = FakeEmbedder()
    other.model_id = "fake-bow-64-v2"
    moved = _kb(tmp_path, embedder=other).index()
    assert moved.updated == total and len(other.embedded) == total


def test_progress_is_reported_while_embedding(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    report = _kb(tmp_path).index(progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, report.chunks) and calls[-1] == (report.chunks, report.chunks)


def test_hybrid_finds_exact_terms_and_returns_cited_passages(tmp_path: Path) -> None:
    kb = _kb(tmp_path)
    kb.index()
    top = kb.search("E-4021", 3)[0]
    assert (top.doc_id, top.heading, top.collection) == (
        "amazon-inauthentic",
        "Error E-4021 on upload",
        "knowledge",
    )
    assert top.chunk_id == "amazon-inauthentic#error-e-4021-on-upload-0"
    assert top.source == "https://sellercentral.amazon.com/help/hub/reference/external/201165970"
    assert top.title == "Appealing an inauthentic item complaint"
    assert "E-4021" in top.text and top.score == pytest.approx(1.0, abs=0.35)
    assert kb.search("section 3", 1)[0].heading == "Section 3 of the supplier agreement"
    assert kb.search("A-to-z", 1)[0].doc_id == "amazon-a-to-z"


def test_modes_rank_differently_but_return_the_same_shape(tmp_path: Path) -> None:
    kb = _kb(tmp_path)
    kb.index()
    lexical = kb.search("E-4021", 5, mode="lexical")
    assert [p.doc_id for p in lexical] == ["amazon-inauthentic"]  # only one chunk holds the code
    dense = kb.search("E-4021", 5, mode="dense")
    assert len(dense) == 5 and all(-1.0 <= p.score <= 1.0 for p in dense)
    assert [p.score for p in dense] == sorted((p.score for p in dense), reverse=True)


def test_marketplace_filter_keeps_that_marketplace_and_all(tmp_path: Path) -> None:
    kb = _kb(tmp_path)
    kb.index()
    for mode in ("hybrid", "dense", "lexical"):
        found = kb.search("seller standards rate percent", 20, marketplace="ebay", mode=mode)
        assert found and {p.marketplace for p in found} <= {"ebay", "all"}
    assert {p.doc_id for p in kb.search("percent", 20, marketplace="all")} >= {"walmart-performance"}


def test_topic_and_issue_filters(tmp_path: Path) -> None:
    kb = _kb(tmp_path)
    kb.index()
    by_topic = kb.search("rate", 20, topics=["valid_tracking_rate", "transaction_defect_rate"])
    assert {p.doc_id for p in by_topic} == {"amazon-late-shipment", "ebay-seller-standards"}
    by_issue = kb.search("appeal", 20, issue=IssueKind.INAUTHENTIC)
    assert {p.doc_id for p in by_issue} == {"amazon-inauthentic"}
    assert kb.search("appeal", 20, issue="inauthentic") == by_issue
    assert kb.search("appeal", 5, marketplace="walmart", issue=IssueKind.INAUTHENTIC) == []


def test_bad_queries_and_filters_are_input_errors(tmp_path: Path) -> None:
    kb = _kb(tmp_path)
    with pytest.raises(KnowledgeError, match="appeal-assistant index"):
        kb.search("anything")
    kb.index()
    with pytest.raises(InputError, match="empty"):
        kb.search("   ")
    with pytest.raises(InputError, match="'etsy'"):
        kb.search("x", marketplace="etsy")
    with pytest.raises(InputError, match="'not_an_issue'"):
        kb.search("x", issue="not_an_issue")
    with pytest.raises(InputError, match="k must be"):
        kb.search("x", 0)
    with pytest.raises(InputError, match="'fuzzy'"):
        kb.search("x", mode="fuzzy")  # type: ignore[arg-type]


def test_user_documents_are_searchable_updatable_and_removable(tmp_path: Path) -> None:
    kb = _kb(tmp_path)
    kb.index()
    agreement = tmp_path / "acme-agreement.md"
    agreement.write_text("# Acme agreement\n\n## Clause 7\n\nAcme Wholesale supplies genuine Zorbo goods.\n")
    report = kb.add_user_document(agreement, marketplace="amazon", topics=["inauthentic"])
    assert (report.collection, report.added) == ("user", 1)
    top = kb.search("Zorbo supplier", 3)[0]
    assert (top.doc_id, top.collection, top.heading, top.title) == (
        "user-acme-agreement",
        "user",
        "Clause 7",
        "Acme agreement",
    )
    assert top.source == str(agreement.resolve())
    assert kb.search("Zorbo", 5, issue="inauthentic")[0].collection == "user"
    assert all(p.collection == "knowledge" for p in kb.search("Zorbo", 5, collections=("knowledge",)))
    assert kb.search("Zorbo", 5, marketplace="ebay", mode="lexical") == []

    agreement.write_text("# Acme agreement\n\n## Clause 8\n\nAcme Wholesale now ships Quibble goods.\n")
    again = kb.add_user_document(agreement)
    assert (again.added, again.deleted) == (1, 1)
    assert [d.doc_id for d in kb.user_documents()] == ["user-acme-agreement"]
    assert kb.search("Quibble", 1)[0].heading == "Clause 8"
    assert not kb.index().changed  # re-indexing knowledge leaves user documents alone

    assert kb.remove_user_document("user-acme-agreement") == 1
    assert kb.user_documents() == []
    with pytest.raises(InputError, match="no user document 'user-acme-agreement'"):
        kb.remove_user_document("user-acme-agreement")


def _with_questions(folder: Path) -> None:
    """Give the late-shipment fixture questions whose words appear in no document's text."""
    late = folder / "amazon-late-shipment.md"
    text = late.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    questions = '\nquestions:\n  - "zephyr quokka parcels dawdling"\n  - "why is my dispatch tardy"'
    late.write_text(head + questions + "\n---\n" + body, encoding="utf-8")


def test_questions_find_their_document_but_are_never_returned(tmp_path: Path, knowledge: Path) -> None:
    _with_questions(knowledge)
    kb = _kb(tmp_path, knowledge)
    report = kb.index()
    stored = kb.store.chunks("knowledge")
    asked = [c for c in stored if c.kind == "question"]
    assert sorted(c.id for c in asked) == [
        "amazon-late-shipment#question-0",
        "amazon-late-shipment#question-1",
    ]
    assert report.chunks == len(stored)
    for mode in ("hybrid", "dense", "lexical"):
        hits = kb.search("zephyr quokka dawdling", 3, mode=mode)  # words only the questions hold
        assert hits, mode
        assert hits[0].doc_id == "amazon-late-shipment", mode
        assert all(not p.chunk_id.split("#", 1)[1].startswith("question-") for p in hits), mode
        assert all(p.heading != "Questions this document answers" for p in hits), mode
    # every passage returned for any query is document text, once
    hits = kb.search("late shipment rate", 20)
    assert len({p.chunk_id for p in hits}) == len(hits)
    assert all(p.chunk_id in {c.id for c in stored if c.kind == "text"} for p in hits)


def test_question_votes_go_to_the_documents_best_text_chunk(tmp_path: Path, knowledge: Path) -> None:
    _with_questions(knowledge)
    kb = _kb(tmp_path, knowledge)
    kb.index()
    plain = kb.search("late shipment rate target 4 percent", 10, mode="hybrid")
    # with a question that also matches, the document's best chunk gains but no other chunk appears
    boosted = kb.search("late shipment rate target 4 percent why is my dispatch tardy", 10, mode="hybrid")
    late_plain = [p.chunk_id for p in plain if p.doc_id == "amazon-late-shipment"]
    late_boosted = [p.chunk_id for p in boosted if p.doc_id == "amazon-late-shipment"]
    assert late_boosted and late_boosted[0] == late_plain[0]
    assert boosted[0].doc_id == "amazon-late-shipment"


def test_removing_questions_deletes_their_chunks(tmp_path: Path, knowledge: Path) -> None:
    _with_questions(knowledge)
    kb = _kb(tmp_path, knowledge)
    kb.index()
    shutil.copy(FIXTURE_KNOWLEDGE / "amazon-late-shipment.md", knowledge / "amazon-late-shipment.md")
    again = kb.index()
    assert again.deleted == 2 and again.added == 0
    assert not [c for c in kb.store.chunks("knowledge") if c.kind == "question"]
    assert kb.search("zephyr quokka dawdling", 3, mode="lexical") == []


def test_questions_in_front_matter_must_be_a_list_of_text(tmp_path: Path, knowledge: Path) -> None:
    late = knowledge / "amazon-late-shipment.md"
    head, body = late.read_text(encoding="utf-8").split("\n---\n", 1)
    late.write_text(head + "\nquestions: {a: 1}\n---\n" + body, encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"amazon-late-shipment\.md.*questions"):
        _kb(tmp_path, knowledge).index()


def test_chunks_stored_without_a_kind_still_count_as_text(tmp_path: Path) -> None:
    """An index written before question chunks existed (no "kind" metadata) keeps answering densely."""
    kb = _kb(tmp_path)
    kb.index()
    collection = kb.store._collection("knowledge")  # type: ignore[attr-defined]
    stored = collection.get(include=["metadatas", "documents", "embeddings"])
    metas = [{k: v for k, v in m.items() if k != "kind"} for m in stored["metadatas"]]
    collection.delete(ids=stored["ids"])  # re-add as an old index stored them (update merges keys)
    collection.add(
        ids=stored["ids"], embeddings=stored["embeddings"], documents=stored["documents"], metadatas=metas
    )
    assert all("kind" not in m for m in collection.get(include=["metadatas"])["metadatas"])
    kb.refresh()
    hits = kb.search("Walmart cancellations", 3, mode="dense")
    assert hits and hits[0].doc_id == "walmart-performance"


def _relate(folder: Path, name: str, related: str) -> None:
    path = folder / name
    head, body = path.read_text(encoding="utf-8").split("\n---\n", 1)
    path.write_text(head + f"\nrelated: [{related}]\n---\n" + body, encoding="utf-8")


def test_related_documents_rise_with_the_document_that_needs_them(tmp_path: Path, knowledge: Path) -> None:
    from appeal_assistant.retrieval import FusionConfig

    _relate(knowledge, "amazon-a-to-z.md", "amazon-inauthentic")
    _relate(knowledge, "general-appeal-writing.md", "amazon-a-to-z")
    kb = _kb(tmp_path, knowledge)
    kb.index()
    query = "A-to-z Guarantee claim"
    kb.fusion = FusionConfig(related_weight=0.0)
    plain = list(dict.fromkeys(p.doc_id for p in kb.search(query, 30)))
    kb.fusion = FusionConfig(related_weight=0.5)
    linked = list(dict.fromkeys(p.doc_id for p in kb.search(query, 30)))
    assert plain[0] == linked[0] == "amazon-a-to-z"
    assert plain.index("amazon-inauthentic") > 1
    assert linked.index("amazon-inauthentic") == 1
    # filters hold: under an eBay filter the Amazon companion of a general document is never added
    for doc_id in (p.doc_id for p in kb.search("appeal writing plan of action", 30, marketplace="ebay")):
        assert doc_id in {"general-appeal-writing", "ebay-seller-standards"}


def test_related_must_name_other_documents(tmp_path: Path, knowledge: Path) -> None:
    _relate(knowledge, "amazon-a-to-z.md", "no-such-document")
    with pytest.raises(KnowledgeError, match=r"amazon-a-to-z\.md.*related.*no-such-document"):
        _kb(tmp_path, knowledge).index()


def test_collections_search_wide_enough_to_be_exact(tmp_path: Path) -> None:
    """Old collections get the wide HNSW search too, so filtered queries return the same chunks every run."""
    from appeal_assistant.retrieval.store import COLLECTION_NAMES, SEARCH_EF

    kb = _kb(tmp_path)
    kb.index()
    client = kb.store._client  # type: ignore[attr-defined]
    name = COLLECTION_NAMES["knowledge"]
    assert client.get_collection(name).configuration["hnsw"]["ef_search"] == SEARCH_EF
    client.get_collection(name).modify(configuration={"hnsw": {"ef_search": 10}})  # as an older index
    reopened = _kb(tmp_path)
    reopened.search("Walmart cancellations", 2)
    assert client.get_collection(name).configuration["hnsw"]["ef_search"] == SEARCH_EF


def test_documents_without_questions_are_not_outranked_for_lacking_them(
    tmp_path: Path, knowledge: Path
) -> None:
    """A seller's own document has no questions; first in both text rankings, it still comes first."""
    _with_questions(knowledge)
    kb = _kb(tmp_path, knowledge)
    kb.index()
    agreement = tmp_path / "supplier.md"
    agreement.write_text("# Supplier agreement\n\n## Returns\n\nZentrix takes back tardy dispatch parcels.\n")
    kb.add_user_document(agreement)
    hits = kb.search("Zentrix tardy dispatch", 3)  # 'tardy dispatch' is also one of the fixture's questions
    assert hits[0].collection == "user" and hits[0].score == pytest.approx(1.0)
