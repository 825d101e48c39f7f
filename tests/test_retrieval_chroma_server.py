"""The same knowledge base through a real Chroma server (HttpClient) gives the embedded store's results."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from retrieval_support import settings_for

from appeal_assistant.errors import KnowledgeError
from appeal_assistant.retrieval import KnowledgeBase, SentenceTransformerEmbedder, open_store

pytestmark = pytest.mark.slow

QUERIES = (
    "A-to-z",
    "section 3",
    "E-4021",
    "how fast must I ship",
    "eBay below standard",
    "supplier invoices",
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """A `chroma run` server on a free local port, stopped by its pid afterwards."""
    port = _free_port()
    folder = tmp_path_factory.mktemp("chroma-server")
    chroma = Path(sys.executable).parent / "chroma"
    log = (folder / "server.log").open("w")
    process = subprocess.Popen(
        [str(chroma), "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(folder / "data")],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"chroma server did not start: {(folder / 'server.log').read_text()[-2000:]}")
                time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


def test_server_and_embedded_store_agree(chroma_server: int, tmp_path: Path) -> None:
    embedder = SentenceTransformerEmbedder()
    remote_settings = settings_for(tmp_path / "remote", chroma_host="127.0.0.1", chroma_port=chroma_server)
    remote = KnowledgeBase(remote_settings, embedder, open_store(remote_settings, embedder))
    local_settings = settings_for(tmp_path / "local")
    local = KnowledgeBase(local_settings, embedder, open_store(local_settings, embedder))
    assert remote.store.describe() == f"Chroma server at 127.0.0.1:{chroma_server}"
    assert not (tmp_path / "remote" / "chroma").exists()

    assert remote.index(rebuild=True).summary() == local.index(rebuild=True).summary()
    assert not remote.index().changed
    assert remote.store.hashes("knowledge") == local.store.hashes("knowledge")
    for query in QUERIES:
        for mode in ("hybrid", "dense", "lexical"):
            far = remote.search(query, 5, mode=mode)
            near = local.search(query, 5, mode=mode)
            assert [p.chunk_id for p in far] == [p.chunk_id for p in near], (query, mode)
            assert [p.score for p in far] == pytest.approx([p.score for p in near], abs=1e-4)
        filtered = remote.search(query, 5, marketplace="walmart")
        assert filtered == local.search(query, 5, marketplace="walmart")


def test_unreachable_server_is_a_knowledge_error(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, chroma_host="127.0.0.1", chroma_port=_free_port())
    with pytest.raises(KnowledgeError, match=r"cannot reach the Chroma server at 127\.0\.0\.1:\d+"):
        open_store(settings, SentenceTransformerEmbedder())
