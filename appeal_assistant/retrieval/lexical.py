"""The lexical side of hybrid search: BM25 (bm25s) over our own tokens.

The tokenizer keeps what the dense model blurs: single letters and digits ("section 3"), error and
policy codes ("E-4021" -> "e", "4021", "e4021"), and hyphen or slash compounds ("A-to-z" -> "atoz").
Inflections are folded by a light stemmer so "claims" finds "claim" and "shipped" finds "shipping".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from appeal_assistant.retrieval.documents import Chunk

__all__ = ["LexicalIndex", "stem", "tokenize"]

_WORD = re.compile(r"[a-z0-9]+(?:[-/.'’][a-z0-9]+)*")
_PART = re.compile(r"[a-z0-9]+")

#: Common English function words; they carry no topic. Single letters and digits are NOT here on purpose.
_STOPWORDS = frozenset(
    """
    a about above after again against all am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have
    having he her here hers herself him himself his how i if in into is it its itself just me more most
    my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves
    """.split()  # noqa: SIM905 - a word list reads better as text
)


#: Suffixes stripped (first match wins) with their replacement; a light English stemmer, so that
#: "cancelled", "cancels" and "canceling" all become "cancel" and "shipment" meets "shipping".
_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("ational", "ate"),
    ("ization", "ize"),
    ("fulness", "ful"),
    ("ousness", "ous"),
    ("iveness", "ive"),
    ("ations", "ate"),
    ("ation", "ate"),
    ("ments", ""),
    ("ment", ""),
    ("ingly", ""),
    ("ings", ""),
    ("ing", ""),
    ("edly", ""),
    ("ed", ""),
    ("ies", "y"),
    ("ness", ""),
    ("ers", "er"),
    ("es", ""),
    ("s", ""),
    ("ly", ""),
)


def stem(token: str) -> str:
    """Fold inflections: 'claims' -> 'claim', 'shipped' and 'shipping' -> 'ship', 'policies' -> 'polici'."""
    if len(token) <= 3 or not token.isalpha():
        return token
    for suffix, replacement in _SUFFIXES:
        if not token.endswith(suffix) or len(token) - len(suffix) < 3:
            continue
        if suffix == "s" and token.endswith(("ss", "us", "is")):
            continue
        if suffix == "es" and not token.endswith(("sses", "shes", "ches", "xes", "zes")):
            continue
        token = token[: len(token) - len(suffix)] + replacement
        break
    if len(token) > 4 and token[-1] == token[-2] and token[-1] not in "lsz":
        token = token[:-1]  # shipp -> ship
    if len(token) > 4 and token.endswith("ll"):
        token = token[:-1]  # cancell -> cancel
    if len(token) >= 4 and token.endswith("e"):
        token = token[:-1]  # rate, rated -> rat
    if len(token) > 4 and token.endswith("y"):
        token = token[:-1] + "i"  # policy, policies -> polici
    return token


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens for BM25, plus the joined form of every compound word."""
    tokens: list[str] = []
    for match in _WORD.finditer(text.lower().replace("’", "'")):
        word = match.group(0)
        parts = _PART.findall(word)
        if len(parts) > 1:
            joined = "".join(parts)
            if parts[-1] == "s" and len(parts) == 2:  # possessive "seller's"
                tokens.append(stem(parts[0]))
                continue
            tokens.append(joined)
        tokens.extend(stem(p) for p in parts if p not in _STOPWORDS)
    return tokens


class LexicalIndex:
    """BM25 over a fixed list of chunks; built in milliseconds, so it is rebuilt rather than stored."""

    def __init__(self, chunks: Sequence[Chunk]) -> None:
        import bm25s

        self.chunks: list[Chunk] = list(chunks)
        self._retriever: bm25s.BM25 | None = None
        if self.chunks:
            corpus = [tokenize(c.embed_text) or ["\x00"] for c in self.chunks]
            self._retriever = bm25s.BM25()
            self._retriever.index(corpus, show_progress=False)

    def __len__(self) -> int:
        return len(self.chunks)

    def search(self, query: str, n: int, allowed: Sequence[bool] | None = None) -> list[tuple[int, float]]:
        """Up to ``n`` (chunk position, BM25 score) pairs with a positive score, best first."""
        tokens = tokenize(query)
        if self._retriever is None or not tokens or n <= 0:
            return []
        scores = np.asarray(self._retriever.get_scores(tokens), dtype=np.float64)
        if allowed is not None:
            scores = np.where(np.asarray(allowed, dtype=bool), scores, 0.0)
        candidates = np.flatnonzero(scores > 0)
        # stable order: score descending, then position, so ties rank the same on every run
        order = candidates[np.lexsort((candidates, -scores[candidates]))][:n]
        return [(int(i), float(scores[i])) for i in order]
