"""What a seller's message means, as one typed ``Understanding``: offline rules first and always.

Sellers write short, with typos, without punctuation, and sometimes do two things in one message
("owner is Dana, ops manager, and make it shorter"). The rules read, in order: instructions aimed at
the assistant (never obeyed: off-topic), commands (status, show, revert, export, help), revisions,
policy questions, skips, then answers: to the question just asked, to a question the message names
("the owner is ...", "actually the start date was 5 March"), or several at once. When a message
could be an answer to more than one question, the assistant asks to confirm instead of guessing.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from appeal_assistant.drafting.answers import SKIP_WORDS, find_dates
from appeal_assistant.drafting.playbook import Question

__all__ = [
    "ChatContext",
    "Intent",
    "Understanding",
    "understand",
]

Intent = Literal[
    "answer", "skip", "revise", "policy", "status", "show", "revert", "export", "help", "off_topic", "confirm"
]
ShowWhat = Literal["draft", "version", "diff", "history"]
ExportFormat = Literal["text", "markdown", "docx", "json"]
_I = re.IGNORECASE


class Understanding(BaseModel):
    """One message, understood. ``intent`` is the main thing it does; the other fields carry every part
    of it (a message may answer a question and ask for a shorter draft at once)."""

    model_config = ConfigDict(extra="forbid")

    intent: Intent
    answers: dict[str, str] = Field(default_factory=dict, description="question id -> the seller's words")
    skipped: list[str] = Field(default_factory=list, description="questions the seller cannot answer now")
    revise: str | None = Field(
        default=None, description="a revision instruction ('shorter', 'more formal', ...)"
    )
    policy_query: str | None = None
    show: ShowWhat | None = None
    versions: list[int] = Field(default_factory=list)
    revert_to: int | None = None
    export_format: ExportFormat | None = None
    confirm: str | None = Field(default=None, description="what to ask the seller to confirm")

    @property
    def intents(self) -> list[Intent]:
        """Every intent the message carries, the main one first."""
        found: list[Intent] = [self.intent]
        for name, present in (
            ("answer", bool(self.answers)),
            ("skip", bool(self.skipped)),
            ("revise", self.revise is not None),
            ("policy", self.policy_query is not None),
            ("show", self.show is not None),
            ("revert", self.revert_to is not None),
            ("export", self.export_format is not None),
        ):
            if present and name not in found:
                found.append(name)  # type: ignore[arg-type]
        return found


@dataclass
class ChatContext:
    """What the understanding needs to know about the case at this turn."""

    questions: Mapping[str, Question]
    pending: str | None = None  # the question the assistant asked last
    open_questions: Sequence[str] = ()  # every question still missing
    answered: Mapping[str, str] = field(default_factory=dict)
    versions: Sequence[int] = ()


# ----------------------------------------------------------------------------------------- tables

#: Common short forms and typos, replaced before reading (whole words).
_SHORT_FORMS: dict[str, str] = {
    "pls": "please",
    "plz": "please",
    "u": "you",
    "ur": "your",
    "r": "are",
    "thx": "thanks",
    "ty": "thanks",
    "whats": "what is",
    "what's": "what is",
    "wats": "what is",
    "wat": "what",
    "hw": "how",
    "dont": "don't",
    "cant": "can't",
    "wont": "won't",
    "im": "i'm",
    "ive": "i've",
    "abt": "about",
    "bc": "because",
    "cuz": "because",
    "b4": "before",
    "asap": "as soon as possible",
    "ppl": "people",
    "msg": "message",
    "ver": "version",
    "vers": "version",
    "docs": "documents",
    "doc": "document",
    "poa": "plan of action",
    "shorten": "shorter",
    "shortr": "shorter",
    "sorter": "shorter",
    "showw": "show",
    "hlep": "help",
    "stauts": "status",
    "satus": "status",
    "dealine": "deadline",
    "deadlne": "deadline",
    "formel": "formal",
    "reverse": "revert",
    "rever": "revert",
    "exprot": "export",
    "downlod": "download",
    "dwnload": "download",
}
_INJECTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\b[^.]{0,40}\b(?:previous|prior|above|earlier|all|your)\b[^.]{0,30}"
    r"\b(?:instructions?|rules?|prompts?|messages?)\b"
    r"|\b(?:system prompt|developer message|you are now|act as (?:an?|the) |pretend (?:to be|you are)"
    r"|jailbreak|new instructions?:)|\bprint (?:your|the) (?:prompt|instructions)\b",
    _I,
)
_STATUS = re.compile(
    r"^(?:status|progress|summary)\b|\bwhat(?: is|'s)? (?:missing|left|still needed|outstanding|next)\b"
    r"|\bhow (?:many|much)\b[^?]{0,30}\b(?:left|missing|days)\b|\bdeadline\b|\bdays left\b|\bwhen is it due\b"
    r"|\bwhere (?:are|am) (?:we|i)\b|\bam i (?:done|ready)\b|\bis (?:it|the (?:draft|plan)) ready\b"
    r"|\bchecklist\b|\bwhat do i (?:still )?(?:need|have) to (?:send|do)\b",
    _I,
)
_SHOW = re.compile(
    r"\b(?:show|see|view|display|print|read|open|let me see)\b[^.?!]{0,30}\b(?:draft|plan|letter|version|v\d+"
    r"|history|versions|it|text)\b|^(?:draft|plan|the plan|the draft)\W*$",
    _I,
)
_DIFF = re.compile(
    r"\b(?:diff|difference|differences|compare|changes? between|what changed|what did you change)\b", _I
)
_HISTORY = re.compile(r"\b(?:history|all versions|list (?:the )?versions|versions)\b", _I)
_VERSION = re.compile(r"\b(?:v|version|ver\.?|draft)\s*#?\s*(\d{1,3})\b", _I)
_REVERT = re.compile(r"\b(?:revert|roll ?back|go back|undo|restore|switch back|back to)\b", _I)
_EXPORT = re.compile(r"\b(?:export|download|save (?:it )?as|give me (?:a|the) (?:file|copy)|as a file)\b", _I)
_FORMATS: tuple[tuple[ExportFormat, str], ...] = (
    ("docx", r"\bdocx?\b|\bword\b"),
    ("markdown", r"\bmarkdown\b|\bmd\b"),
    ("json", r"\bjson\b"),
    ("text", r"\btext\b|\btxt\b|\bplain\b|\bcopy\b"),
)
_HELP = re.compile(
    r"^\W*(?:help|\?+|commands|menu|options)\W*$|\bwhat can you do\b|\bhow does this work\b|\bhow do i use\b",
    _I,
)
_REVISE = re.compile(
    r"\b(?:shorter|more concise|too long|cut (?:it )?down|trim|condense|longer|too short|more detail|more details"
    r"|more specific|expand|elaborate|more formal|less casual|formal tone|more professional|rewrite|redo"
    r"|reword|rephrase)\b|^(?:remove|delete|drop|take out)\b|\b(?:add|include) (?:this )?(?:fact|that)\b"
    r"|^(?:add|include) (?:to [\w ]+)?:",
    _I,
)
_POLICY = re.compile(
    r"\b(?:what (?:is|are|does|do)|how (?:do|does|long|many|much|can)|can i|do i need|does (?:amazon|ebay|walmart)"
    r"|is it (?:ok|okay|allowed)|am i allowed|should i|why (?:does|do|did|is)|which documents?|what counts"
    r"|what happens|explain|tell me about|difference between)\b",
    _I,
)
_POLICY_TOPIC = re.compile(
    r"\b(?:policy|policies|rule|rules|odr|order defect|late shipment|lsr|cancel|tracking|vtr|otdr|a-to-z|atoz"
    r"|chargeback|invoice|invoices|letter of authori[sz]ation|loa|retraction|rights owner|trademark|copyright"
    r"|patent|counterfeit|inauthentic|suspension|suspended|deactivat\w*|reinstat\w*|appeal|plan of action"
    r"|root cause|threshold|target|metric|window|account health|rating|ahr|utility bill|verification|section 3"
    r"|feedback|return|refund|condition|used|restricted|hazmat|recall|drop ?ship\w*|related account|review)\b",
    _I,
)
_CHANGE = re.compile(
    r"^\W*(?:actually|correction|sorry|oops|wait|no,|i meant|i mean|change|update|fix|correct)\b"
    r"|\b(?:should (?:be|say|read)|instead of|not \S+ but|change (?:it|that|the \w+) to|it was actually)\b",
    _I,
)
_OFF_TOPIC = re.compile(
    r"\b(?:weather|joke|recipe|football|movie|song|poem|bitcoin price|stock market|who are you|are you (?:a )?"
    r"(?:bot|human|real)|hello|hi there|good morning|how are you)\b",
    _I,
)
_THANKS = re.compile(r"^\W*(?:thanks|thank you|ok(?:ay)?|cool|great|got it|alright|fine|k)\W*$", _I)
#: Words that point at a question, for answers that name what they answer ("the owner is ...").
_TOPIC_WORDS: tuple[tuple[str, str], ...] = (
    ("common.owner", r"\b(?:owner|responsible|in charge|owns|person|manager|handles?)\b"),
    ("common.prevention_start", r"\b(?:start(?:ing|s|ed)?|since|from|in place|begin(?:s|ning)?|effective)\b"),
)
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "and",
        "or",
        "for",
        "on",
        "in",
        "at",
        "by",
        "with",
        "from",
        "what",
        "which",
        "who",
        "when",
        "how",
        "did",
        "do",
        "does",
        "you",
        "your",
        "is",
        "are",
        "was",
        "were",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "we",
        "our",
        "have",
        "has",
        "had",
        "be",
        "been",
        "any",
        "each",
        "every",
        "give",
        "name",
        "say",
        "please",
    ]
)


_GREETING = re.compile(r"^\W*(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|yo)(?: there)?\W*$", _I)


def _last_separator(text: str, before: int) -> int:
    """Where the clause that holds a revision starts ('..., and make it shorter'), or -1."""
    hits = [m.start() for m in re.finditer(r",|;|\band\b|\balso\b|\bthen\b|\bplus\b", text[:before], _I)]
    return hits[-1] if hits else -1


def _clean_instruction(text: str) -> str:
    text = re.sub(r"^[\s,;]*(?:and|also|then|plus)?\s*", "", text, flags=_I)
    return re.sub(r"^(?:please|pls|can you|could you)\s+", "", text, flags=_I).strip(" .!")


def _expand(text: str) -> str:
    def swap(m: re.Match[str]) -> str:
        word = m.group(0)
        return _SHORT_FORMS.get(word.lower(), word)

    return re.sub(r"[A-Za-z'’]+", swap, text)


def _fuzzy_command(text: str) -> str | None:
    """A one- or two-word command typed with a typo ('stauts', 'shrter', 'hepl')."""
    words = re.findall(r"[a-z]+", text.lower())
    if not 1 <= len(words) <= 3:
        return None
    for word in words:
        hit = difflib.get_close_matches(
            word, ["status", "shorter", "help", "export", "revert", "show", "formal"], 1, 0.8
        )
        if hit:
            return str(hit[0])
    return None


def _versions(text: str) -> list[int]:
    return [int(v) for v in _VERSION.findall(text)]


def _export_format(text: str) -> ExportFormat:
    for fmt, pattern in _FORMATS:
        if re.search(pattern, text, _I):
            return fmt
    return "text"


def _words(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in _STOP}


def _named_question(text: str, ctx: ChatContext) -> list[str]:
    """Questions the text names by topic ('the owner is', 'the supplier was') among those it may answer."""
    candidates = list(
        dict.fromkeys([*ctx.open_questions, *ctx.answered, *([ctx.pending] if ctx.pending else [])])
    )
    hits: list[str] = []
    for qid, pattern in _TOPIC_WORDS:
        if qid in candidates and re.search(pattern, text, _I):
            hits.append(qid)
    words = _words(text)
    scored = []
    for qid in candidates:
        q = ctx.questions.get(qid)
        if q is None or qid in hits:
            continue
        overlap = len(words & _words(f"{q.placeholder} {q.ask}"))
        if overlap >= 2:
            scored.append((overlap, qid))
    hits += [qid for _, qid in sorted(scored, reverse=True)[:1]]
    return hits


def _split_facts(text: str) -> list[str]:
    """'owner is Dana Reyes, ops manager and we start on 1 Dec' -> its clauses that name a topic."""
    parts = re.split(r"\s*(?:;|\band (?:the|we|our|it)\b|\balso\b|\.\s+)\s*", text)
    return [p.strip(" ,.") for p in parts if p and p.strip(" ,.")]


def _labelled(text: str, ctx: ChatContext) -> str | None:
    """The question a leading label names ('the owner is ...', 'start date: ...'), or None."""
    m = _LABEL.match(text)
    if m is None or len(m.group(1).split()) > 5:
        return None
    label = m.group(1)
    candidates = list(
        dict.fromkeys([*ctx.open_questions, *ctx.answered, *([ctx.pending] if ctx.pending else [])])
    )
    for qid, pattern in _TOPIC_WORDS:
        if qid in candidates and re.search(pattern, label, _I):
            return qid
    words = _words(label)
    if not words:
        return None
    best = [
        qid
        for qid in candidates
        if (q := ctx.questions.get(qid)) is not None and words <= _words(f"{q.placeholder} {q.ask}")
    ]
    return best[0] if len(best) == 1 else None


def _answers_for(text: str, ctx: ChatContext) -> tuple[dict[str, str], str | None]:
    """Answers in a message: to the question just asked, or to the questions it names; (answers, confirm)."""
    clauses = _split_facts(text)
    if len(clauses) > 1:
        found: dict[str, str] = {}
        for clause in clauses:
            named = [q] if (q := _labelled(clause, ctx)) else _named_question(clause, ctx)
            if len(named) == 1 and named[0] not in found:
                found[named[0]] = clause
        if len(found) >= 2:
            return found, None
    body = _strip_change_words(text)
    labelled = _labelled(body, ctx)
    if labelled is not None:
        return {labelled: body}, None
    named = _named_question(text, ctx)
    if _CHANGE.search(text) and len(named) == 1:
        return {named[0]: text}, None
    if ctx.pending:
        return {ctx.pending: text}, None
    if len(named) == 1:
        return {named[0]: text}, None
    if _CHANGE.search(text) and find_dates(text, None):
        dated = [q for q in ctx.answered if ctx.questions.get(q) and ctx.questions[q].expects == "date"]
        if len(dated) == 1:
            return {dated[0]: text}, None
    if named:
        shown = ", ".join(ctx.questions[q].placeholder for q in named if q in ctx.questions)
        return {}, f"Which does this answer: {shown}?"
    return (
        {},
        "Which question does this answer? Reply with the fact and what it is about (for example 'owner: ...').",
    )


def _strip_change_words(text: str) -> str:
    return re.sub(
        r"^\W*(?:actually|correction|sorry|oops|wait|no|i meant|i mean)\W+", "", text, flags=_I
    ).strip()


_LABEL = re.compile(
    r"^\s*(?:the\s+|our\s+)?([A-Za-z][\w' -]{1,40}?)\s*(?:\bis\b|\bwas\b|\bare\b|\bwill be\b|:|=|\s-\s)\s*(.+)$",
    _I,
)


def _strip_label(value: str, qid: str, ctx: ChatContext) -> str:
    """'owner is Dana Reyes' answering the owner question -> 'Dana Reyes' (the label names the question)."""
    m = _LABEL.match(value)
    if m is None:
        return value
    label = m.group(1)
    topic = dict(_TOPIC_WORDS).get(qid)
    question = ctx.questions.get(qid)
    named = (topic is not None and re.search(topic, label, _I)) or (
        question is not None
        and _words(label)
        and _words(label) <= _words(f"{question.placeholder} {question.ask} date")
    )
    return m.group(2).strip() if named else value


def understand(message: str, ctx: ChatContext) -> Understanding:
    """Read one seller message with the offline rules."""
    raw = " ".join(message.split())
    text = _expand(raw)
    if not text:
        return Understanding(intent="help")
    if _INJECTION.search(text):
        return Understanding(intent="off_topic")
    command = _fuzzy_command(text) if len(text) <= 24 else None
    if _HELP.search(text) or command == "help":
        return Understanding(intent="help")
    versions = _versions(text)
    if _REVERT.search(text) and (versions or re.search(r"\bundo\b|\bprevious\b|\blast\b", text, _I)):
        target = versions[0] if versions else (ctx.versions[-2] if len(ctx.versions) >= 2 else None)
        if target is None:
            return Understanding(intent="confirm", confirm="Which version should I go back to?")
        return Understanding(intent="revert", revert_to=target)
    if _EXPORT.search(text) or command == "export":
        return Understanding(intent="export", export_format=_export_format(text))
    if _DIFF.search(text):
        numbers = versions or [int(n) for n in re.findall(r"\b(\d{1,3})\b", text)]
        return Understanding(intent="show", show="diff", versions=numbers[:2])
    if _SHOW.search(text) or command == "show":
        what: ShowWhat = (
            "history" if _HISTORY.search(text) and not versions else ("version" if versions else "draft")
        )
        return Understanding(intent="show", show=what, versions=versions[:1])
    if _STATUS.search(text) or command == "status":
        return Understanding(intent="status")
    if _GREETING.match(text):
        return Understanding(intent="help")
    extra_revise = None
    revise_hit = _REVISE.search(text)
    if revise_hit is not None or command in ("shorter", "formal"):
        instruction = (
            text if revise_hit is not None else ("shorter" if command == "shorter" else "more formal")
        )
        cut = _last_separator(text, revise_hit.start()) if revise_hit is not None else -1
        before = text[:cut].strip(" ,.;") if cut > 0 else ""
        if before and ctx.pending and not _POLICY.search(before) and len(before.split()) >= 2:
            # "owner is Dana Reyes, and make it shorter": an answer, then a revision
            extra_revise = _clean_instruction(text[cut:])
            text = before
        else:
            return Understanding(intent="revise", revise=_clean_instruction(instruction))
    if (
        extra_revise is None
        and text.rstrip().endswith("?")
        and (_POLICY.search(text) or _POLICY_TOPIC.search(text))
    ):
        return Understanding(intent="policy", policy_query=text)
    if extra_revise is None and _POLICY.match(text) and _POLICY_TOPIC.search(text) and not ctx.pending:
        return Understanding(intent="policy", policy_query=text)
    if SKIP_WORDS.match(text) or re.fullmatch(
        r"\W*(?:skip(?: (?:it|this|that|for now))?|next|pass|later|no idea|not now)\W*", text, _I
    ):
        skipped = [ctx.pending] if ctx.pending else []
        return Understanding(intent="skip", skipped=skipped)
    if _THANKS.match(text) and extra_revise is None:
        return Understanding(intent="help") if not ctx.pending else Understanding(intent="status")
    if _OFF_TOPIC.search(text) and not ctx.pending:
        return Understanding(intent="off_topic")
    if extra_revise is None and text.rstrip().endswith("?") and not ctx.pending:
        return Understanding(intent="policy", policy_query=text)
    answers, confirm = _answers_for(text, ctx)
    if confirm is not None and not answers:
        return Understanding(intent="confirm", confirm=confirm, revise=extra_revise)
    cleaned = {qid: _strip_label(_strip_change_words(value), qid, ctx) for qid, value in answers.items()}
    return Understanding(intent="answer", answers=cleaned, revise=extra_revise)
