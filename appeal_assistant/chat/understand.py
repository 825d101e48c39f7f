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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from appeal_assistant.chat.cues import _TO_ASSISTANT, command_intent, fact_weight
from appeal_assistant.chat.route import best_question, fits_kind, kind_switch, score_of
from appeal_assistant.drafting.answers import SKIP_WORDS, find_dates
from appeal_assistant.drafting.playbook import Question
from appeal_assistant.drafting.response import STEP_PLACEHOLDER

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
    # common misspellings of the words facts are routed by
    "adress": "address",
    "adresses": "addresses",
    "addres": "address",
    "recieved": "received",
    "recieve": "receive",
    "seperate": "separate",
    "seperated": "separated",
    "buisness": "business",
    "bussiness": "business",
    "acount": "account",
    "acounts": "accounts",
    "invoce": "invoice",
    "invoces": "invoices",
    "suplier": "supplier",
    "supplyer": "supplier",
    "shiping": "shipping",
    "traking": "tracking",
    "warehose": "warehouse",
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
    r"\b(?:ignore|disregard|forget|override|bypass)\b[^.]{0,40}\b(?:previous|prior|above|earlier|all|your|everything"
    r"|these)\b[^.]{0,30}\b(?:instructions?|rules?|prompts?|messages?|directions?|directives?|above|said)\b"
    r"|\bignore (?:everything|all of the|all that|the above|what)\b"
    r"|\b(?:system prompt|developer message|you are now|from now on,? (?:you|answer|act|respond|reply|write)"
    r"|act as (?:an?|the|my) |pretend (?:to be|you are|that|the )|jailbreak|(?:new|updated|your new) (?:task|instructions?"
    r"|directives?|rules?)\s*:|print (?:your|the) (?:prompt|instructions))"
    r"|\b(?:dear |hey |hi )?assistant\s*[,:]|\bthe assistant (?:must|should|shall|is (?:now )?(?:required|allowed))\b"
    r"|\b(?:disable|turn off|skip|remove) (?:the |your )?(?:fact[- ]?check|review|checks|safety)\b"
    r"|\b(?:internal note|developer|admin override|per policy \d)\b"
    r"|^\W*(?:message from |note from )?(?:amazon|ebay|walmart)[\w &]{0,40}(?:<[^>]*>)?\s*:"
    r"|^\W*(?:system|admin|developer|root)\s*:|\byou are (?:now )?(?:chatgpt|gpt|an? (?:amazon|ebay|walmart) \w+|my)\b"
    r"|\byou are \w+ now\b"
    r"|\b(?:generate|make|create|write|forge)\b[^.]{0,20}\b(?:fake|false|forged)\b"
    r"|\b(?:fake|forged) (?:invoice|statement|receipt|document|bill|letter)s?\b"
    r"|\bignore (?:the|this|that) (?:recall|notice|complaint|rules?|polic(?:y|ies)|facts?|data|review)\b"
    r"|\bignore (?:the |all |any )?(?:amazon|ebay|walmart|marketplace)?\s?(?:rules?|polic(?:y|ies)|guidelines)\b"
    r"|^\W*attention,? (?:ai|assistant|bot|model|gpt|chatbot)\b|\b(?:dear|hey|attention) (?:ai|bot|gpt|chatbot)\b",
    _I,
)
_STATUS = re.compile(
    r"^(?:status|progress|summary)\b|\bwhat(?: is|'s)? (?:still )?(?:missing|left|needed|outstanding|next)\b"
    r"|\bhow (?:many|much)\b[^?]{0,30}\b(?:left|missing|days|time)\b|\bdeadline\b|\bdays left\b|\bwhen is it due\b"
    r"|\bwhere (?:are|am) (?:we|i)\b|\bam i (?:done|ready)\b|\bis (?:it|the (?:draft|plan)) ready\b"
    r"|\bchecklist\b|\bwhat do i (?:still )?(?:need|have) to (?:send|do)\b|\bwhat else do you need\b"
    r"|\b(?:do i (?:still )?have (?:enough )?time|how much time|is it too late|still (?:have )?time)\b"
    r"|\bhow far (?:along|are we)\b|\bwhat do you (?:still )?need\b|\bhow many (?:more )?questions\b"
    r"|\bare we (?:nearly |almost )?(?:done|finished|ready|there|good|complete)\b|\bwhat still you need\b"
    r"|\banything else (?:you need|needed|missing|left|to (?:do|send|answer))\b|\bhow close are we\b"
    r"|\bcan i send it(?: now)?\b|\bis (?:it|this|everything) (?:done|complete|finished)\b",
    _I,
)
_SHOW = re.compile(
    r"\b(?:show|see|view|display|print|read|open|let me see)\b[^.?!]{0,30}\b(?:draft|plan|letter|version|v\d+"
    r"|history|versions|it|text)\b|^(?:draft|plan|the plan|the draft|history|versions)\W*$|\blet me see\b"
    r"|\bwhat(?: is|'s)? in the (?:draft|plan)\b|\bwhat (?:do|did) you have so far\b",
    _I,
)


