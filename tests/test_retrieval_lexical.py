"""The BM25 side: tokens that keep exact terms, a light stemmer, and ranking."""

from __future__ import annotations

import pytest

from appeal_assistant.retrieval.abbreviations import expand_abbreviations
from appeal_assistant.retrieval.documents import Chunk
from appeal_assistant.retrieval.lexical import LexicalIndex, stem, tokenize


def _chunk(n: int, text: str) -> Chunk:
    return Chunk(
        id=f"d{n}#s-0",
        doc_id=f"d{n}",
        title="",
        heading="",
        source="",
        marketplace="all",
        topics=(),
        text=text,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A-to-z claims", {"atoz", "z", "claim"}),
        ("section 3", {"section", "3"}),
        ("error E-4021", {"error", "e4021", "e", "4021"}),
        ("the seller's invoices", {"seller", "invoic"}),
    ],
)
def test_tokens_keep_exact_terms(text: str, expected: set[str]) -> None:
    assert set(tokenize(text)) == expected


@pytest.mark.parametrize(
    "family",
    [
        ("cancel", "cancels", "cancelled", "canceling"),
        ("ship", "ships", "shipped", "shipping", "shipment"),
        ("policy", "policies"),
        ("rate", "rates", "rated"),
        ("deactivation", "deactivated"),
    ],
)
def test_stemmer_folds_a_word_family(family: tuple[str, ...]) -> None:
    assert len({stem(w) for w in family}) == 1


def test_stemmer_leaves_short_words_and_codes() -> None:
    assert [stem(w) for w in ("odr", "4021", "e4021", "status", "address")] == [
        "odr",
        "4021",
        "e4021",
        "status",
        "address",
    ]


def test_bm25_ranks_exact_terms_first_and_honours_the_allowed_mask() -> None:
    index = LexicalIndex(
        [
            _chunk(0, "Claims under the A-to-z Guarantee reduce your rating."),
            _chunk(1, "Section 3 of the agreement names the supplier."),
            _chunk(2, "Upload failed with error E-4021."),
            _chunk(3, "A general note about shipping and claims."),
        ]
    )
    assert index.search("A-to-z", 4)[0][0] == 0
    assert index.search("section 3", 4)[0][0] == 1
    assert [i for i, _ in index.search("E-4021", 4)] == [2]
    assert [i for i, _ in index.search("claims", 4, allowed=[False, True, True, True])] == [3]
    assert index.search("zzz unknown", 4) == []
    assert LexicalIndex([]).search("anything", 3) == []


def test_abbreviations_are_spelled_out_once() -> None:
    assert (
        expand_abbreviations("my ODR and odr, a poa")
        == "my ODR (Order Defect Rate) and odr, a poa (Plan of Action)"
    )
    assert expand_abbreviations("tip and shipping") == "tip and shipping"
