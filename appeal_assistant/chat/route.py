"""Which open question a fact answers, by what it says: the pending one unless another fits clearly better.

Sellers answer the question they have in mind, not always the one just asked ("we refunded all of
them on 7 Oct" while the assistant asked for the cause). Each open question is scored by the words it
shares with the message (its question text, placeholder and example, same-thing words folded) and by
the kind of fact the message carries: something done, with a date, fits an action question; a reason
('because', 'nobody checked') fits a cause; a bare date fits a date question; a name with a role fits
an owner question. The pending question gets a head start, so only a clearly better fit moves a fact.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

from appeal_assistant.drafting.answers import find_dates
from appeal_assistant.drafting.playbook import Question
from appeal_assistant.drafting.review_content import content_words
from appeal_assistant.notice.asks import DOCUMENT_RULES

__all__ = ["PENDING_HEAD_START", "best_question", "fact_kind", "fits_kind", "score_of"]

_I = re.IGNORECASE
#: How much better another question must fit to take a fact away from the pending one.
PENDING_HEAD_START = 2.0

_ACTION_ID = re.compile(
    r"(?:action|remedy|stock|separation|change|fix|removal|buyers|refund|stop|listing_action"
    r"|supplier_action|content_action|sales_action|resolution|people|training|confirm)",
    _I,
)
_CAUSE_ID = re.compile(
    r"(?:cause|why|reason|split|case_types|problem|mismatch|behaviour|behavior|use|what_happened"
    r"|relationship|shared|details|hazard|findings)",
    _I,
)
_DONE = re.compile(
    r"\b(?:we |i |they )?(?:changed|switched|moved|refunded|removed|closed|deleted|sent|replaced|stopped|started"
    r"|installed|added|trained|retrained|hired|inspected|destroyed|disposed|returned|contacted|emailed|updated|set"
    r"|fixed|created|cancel+ed|relisted|reshipped|upgraded|disabled|enabled|put in|took down|pulled)\b",
    _I,
)
_REASON = re.compile(
    r"\b(?:because|bc|cuz|due to|cause|caused|reason|nobody|no one|didn'?t|did not|never|forgot|broke|broken"
    r"|missed|wasn'?t|weren'?t|couldn'?t|out of stock|sick|vacation|mistake|error|thats where|that's where)\b",
    _I,
)
_PERSON = re.compile(
    r"\b(?:manager|mgr|lead|owner|supervisor|coordinator|officer|director|head of|in charge|responsible|ops)\b",
    _I,
)


_DAY = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b"
    r"|\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
    _I,
)
_START = re.compile(
    r"\b(?:start\w*|since|began|begin\w*|in place|effective|from (?=\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
    r"|next|this|monday|tuesday|wednesday|thursday|friday|today|tomorrow))",
    _I,
)


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def fact_kind(text: str) -> str | None:
    """What kind of fact a message states: 'action', 'cause', 'date', 'person', or None."""
    words = len(text.split())
    dated = bool(find_dates(text, None)) or _DAY.search(text) is not None
    done, reason = _DONE.search(text), _REASON.search(text)
    # 'we fixed it, sync runs every 30 min since feb 2' is a dated action; 'he started the check on 5 March' a start
    changed = any(m.group(0).split()[-1].lower() != "started" for m in _DONE.finditer(text))
    if dated and (
        (words <= 6 and not done) or (_START.search(text) and not reason and not changed and words <= 14)
    ):
        return "date"
    if _PERSON.search(text) and words <= 12 and not reason:
        return "person"
    if done and dated:
        return "action"
    if reason:
        return "cause"
    return None


def _question_kind(qid: str, question: Question) -> str | None:
    if question.expects in ("date", "person"):
        return question.expects
    tail = qid.split(".", 1)[-1]
    if _ACTION_ID.search(tail):
        return "action"
    if _CAUSE_ID.search(tail):
        return "cause"
    return None


_DOCS = [(rule.kind, re.compile("|".join(f"(?:{p})" for p in rule.patterns), _I)) for rule in DOCUMENT_RULES]


def _documents(text: str) -> set[str]:
    return {kind for kind, rx in _DOCS if kind not in ("other", "plan_of_action") and rx.search(text)}


def _score(text: str, words: set[str], kind: str | None, qid: str, question: Question) -> float:
    own = content_words(f"{question.ask} {question.placeholder} {question.example}")
    overlap = len(words & own) / math.sqrt(len(own) or 1) * 3
    score = overlap + (2.5 if kind is not None and kind == _question_kind(qid, question) else 0.0)
    if _documents(text) & _documents(f"{question.ask} {question.placeholder}"):
        score += 4.0  # 'passport ...' answers the question about the identity document
    if _EMAIL.search(text) and re.search(r"\be-?mail\b", f"{question.ask} {question.placeholder}", _I):
        score += 4.0  # an address answers the question that asks for one
    return score


def kind_switch(text: str, target: str, pending: str | None, questions: Mapping[str, Question]) -> bool:
    """The clause states the kind of fact ``target`` asks for (a dated action) and ``pending`` asks for another
    kind (a cause): 'we fixed it, sync runs every 30 min since feb 2' after the cause."""
    kind = fact_kind(text)
    if (
        kind not in ("action", "cause")
        or pending is None
        or target not in questions
        or pending not in questions
    ):
        return False
    return _question_kind(target, questions[target]) == kind != _question_kind(pending, questions[pending])


def best_question(
    text: str, pending: str | None, candidates: Sequence[str], questions: Mapping[str, Question]
) -> str | None:
    """The question ``text`` answers: the pending one, unless another scores PENDING_HEAD_START more."""
    words = content_words(text)
    kind = fact_kind(text)
    scored = {q: _score(text, words, kind, q, questions[q]) for q in candidates if q in questions}
    if not scored:
        return pending
    best = max(scored, key=lambda q: scored[q])
    if pending is None or pending not in scored:
        return best if scored[best] > 0 else pending
    if scored[best] >= scored[pending] + PENDING_HEAD_START or kind_switch(text, best, pending, questions):
        return best
    return pending


def score_of(text: str, qid: str, questions: Mapping[str, Question]) -> float:
    """How well ``text`` fits question ``qid`` (for a clause of a message giving several facts)."""
    if qid not in questions:
        return 0.0
    return _score(text, content_words(text), fact_kind(text), qid, questions[qid])


def fits_kind(text: str, qid: str, questions: Mapping[str, Question]) -> bool:
    """False when a question wants a date or a person and ``text`` holds none (it answers something else)."""
    question = questions.get(qid)
    if question is None or question.expects not in ("date", "person"):
        return True
    if question.expects == "date":
        return bool(find_dates(text, None)) or _DAY.search(text) is not None
    return _PERSON.search(text) is not None or re.search(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b", text) is not None