def _tells_a_fact(text: str) -> bool:
    """A long message that reads as a fact of the case and is not addressed to the assistant."""
    return len(text.split()) >= 12 and fact_weight(text) >= 2.5 and not _TO_ASSISTANT.search(text)


_DIFF = re.compile(
    r"\b(?:diff|difference|differences|compare|changes? between|what changed|what did you change)\b", _I
)
_HISTORY = re.compile(r"\b(?:history|all versions|list (?:the )?versions|versions)\b", _I)
_VERSION = re.compile(r"\b(?:v|version|ver\.?|draft)\s*#?\s*(\d{1,3})\b", _I)
_REVERT = re.compile(
    r"\b(?:revert|roll ?back|go back|undo|restore|switch back|(?<!come )back to|put it back|change it back)\b",
    _I,
)
_ORDINALS = {"first": 1, "original": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}
_EXPORT = re.compile(
    r"\b(?:export|download|save (?:it )?as|give me (?:a|the) (?:file|copy)|as a file"
    r"|(?:send|give|get|want|need)\b[^.]{0,20}\bas (?:an? )?(?:word|docx?|pdf|markdown|md|json|text|txt) ?(?:file|doc|document)?)\b"
    r"|^\W*(?:a |the )?(?:pdf|docx?|word(?: file| doc| version)?|markdown|json|txt)\b(?: (?:please|pls|version|file))?\W*$"
    r"|\b(?:send|give|get|want|need|email)\b(?: me)?[^.]{0,12}\b(?:the|a|an|my)\s+(?:final )?(?:docx?|pdf|word (?:file|doc|version)"
    r"|file|document|text to copy|copy(?: of (?:it|the (?:plan|draft)))?)\b|\bcan i (?:get|have) (?:a|the|it as a)? ?(?:docx?|pdf|word|file)\b"
    r"|\b(?:give|send|get|have|want|need)\b[^.?]{0,20}\b(?:the |a |an |it (?:in|as) )(?:json|markdown|md|docx?|pdf|word|txt)\b",
    _I,
)
_FORMATS: tuple[tuple[ExportFormat, str], ...] = (
    ("docx", r"\bdocx?\b|\bword\b"),
    ("markdown", r"\bmarkdown\b|\bmd\b"),
    ("json", r"\bjson\b"),
    ("text", r"\btext\b|\btxt\b|\bplain\b|\bcopy\b"),
)
_HELP = re.compile(
    r"^\W*(?:help|commands|menu|options)\b|^\s*\?+\s*$|\bwhat can you do\b|\bhow does this work\b|\bhow do i use\b"
    r"|\bwhat (?:do|should|can) i (?:type|write|say|answer|put|ask)(?: (?:here|now))?\b|\bwhat are my options\b",
    _I,
)
_REVISE = re.compile(
    r"\b(?:shorter|more concise|too long|cut (?:it )?down|trim|condense|longer|too short|more detail|more details"
    r"|more specific|expand|elaborate|more formal|less casual|formal tone|more professional|rewrite|redo"
    r"|reword|rephrase|less wordy|too wordy|wordy|tone|too apologetic|less apologetic|sound (?:more|less)"
    r"|in (?:french|german|spanish|italian|english|dutch|polish))\b|^(?:remove|delete|drop|take out)\b"
    r"|\b(?:add|include) (?:this )?(?:fact|that)\b|^(?:add|include) (?:to [\w ]+)?:"
    r"|\b(?:do not|don'?t|dont) (?:mention|say|name|include)\b|\bremove (?:that|this|it|the \w+)\b"
    r"|\bless (?:formal|stiff|legal)\b|\bmore (?:simple|casual|friendly|human|natural)\b|\bsimple (?:english|words)\b"
    r"|\btoo many (?:sorr(?:y|ies)|apolog\w*|words)\b|\b(?:drop|cut|lose|delete) the (?:bit|part|line|sentence|paragraph)\b"
    r"|\bsounds? like (?:a |an )?(?:lawyer|robot|template|machine|ai)\b"
    r"|\b(?:fluff|simplify|simpler|less technical|plainer|clearer|sound (?:better|stronger|more \w+)|polish|improve the"
    r" wording|make it (?:better|clearer|stronger|simpler|more \w+|less \w+))\b",
    _I,
)
_QUESTION_START = re.compile(
    r"^\W*(?:what|how|why|when|where|which|who|whom|whose|is|are|was|were|do|does|did|will|would|should"
    r"|shall|may|must|am|have|has|(?:can|could)(?= (?:i|you|we|they|it|amazon|ebay|walmart|my|the|a|an|this|that)\b))\b",
    _I,
)
_POLICY = re.compile(
    r"\b(?:what (?:is|are|does|do)|how (?:do|does|long|many|much|can)|can i|do i need|does (?:amazon|ebay|walmart)"
    r"|is it (?:ok|okay|allowed)|am i allowed|should i|why (?:does|do|did|is)|which documents?|what counts"
    r"|what happens|explain|tell me about|difference between|what if)\b",
    _I,
)
_POLICY_TOPIC = re.compile(
    r"\b(?:policy|policies|rule|rules|odr|order defect|late shipment|lsr|cancel\w*|tracking|vtr|otdr|a-to-z|atoz"
    r"|chargeback|invoices?|letter of authori[sz]ation|loa|retraction|rights owner|trademark|copyright"
    r"|patent|counterfeit|inauthentic|suspension|suspended|deactivat\w*|reinstat\w*|appeal|plan of action"
    r"|root cause|threshold|target|metric|window|account health|rating|ahr|utility bill|verification|section 3"
    r"|feedback|returns?|refunds?|condition|used|restricted|hazmat|recall|drop ?ship\w*|related account|reviews?"
    r"|amazon|ebay|walmart|seller|statement|documents?|photos?|pics?|passport|licen[cs]e|bank|card|video call"
    r"|asins?|listings?|prices?|supplier|liquidator|stock|inventory|money|funds|shipping|carrier|label|below standard"
    r"|top rated|account|orders?|buyers?|customers?|complaints?|ban\w*|days?)\b",
    _I,
)
#: '... is that a problem', 'is it ok': a question, wherever it sits in the message.
_IS_IT_OK = re.compile(
    r"\b(?:is|would|will) (?:that|this|it) (?:be )?(?:a problem|ok|okay|fine|enough|acceptable|allowed|an issue)\b"
    r"|\bis that (?:right|correct|normal)\b",
    _I,
)
#: 'the 5th', '5th not 3rd': a day of the month on its own (a correction of a date answer).
_BARE_DAY = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)\b", _I)
_CHANGE = re.compile(
    r"^\W*(?:actually|correction|sorry|oops|wait|no,|i meant|i mean|change|update|fix|correct)\b"
    r"|\b(?:should (?:be|say|read)|instead of|not \S+ but|change (?:it|that|the \w+) to|it was actually)\b",
    _I,
)
#: Requests for buyers' personal data, or to invent facts or reviews: never done, answered as off-topic.
_NEVER = re.compile(
    r"\b(?:names?|e-?mails?|(?:e-?mail |home |shipping |full )?address(?:es)?|phone(?: numbers?)?|contact details|numbers)\b"
    r"[^.?]{0,60}\b(?:buyers?|customers?|people who)\b|\b(?:buyer|customer)'?s'? (?:e-?mail|address|phone|name|number)\b"
    r"|\b(?:invent|make up|fabricate|come up with) (?:a |an |some )?(?:reason|story|excuse|cause|something)\b"
    r"|\bwrite (?:me )?(?:\d+ |some |a few )?(?:glowing |fake |positive |5[- ]star )?reviews\b",
    _I,
)
_OFF_TOPIC = re.compile(
    r"\b(?:weather|joke|recipe|football|movie|song|poem|bitcoin price|stock market|who are you|are you (?:a )?"
    r"(?:bot|human|real)|how are you|lol|lmao|my cat|my dog|accountant|lawyer for|dinner|lunch)\b",
    _I,
)
_THANKS = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|great|perfect|cool)[,!. ]+)?(?:thanks?|thank you|thx|ty|cheers|merci|danke|gracias|grazie"
    r"|te[sş]ekk[uü]rler)\b[\w ,!.']{0,40}$",
    _I,
)
_ACK = re.compile(
    r"^\W*(?:ok(?:ay)?|yes|yep|yeah|correct|right|sure|fine|good|great|perfect|cool|got it|alright|k|c'?est bon"
    r"|looks (?:good|fine|ok|great)(?: to me)?|that'?s (?:right|correct|fine|good)|sounds good|lgtm)(?:[\s,.!]+(?:looks (?:good|fine)"
    r"|that'?s (?:right|correct|fine)|thanks|c'?est bon|correct|good|fine))*\W*$",
    _I,
)
_SKIP_START = re.compile(
    r"^\W*(?:idk|i (?:do ?n[o']?t|dont) know|(?:do ?n[o']?t|dont) know(?: yet)?|dunno|no idea|no clue|not sure|unsure|skip"
    r"|pass|later|not now|come back (?:to|later)|i(?:'ll| will) (?:find out|check|ask|look)|(?:need|have) to (?:check|ask|look|find)"
    r"|(?:ca|do)n'?t remember|can ?not remember|not yet sure|let me (?:check|find out|ask)"
    r"|can we (?:do|skip|come back)|next question"
    r"|i (?:do ?n[o']?t|dont) (?:want|wish) to (?:say|tell|share|answer|give|hand out|disclose|reveal)"
    r"|je ne sais pas|keine ahnung|no lo s[eé]|non lo so|rather not say|prefer not to"
    r"|wei(?:ß|ss) (?:ich )?nicht|ich wei(?:ß|ss) (?:es )?nicht|bilmiyorum|n[aã]o sei|nie wiem|geen idee)(?!\w)",
    _I,
)
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


