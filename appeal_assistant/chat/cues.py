"""Cue tables: the words that say what a message is for, weighed, for the messages rules do not catch.

Sellers ask for the same thing in many ways ("export", "can you put it in a file", "I need this in
Google Docs"). Each intent has cue phrases with weights; a message's score for an intent is the sum of
the cues it contains. A message aimed at the assistant (``you``, an imperative, a question) leans to a
command; a message that states facts of the case (``we``, a past-tense verb, a number, a name) leans to
an answer. ``command_intent`` returns the best command intent when it clearly wins, else None.
"""

from __future__ import annotations

import re

__all__ = ["CUES", "command_intent", "fact_weight"]

_I = re.IGNORECASE

#: intent -> (pattern, weight). Patterns are whole-word, case-insensitive.
CUES: dict[str, tuple[tuple[str, float], ...]] = {
    "export": (
        (
            r"export|download\w*|docx?|word (?:file|doc|document|version|format)|pdf|google (?:docs?|documents)|file",
            2.5,
        ),
        (
            r"print|printable|copy(?:[- ]paste)?|paste (?:it|this) (?:in|into)|email (?:it|this|me)|save (?:it|this)",
            2.0,
        ),
        (r"final (?:document|version|text|copy)", 2.5),
        (r"document|upload", 1.0),
        (r"get (?:this|it) out|take (?:it|this) with me", 2.0),
    ),
    "show": (
        (r"show|display|see|look(?:ing)? at|read|view|let me (?:see|read|look)|paste the current", 2.0),
        (r"draft|plan|version|v\d+|whole thing|everything you wrote|written|current|first draft|latest", 1.2),
        (r"changes|changed|how is it looking|look like|looks like|so far", 1.5),
    ),
    "skip": (
        (r"no idea|not sure|don'?t know|do not know|dunno|no clue|unknown|skip|pass", 3.0),
        (
            r"later|get back to you|come back|move on|next (?:one|question)|something else|another question",
            2.5,
        ),
        (
            r"rather not|prefer not|don'?t have (?:that|this|the) (?:info|information|answer)|no answer (?:for now|yet)",
            2.5,
        ),
        (r"(?:i'?ll|i will|let me|need to|have to) (?:ask|check|find out|look)", 1.5),
        (r"knows|tomorrow|not now|for now|next week", 1.0),
    ),
    "revise": (
        (r"too (?:long|short|casual|formal|wordy|vague|apologetic)|way too|shorter|longer|shorten|trim", 3.0),
        (
            r"expand|more (?:detail\w*|formal|professional|specific)|less (?:casual|wordy|technical)|clearer|simpler",
            2.5,
        ),
        (r"condense|summari[sz]e it|cut (?:it )?down", 2.5),
        (
            r"rewrite|reword|rephrase|redo|tone|sounds?|wording|take out|remove|delete|add that|mention that",
            2.0,
        ),
        (r"root cause|preventive|corrective|prevention|section|paragraph|sentence|part about", 1.0),
        (r"make (?:it|the \w+)", 1.0),
    ),
    "status": (
        (r"missing|left|status|ready|deadline|due|days (?:left|until)|summary|remaining|outstanding", 2.5),
        (r"where (?:we|i) are|close to (?:done|finished)|still (?:need|have)|how much|when do i need", 2.0),
        (r"documents? do i (?:still )?need|what else", 1.5),
    ),
    "off_topic": (
        (
            r"favou?rite|colou?r|instagram|tiktok|facebook post|caption|hungry|lunch|dinner|story|joke|weather|poem|song",
            3.0,
        ),
        (
            r"repeat after me|say (?:that|it)|act like|pretend|roleplay|approve me|approve (?:my|the) appeal",
            3.5,
        ),
        (r"2\s*\+\s*2|math|game|movie|crypto|bitcoin", 2.5),
    ),
}
_COMPILED = {
    intent: tuple((re.compile(rf"\b(?:{p})\b", _I), w) for p, w in rows) for intent, rows in CUES.items()
}
_TO_ASSISTANT = re.compile(
    r"^\W*(?:can|could|would|will) you\b|^\W*(?:please|pls)\b|\byou\b|^\W*(?:make|give|show|send|put|let|take|add"
    r"|remove|delete|rewrite|shorten|expand|move|ask|display|paste|generate|create|print|email|export|download|repeat"
    r"|act|forget|tell)\b",
    _I,
)
_FACT = (
    (re.compile(r"\b(?:we|our|us)\b", _I), 1.5),
    (
        re.compile(
            r"\b(?:was|were|had|did|didn'?t|got|went|happened|shipped|sent|sold|bought|moved|changed|switched"
            r"|refunded|removed|closed|stopped|started|hired|trained|emailed|wrote|called|contacted|replaced"
            r"|asked|told|filed|uploaded|ended|relisted|checked|fixed|updated|set)\b",
            _I,
        ),
        1.5,
    ),
    (re.compile(r"\d"), 1.0),
    (
        re.compile(
            r"@[\w-]+\.|\b(?:on|since) (?:\d{1,2}(?:st|nd|rd|th)?|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
            _I,
        ),
        1.0,
    ),
    (re.compile(r"\b(?:because|since|so that|due to|bc)\b", _I), 1.0),
    (re.compile(r"(?<=[a-z,] )[A-Z][a-z]+"), 0.5),
)


def fact_weight(text: str) -> float:
    """How much a message reads like a fact of the case."""
    return sum(w for rx, w in _FACT if rx.search(text))


_NEGATED = re.compile(
    r"\b(?:don'?t|doesn'?t|didn'?t|do not|does not|did not|not|never|no|won'?t|can'?t)\s+(?:\w+\s+)?$", re.I
)


def _said(rx: re.Pattern[str], text: str) -> bool:
    """A cue that is not negated: 'the invoices don't show the ASIN' asks for nothing to be shown."""
    return any(not _NEGATED.search(text[max(0, m.start() - 20) : m.start()]) for m in rx.finditer(text))


def command_intent(text: str) -> str | None:
    """The command intent the message's cues point to, when it clearly wins over stating a fact."""
    scores = {intent: sum(w for rx, w in rows if _said(rx, text)) for intent, rows in _COMPILED.items()}
    best = max(scores, key=lambda k: scores[k])
    top = scores[best]
    if top < 2.0:
        return None
    runner_up = max(v for k, v in scores.items() if k != best)
    if top - runner_up < 0.5:
        return None
    aimed = 1.5 if _TO_ASSISTANT.search(text) else 0.0
    if top + aimed <= fact_weight(text) + 1.0:
        return None
    return best