_GREETING = re.compile(
    r"^\W*(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|yo|hallo|hola|bonjour|salut|ciao|merhaba|servus"
    r"|moin)(?: there| again)?\W*$",
    _I,
)


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


def _split_facts(text: str) -> list[str]:
    """'owner is Dana Reyes, ops manager and we start on 1 Dec' -> its clauses."""
    parts = re.split(
        r"\s*(?:;|\band (?:the|we|our|it|he|she|they)\b|\balso\b|\.\s+|,\s*(?=(?:and |then )?(?:he|she|they|we|i)\s)"
        r"|,\s*(?=(?:we |i )?(?:changed|switched|moved|refunded|removed|closed|stopped|started|replaced|set|sent)\b))\s*",
        text,
        flags=_I,
    )
    return [p.strip(" ,.") for p in parts if p and p.strip(" ,.")]


def _labelled(text: str, ctx: ChatContext) -> str | None:
    """The question a leading label names ('the owner is ...', 'start date: ...'), or None."""
    m = _LABEL.match(text)
    if m is None:
        return None
    label = re.sub(r"^(?:actually|so|and|ok|the|our|my)\s+", "", m.group(1).strip(), flags=_I)
    if len(label.split()) > 3:
        return None  # 'the owner of that account is ...' is a fact about something else, not a label
    candidates = list(
        dict.fromkeys([*ctx.open_questions, *ctx.answered, *([ctx.pending] if ctx.pending else [])])
    )
    for qid, pattern in _TOPIC_WORDS:
        if qid in candidates and re.search(pattern, label, _I) and len(label.split()) <= 2:
            return qid
    words = _words(label)
    if not words:
        return None
    best = [
        qid
        for qid in candidates
        if (q := ctx.questions.get(qid)) is not None and words <= _words(f"{q.placeholder} {q.ask}")
    ]
    exact = [q for q in best if q.split(".", 1)[-1] in {w.lower() for w in label.split()}]
    if len(exact) == 1:
        return exact[0]
    return best[0] if len(best) == 1 else None


def _candidates(ctx: ChatContext) -> list[str]:
    return list(dict.fromkeys([*([ctx.pending] if ctx.pending else []), *ctx.open_questions, *ctx.answered]))


def _moved_day(text: str, old: str) -> str:
    """'it was the 5th not the 3rd' with 2026-03-03 answered before -> 2026-03-05 (else the words as said)."""
    day = _BARE_DAY.search(text)
    iso = re.fullmatch(r"\s*(\d{4})-(\d{2})-(\d{2})\s*", old)
    if day is None or iso is None or find_dates(text, None):
        return text
    try:
        return date(int(iso[1]), int(iso[2]), int(re.sub(r"\D", "", day.group(0)))).isoformat()
    except ValueError:
        return text


def _answers_for(text: str, ctx: ChatContext) -> tuple[dict[str, str], str | None]:
    """Answers in a message: to the questions it names or whose content it gives, else the pending one."""
    candidates = _candidates(ctx)
    clauses = _split_facts(text)
    if len(clauses) > 1:
        found: dict[str, str] = {}
        last: str | None = None
        for clause in clauses:
            labelled = _labelled(clause, ctx)
            target = labelled or best_question(clause, ctx.pending, candidates, ctx.questions)
            if labelled is None and target is not None:
                fit = score_of(clause, target, ctx.questions)
                if fit < 1.0 and last is not None:
                    target = last  # a clause with no signal of its own goes on with the one before it
                elif target == ctx.pending and not fits_kind(clause, target, ctx.questions):
                    other = best_question(
                        clause, None, [q for q in candidates if q != ctx.pending], ctx.questions
                    )
                    target = (
                        other if other is not None and score_of(clause, other, ctx.questions) >= 1.0 else last
                    )
                elif (
                    target != ctx.pending
                    and fit < 3.0
                    and not kind_switch(clause, target, ctx.pending, ctx.questions)
                ):
                    target = ctx.pending  # only a confident fit takes a clause away from the question asked
            if target is not None:
                found[target] = f"{found[target]}, {clause}" if target in found else clause
                last = target
        if len(found) >= 2:
            return found, None
    body = _strip_change_words(text)
    labelled = _labelled(body, ctx)
    if labelled is not None:
        return {labelled: body}, None
    if _CHANGE.search(text) and (find_dates(text, None) or _BARE_DAY.search(text)):
        dated = [q for q in ctx.answered if ctx.questions.get(q) and ctx.questions[q].expects == "date"]
        if len(dated) == 1:
            return {dated[0]: _moved_day(text, ctx.answered[dated[0]])}, None
    target = best_question(body, ctx.pending, candidates, ctx.questions)
    if (
        target is not None
        and ctx.pending
        and target != ctx.pending
        and ctx.pending.startswith("ask.")
        and not target.startswith("ask.")
        and ctx.pending in ctx.questions
        and ctx.questions[ctx.pending].placeholder == STEP_PLACEHOLDER  # a step, not a document or question
        and score_of(body, ctx.pending, ctx.questions) >= 2.0
    ):
        # the notice asked for this step and the fact also fits a question of the plan: it answers both
        return {ctx.pending: text, target: text}, None
    if target is not None:
        return {target: text}, None
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


_GIBBERISH = re.compile(r"^\W*[b-df-hj-np-tv-z]*[a-z]?[b-df-hj-np-tv-z]{4,}[a-z]*\W*$|^[\W\d_]+$", _I)


def _revert_target(text: str, versions: Sequence[int], ctx: ChatContext) -> int | None:
    if versions:
        return versions[0]
    bare = re.search(r"\b(?:to|back|restore|revert)\s+(?:the\s+)?(?:version\s+)?(\d{1,3})\b", text, _I)
    if bare:
        return int(bare.group(1))
    for word, number in _ORDINALS.items():
        if re.search(rf"\b{word}\b", text, _I):
            return number
    if re.search(
        r"\b(?:undo|previous|last|before|a minute ago|put it back|change it back|go back|revert)\b", text, _I
    ):
        return ctx.versions[-2] if len(ctx.versions) >= 2 else None
    return None


def understand(message: str, ctx: ChatContext) -> Understanding:
    """Read one seller message with the offline rules."""
    raw = " ".join(message.split())
    text = _expand(raw)
    if not text:
        return Understanding(intent="help")
    if _INJECTION.search(text):
        return Understanding(intent="off_topic")
    if _HELP.search(text):
        return Understanding(intent="help")
    if _GIBBERISH.match(text) and not re.search(r"\d", text):
        return Understanding(intent="off_topic")
    command = _fuzzy_command(text) if len(text) <= 24 else None
    if _NEVER.search(text):
        return Understanding(intent="off_topic")
    if _THANKS.match(text) or _GREETING.match(text):
        return Understanding(intent="help")
    if _ACK.match(text):
        pending = ctx.questions.get(ctx.pending) if ctx.pending else None
        if (
            pending is not None
            and pending.expects == "yes_no"
            and re.match(r"^\W*(?:yes|yep|yeah)\b", text, _I)
        ):
            return Understanding(intent="answer", answers={ctx.pending: "yes"})
        return Understanding(intent="confirm", confirm="Noted.")
    if _HELP.search(text) or command == "help":
        return Understanding(intent="help")
    versions = _versions(text)
    # 'the listing stayed open until it was removed': a fact, whatever its words; commands are not read in it
    commands = not _tells_a_fact(text)
    if commands and (_REVERT.search(text) or command == "revert"):
        target = _revert_target(text, versions, ctx)
        if target is None:
            return Understanding(intent="confirm", confirm="Which version should I go back to?")
        return Understanding(intent="revert", revert_to=target)
    if commands and (_EXPORT.search(text) or command == "export"):
        return Understanding(intent="export", export_format=_export_format(text))
    if commands and _DIFF.search(text):
        numbers = [int(n) for n in re.findall(r"(?:\bv|\b)(\d{1,3})\b", text, flags=_I)]
        return Understanding(intent="show", show="diff", versions=numbers[:2])
    if commands and (_SHOW.search(text) or command == "show"):
        what: ShowWhat = (
            "history" if _HISTORY.search(text) and not versions else ("version" if versions else "draft")
        )
        return Understanding(intent="show", show=what, versions=versions[:1])
    if commands and (_STATUS.search(text) or command == "status"):
        return Understanding(intent="status")
    after = text.split("?", 1)[1] if "?" in text else ""
    # 'why was it on sale? bc nobody checks ...': the seller asks and answers; 'is it X? will Y' asks twice
    before_q = text.split("?", 1)[0]
    answered_itself = (
        len(re.findall(r"[a-z]+", after, _I)) >= 4
        and "?" not in after
        and not _QUESTION_START.match(after.strip())
        # 'does a late scan count against me? DHL scans next day' asks (a yes/no question to us); 'why was
        # it on sale? bc nobody checks' repeats the question and answers it
        and not re.match(
            r"^\W*(?:wait|so|btw|ok|and|but)?\W*(?:do|does|did|can|could|should|must|is|are|am|will|would|have|has)\b",
            before_q,
            _I,
        )
    )
    asking = (text.rstrip().endswith("?") or _QUESTION_START.match(text) is not None) and not answered_itself
    if _IS_IT_OK.search(text):
        asking = True
    cue = command_intent(text)
    if asking and cue in ("show", "export", "status", "revise", "skip"):
        return _cued(cue, text, ctx)
    if (
        asking
        and _QUESTION_START.match(text)
        and not _POLICY_TOPIC.search(text)
        and not re.search(r"\b(?:we|our|i|my|me)\b", text, _I)
    ):
        return Understanding(intent="off_topic")
    if asking and _POLICY_TOPIC.search(text) and not _REVISE.search(text):
        return Understanding(intent="policy", policy_query=text)
    if asking and _QUESTION_START.match(text) and not ctx.pending:
        return Understanding(
            intent="off_topic" if _OFF_TOPIC.search(text) else "policy",
            policy_query=None if _OFF_TOPIC.search(text) else text,
        )
    if _QUESTION_START.match(text) and _OFF_TOPIC.search(text):
        return Understanding(intent="off_topic")
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
    if extra_revise is None and (SKIP_WORDS.match(text) or _SKIP_START.match(text)):
        return Understanding(intent="skip", skipped=[ctx.pending] if ctx.pending else [])
    cued = command_intent(text) if extra_revise is None else None
    if cued is not None:
        return _cued(cued, text, ctx)
    if _OFF_TOPIC.search(text) and not _substantive(text):
        return Understanding(intent="off_topic")
    answers, confirm = _answers_for(text, ctx)
    if confirm is not None and not answers:
        return Understanding(intent="confirm", confirm=confirm, revise=extra_revise)
    cleaned = {qid: _strip_label(_strip_change_words(value), qid, ctx) for qid, value in answers.items()}
    return Understanding(intent="answer", answers=cleaned, revise=extra_revise)


def _cued(intent: str, text: str, ctx: ChatContext) -> Understanding:
    """The Understanding for a command found by the cue tables (the rules did not catch its wording)."""
    if intent == "export":
        return Understanding(
            intent="export",
            export_format=_export_format(text)
            if _EXPORT_WORD.search(text)
            else "docx"
            if re.search(r"\b(?:docs?|word|print)\b", text, _I)
            else "text",
        )
    if intent == "show":
        versions = _versions(text)
        if re.search(r"\bchang", text, _I):
            return Understanding(intent="show", show="diff", versions=versions[:2])
        return Understanding(intent="show", show="version" if versions else "draft", versions=versions[:1])
    if intent == "skip":
        return Understanding(intent="skip", skipped=[ctx.pending] if ctx.pending else [])
    if intent == "revise":
        return Understanding(intent="revise", revise=_clean_instruction(text))
    if intent == "status":
        return Understanding(intent="status")
    return Understanding(intent="off_topic")


_EXPORT_WORD = re.compile(r"\b(?:docx?|word|markdown|md|json|txt|text)\b", _I)


def _substantive(text: str) -> bool:
    """A message that states a fact of the case (a number, a date, an id, or a plan word), not just chatter."""
    return bool(re.search(r"\d", text)) or _POLICY_TOPIC.search(text) is not None


def _from_intent(intent: str, text: str, ctx: ChatContext) -> Understanding:
    """The Understanding for an intent the meaning model chose (its slots read by the same rules)."""
    if intent in ("export", "show", "skip", "revise", "status"):
        return _cued(intent, text, ctx)
    if intent == "policy":
        return Understanding(intent="policy", policy_query=text)
    if intent == "revert":
        target = _revert_target(text, _versions(text), ctx)
        if target is None:
            return Understanding(intent="confirm", confirm="Which version should I go back to?")
        return Understanding(intent="revert", revert_to=target)
    if intent == "confirm":
        return Understanding(intent="confirm", confirm="Noted.")
    return Understanding(intent="help" if intent == "help" else "off_topic")


IntentScorer = Callable[[str], "dict[str, float] | None"]


def with_meaning(
    base: Callable[[str, ChatContext], Understanding] = understand,
    scorer: IntentScorer | None = None,
    router: Callable[[str, dict[str, str], str | None, str | None], str | None] | None = None,
) -> Callable[[str, ChatContext], Understanding]:
    """``base`` (the rules), with the intent model's say where the rules fall back to 'an answer'.

    ``scorer`` gives each intent's probability for a message (default: ``intent_model.intent_scores``)."""
    from appeal_assistant.chat.intent_model import OVERRIDE, closest_question, intent_scores

    score = scorer or intent_scores
    route = router if router is not None else (closest_question if scorer is None else None)

    def read(message: str, ctx: ChatContext) -> Understanding:
        got = base(message, ctx)
        if got.intent != "answer" or got.revise is not None:
            return got
        text = _expand(" ".join(message.split()))
        target = next(iter(got.answers), None)
        if (
            route is not None
            and len(got.answers) == 1
            and target not in ctx.answered  # a correction of an earlier answer stays with it
            and not _labelled(_strip_change_words(text), ctx)
        ):
            # one fact: the question nearest in meaning takes it (the pending one with a head start)
            candidates = {
                q: f"{ctx.questions[q].ask} {ctx.questions[q].placeholder} {ctx.questions[q].example}"
                for q in _candidates(ctx)
                if q in ctx.questions and q not in ctx.answered
            }
            nearest = route(text, candidates, ctx.pending, target)
            if nearest is not None and nearest not in got.answers:
                value = next(iter(got.answers.values()))
                got = got.model_copy(update={"answers": {nearest: value}})
        if fact_weight(text) >= 3.0 and not text.rstrip().endswith("?"):
            return got  # it tells what happened or what was done: an answer, whatever the model makes of it
        scores = score(text)
        if not scores:
            return got
        best = max(scores, key=lambda k: scores[k])
        if best == "answer" or scores[best] < OVERRIDE or scores[best] < scores["answer"] + 0.15:
            return got
        asks = text.rstrip().endswith("?") or _QUESTION_START.match(text) or _POLICY.search(text)
        if best == "policy" and not asks:
            return got  # a statement is not a question about policy
        return _from_intent(best, text, ctx)

    return read
