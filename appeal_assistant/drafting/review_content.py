"""What the reviewer judges beyond phrases: the notice's asks covered, causes answered by actions and
measures, specific facts, template sentences, and blame in any phrasing.

Sources: knowledge/plan-of-action-common-rejections.md (REJ: vague causes, generic prevention,
templated text, blame, lumping issues together), knowledge/plan-of-action-how-to-write.md (HOW: one
cause per issue answered by dated actions and owned controls), DOMAIN.md §4-5 (every ask answered).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from appeal_assistant.models import AskKind, IssueKind, Notice, PlanPart
from appeal_assistant.notice.asks import DOCUMENT_RULES

__all__ = [
    "BLAME_PATTERNS",
    "BOILERPLATE",
    "Unit",
    "blame_in",
    "content_words",
    "is_boilerplate",
    "is_specific",
    "link_gaps",
    "uncovered_asks",
]

_I = re.IGNORECASE
Unit = tuple[str, IssueKind | None, PlanPart | None]

# --------------------------------------------------------------------------- blame in any phrasing

#: Someone other than the seller: the marketplace and its systems, buyers, carriers (by name too),
#: warehouses, suppliers, staff and contractors, competitors, software, the weather (REJ: blame).
_ACTOR = (
    r"(?:amazon|ebay|walmart)(?:['’]s)?(?: (?:system|systems|algorithm|bots?|automated \w+|ai|software|team"
    r"|reviewers?|review team|investigators?|seller support|support|policy team|warehouse|fulfil{1,2}ment cent(?:er|re)s?))?"
    r"|the (?:marketplace|platform|algorithm|system|bots?|ai|reviewer|review team|investigator)s?"
    r"|(?:your|the marketplace's|its) (?:system|systems|algorithm|bots?|automated \w+|team|reviewers?|investigators?"
    r"|seller support|support team|staff|associates?)"
    r"|automated (?:system|systems|review|reviews|tools?|filters?|detection)"
    r"|(?:the|our|their|its|a|an|one|some) (?:carrier|courier|shipping company|shipping partner|delivery (?:company"
    r"|service|driver|partner)|driver|postal service|post office|warehouse|3pl|prep (?:center|centre|service)"
    r"|fulfil{1,2}ment (?:cent(?:er|re)|partner|company)|fc|supplier|manufacturer|factory|vendor|distributor"
    r"|wholesaler|freight forwarder|forwarder|software (?:vendor|provider|company)|repricer|repricing (?:tool"
    r"|software)|integration|plugin|va|virtual assistant|employee|staff member|contractor|agency|former employee"
    r"|ex-employee|competitor|rival|bank|payment provider)s?"
    r"|carriers?|couriers?|buyers?|customers?|shoppers?|competitors?|rivals?|hackers?|scammers?"
    r"|ups|usps|fedex|dhl|royal mail|evri|hermes|dpd|gls|canada post|australia post|ontrac|lasership"
    r"|purolator|amazon logistics|the post"
)
_NEGATIVE = (
    r"(?:failed|fails|fault|to blame|errors?|mistakes?|negligen\w*|abus\w*|exploit\w*|lied|lies|lying|scamm\w*"
    r"|fraud\w*|falsely|malicious\w*|unfair\w*|unjust\w*|wrongly|wrongful\w*|incorrectly|mistakenly|by mistake"
    r"|erroneously|mishandl\w*|misrout\w*|misread|misunderst\w*|lost (?:our|the|\d+|several|many|some)"
    r"|let us down|messed up|screwed up|dropped the ball|(?:is|are|was|were) responsible|caused"
    r"|sabotag\w*|attack\w*|refused|ignored|never (?:scanned|delivered|picked up"
    r"|showed|arrived|read|checked)|did(?: not|n't) (?:scan|deliver|pick up|show up|read|follow|update|check"
    r"|send|respond|honou?r|tell|inform|warn|notify)|(?:is|are|was|were) (?:late|slow|unreliable|wrong"
    r"|mistaken|incorrect|inaccurate|unfair|broken|faulty|flawed|dishonest|careless|incompeten\w*)"
    r"|got (?:it|this) wrong|(?:damag|delay|los)(?:ed|t) (?:the|our|many|several|some|\d+)|changed \w+ without"
    r"|glitch\w*|bug(?:gy)?|malfunction\w*|outage)"
)
#: Phrases that shift the cause away from the seller without naming anyone.
_EXCUSES = (
    r"\b(?:not our fault|no fault of (?:our|my) own|through no fault|(?:beyond|out of|outside(?: of)?) our"
    r" control|out of our hands|nothing we could (?:have )?do(?:ne)?|could not have (?:known|prevented|foreseen"
    r"|avoided)|couldn't have (?:known|prevented|foreseen|avoided)|how (?:could|were|would) we (?:have )?"
    r"(?:known|supposed to know|been expected)|no way (?:for us )?(?:to|of) know|unavoidable|force majeure"
    r"|act of god|bad luck|unlucky|we did (?:nothing|everything) (?:wrong|right)|we (?:always|have always)"
    r" (?:followed|complied)|(?:we|i) (?:was|were|have been) (?:wrongly|unfairly|unjustly|mistakenly)"
    r" (?:suspended|deactivated|penali[sz]ed|flagged|targeted|accused)|we are not (?:responsible|to blame)"
    r"|(?:false|fake|fraudulent|malicious|bogus|unfounded|baseless|frivolous) (?:claims?|complaints?|reports?"
    r"|feedback|returns?|reviews?|accusations?)|buyer'?s remorse|serial returners?"
    r"|(?:circumstances|events|factors|situations?) (?:beyond|outside|out of)"
    r"|(?:should|could) have (?:warned|told|informed|notified) us|nobody (?:told|warned|informed) us"
    r"|(?:was|were) never (?:told|informed|warned|notified))\b"
)
#: Sentences that own the failure: a carrier, a buyer or the marketplace named in them is context.
_OWNERSHIP = (
    r"\b(?:we|i) (?:did not|didn't|had no|lacked|failed to|relied|never checked|should have|chose|did not have"
    r"|take (?:full )?responsibility|accept (?:full )?responsibility|missed|overlooked|allowed|let)\b"
    r"|\bour (?:own )?(?:process|procedure|workflow|checks?|team|system|responsibility|mistake|failure|error"
    r"|listing|inspection|receiving|packing|staff|control)\b|\bwithout (?:a |any )?(?:check|checking"
    r"|verifying|monitoring|backup|review)\b|\bno (?:check|review|rule|step|control|backup|procedure)\b"
)

#: What only the marketplace or its systems do to a seller ('Amazon's bot flagged us').
_MARKET_ACTOR = (
    r"(?:amazon|ebay|walmart)(?:['’]s)?(?: \w+)?|the (?:marketplace|platform|algorithm|system|bots?|ai|reviewer)s?"
    r"|(?:your|its) (?:system|systems|algorithm|bots?|team|reviewers?)|automated (?:system|systems|review|tools?|detection)"
)
_MARKET_ACT = r"(?:flagged|penali[sz]ed|targeted|triggered|suspended|deactivated|blocked|took down|removed our|closed our)"

BLAME_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"\b(?:{_ACTOR})\b[^.;:!?]{{0,50}}?\b{_NEGATIVE}", _I),
    re.compile(rf"\b(?:{_MARKET_ACTOR})\b[^.;:!?]{{0,30}}?\b{_MARKET_ACT}\b", _I),
    re.compile(
        rf"\b(?:due to|because of|caused by|triggered by|the result of|a result of|resulted from|stemm(?:ed|ing) from"
        rf"|arose from|the fault of|blame (?:lies )?(?:with|on)|thanks to|at the hands of|initiated by|flagged by)"
        rf"\s+(?:an?\s+|the\s+|some\s+|our\s+|their\s+)?(?:[\w'-]+\s+){{0,3}}?(?:{_ACTOR})\b",
        _I,
    ),
    re.compile(_EXCUSES, _I),
    re.compile(
        r"\b(?:some|many|certain|a few|most|these|those|several)\s+(?:buyers|customers|shoppers)\s+(?:\w+\s+){0,2}?"
        r"(?:abuse|exploit|take advantage|scam|lie|lied|are dishonest|do(?:n't| not) read|did(?:n't| not) read"
        r"|fail(?:ed)? to read|order(?:ed)? the wrong|return (?:items|products) (?:they|that) (?:used|damaged)"
        r"|change their mind|expect too much)",
        _I,
    ),
    re.compile(
        r"\b(?:were|was|got|had been)\s+(?:mishandled|lost|damaged|delayed|misrouted|stolen|mis-?scanned)\s+"
        r"(?:in transit|by (?:the )?(?:carrier|courier|driver|post|warehouse)|at the (?:carrier|courier|depot|hub"
        r"|warehouse|fulfil{1,2}ment))",
        _I,
    ),
)
_OWNS = re.compile(_OWNERSHIP, _I)


def blame_in(sentence: str) -> str | None:
    """The words that put the fault on someone else, or None (a sentence owning the failure passes)."""
    if _OWNS.search(sentence):
        return None
    for pattern in BLAME_PATTERNS:
        m = pattern.search(sentence)
        if m is not None:
            return m.group(0)
    return None


# --------------------------------------------------------------------------- template sentences

#: Sentences any template writes, whatever the case (REJ: 'too long, templated or off-topic'); they
#: count as boilerplate when the sentence holds nothing specific.
BOILERPLATE: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, _I)
    for p in (
        r"\btake (?:this|these|the|all)? ?(?:matter|issue|concern|complaint|situation|violation)s? (?:very |extremely "
        r"|most )?seriously\b",
        r"\bcustomer (?:satisfaction|experience|trust) is (?:our|of the) (?:top|highest|utmost|first|number one|"
        r"greatest) (?:priority|importance)\b",
        r"\b(?:we|i) (?:deeply |greatly |truly )?(?:value|respect|appreciate) (?:amazon|ebay|walmart|the marketplace|our"
        r" customers|your (?:time|policies|platform))\b",
        r"\b(?:we|i) (?:understand|recognize|recognise|acknowledge) (?:the importance of|how important|the seriousness)\b",
        r"\b(?:we|i) apologi[sz]e for (?:any|the) (?:inconvenience|trouble|issues?)\b",
        r"\b(?:we are|we're|i am) (?:fully |deeply |firmly )?committed to (?:providing|ensuring|maintaining|delivering"
        r"|complying|following|offering)\b",
        r"\b(?:the )?best (?:possible )?(?:customer |shopping |buying )?experience\b",
        r"\b(?:we|i) (?:have )?(?:thoroughly |carefully |completely )?(?:reviewed|analy[sz]ed|investigated|examined|"
        r"evaluated) (?:our|the|all (?:of )?our) (?:entire )?(?:processes|procedures|operations|business|policies|"
        r"practices|systems|workflows?)\b",
        r"\b(?:we|i) (?:have )?(?:implemented|introduced|put in place|adopted|established) (?:strict(?:er)?|robust|"
        r"rigorous|comprehensive|new|additional|enhanced|improved|better) (?:quality control|quality checks|processes|"
        r"procedures|measures|controls|policies|checks)\b",
        r"\bto (?:ensure|make sure) (?:that )?(?:this|such|these|similar) (?:issues?|problems?|mistakes?|situations?"
        r"|violations?)? ?(?:does|do|will) not (?:happen|occur|recur|arise)(?: again)?\b",
        r"\b(?:we|i) (?:will )?continue to (?:monitor|improve|review|work|strive)\b",
        r"\b(?:our|the) (?:entire )?team has been (?:re-?)?trained\b",
        r"\b(?:we|i) (?:have )?(?:learned|learnt) (?:a lot|our lesson|from this|from (?:this|our) (?:mistake|experience))\b",
        r"\b(?:full|complete) compliance with (?:all )?(?:amazon|ebay|walmart|marketplace)(?:'s)? (?:policies|rules|"
        r"guidelines)\b",
        r"\bhigh(?:est)? (?:standards?|quality) (?:of|for) (?:service|customer service|our products)\b",
        r"\bthank you for (?:your|the) (?:time|consideration|understanding|patience)\b",
    )
)
_SPECIFIC = re.compile(
    r"\d|\bB0[A-Z0-9]{8}\b|\b[A-Z]{2,}[-_]?\d|(?<=[a-z,;:] )[A-Z][a-z]+(?: [A-Z][a-z]+)*"
    r"|(?i:\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|daily|weekly|monthly|every (?:\w+ )?"
    r"(?:day|week|month|order|shipment|morning|shift)|each (?:day|week|month|order|shipment)))\b",
)


def is_specific(sentence: str) -> bool:
    """A date, count, id, name or schedule in the sentence."""
    return _SPECIFIC.search(sentence) is not None


def is_boilerplate(sentence: str) -> str | None:
    """The template phrase of a sentence that says nothing specific, or None."""
    for pattern in BOILERPLATE:
        m = pattern.search(sentence)
        if m is not None and not is_specific(sentence[: m.start()] + sentence[m.end() :]):
            return m.group(0)
    return None


# --------------------------------------------------------------------------- causes answered

_STOP = frozenset(
    [
        *[
            "a",
            "an",
            "the",
            "and",
            "or",
            "of",
            "to",
            "in",
            "on",
            "at",
            "by",
            "for",
            "with",
            "from",
            "as",
            "is",
            "are",
            "was",
            "were",
            "be",
            "been",
            "being",
            "this",
            "that",
            "these",
            "those",
        ],
        *[
            "it",
            "its",
            "our",
            "we",
            "us",
            "i",
            "my",
            "your",
            "their",
            "they",
            "them",
            "he",
            "she",
            "his",
            "her",
            "which",
            "who",
            "whom",
            "what",
            "when",
            "where",
            "why",
            "how",
            "not",
            "no",
        ],
        *[
            "all",
            "any",
            "each",
            "every",
            "some",
            "more",
            "most",
            "other",
            "such",
            "than",
            "then",
            "so",
            "too",
            "very",
            "can",
            "will",
            "would",
            "should",
            "could",
            "may",
            "might",
        ],
        *[
            "must",
            "have",
            "has",
            "had",
            "do",
            "does",
            "did",
            "done",
            "into",
            "out",
            "over",
            "under",
            "up",
            "down",
            "after",
            "before",
            "during",
            "about",
            "also",
            "only",
            "same",
        ],
        *[
            "just",
            "there",
            "here",
            "because",
            "since",
            "while",
            "until",
            "per",
            "via",
            "new",
            "cause",
            "root",
            "action",
            "actions",
            "measure",
            "measures",
        ],
        *[
            "preventive",
            "corrective",
            "prevention",
            "issue",
            "issues",
            "problem",
            "problems",
            "plan",
            "step",
            "steps",
            "process",
            "processes",
        ],
        *[
            "amazon",
            "ebay",
            "walmart",
            "account",
            "seller",
            "sellers",
            "time",
            "date",
            "day",
            "days",
            "week",
            "weeks",
            "month",
            "months",
            "year",
            "daily",
        ],
        *["weekly", "monthly", "working", "every", "once", "twice", "first", "last", "next", "today"],
    ]
)
#: Words that name the same thing in a cause and in the action or control that answers it.
_CONCEPTS: tuple[tuple[str, ...], ...] = (
    (
        "pickup",
        "picked",
        "collect",
        "collected",
        "collection",
        "scan",
        "scanned",
        "scans",
        "dispatch",
        "shipped",
        "ship",
    ),
    (
        "carrier",
        "courier",
        "shipping",
        "postage",
        "label",
        "labels",
        "tracking",
        "delivery",
        "delivered",
        "transit",
    ),
    (
        "stock",
        "inventory",
        "units",
        "unit",
        "warehouse",
        "storage",
        "stored",
        "shelf",
        "lot",
        "lots",
        "batch",
    ),
    (
        "supplier",
        "suppliers",
        "vendor",
        "manufacturer",
        "factory",
        "distributor",
        "wholesaler",
        "source",
        "sourced",
    ),
    (
        "listing",
        "listings",
        "title",
        "description",
        "detail",
        "bullet",
        "bullets",
        "images",
        "photos",
        "keywords",
    ),
    ("invoice", "invoices", "receipt", "receipts", "purchase", "purchased", "bought"),
    (
        "cancel",
        "cancelled",
        "canceled",
        "cancellation",
        "cancellations",
        "oversold",
        "oversell",
        "overselling",
    ),
    ("expired", "expiry", "expiration", "dates", "dated", "best-before", "shelf-life", "fefo", "fifo"),
    ("message", "messages", "contact", "contacts", "email", "emails", "respond", "response", "reply"),
    (
        "inspect",
        "inspection",
        "inspected",
        "check",
        "checks",
        "checked",
        "checking",
        "verify",
        "verified",
        "review",
    ),
)
_CONCEPT_OF = {word[:6]: group[0] for group in _CONCEPTS for word in group}


def content_words(text: str) -> set[str]:
    """Lower-cased word stems (first 6 letters) that carry meaning, same-thing words folded together."""
    words = re.findall(r"[A-Za-z][A-Za-z'-]{2,}", text.lower())
    return {_CONCEPT_OF.get(w[:6], w[:6]) for w in words if w not in _STOP}


@dataclass(frozen=True, slots=True)
class LinkGap:
    issue: IssueKind | None
    part: PlanPart
    cause: str


def link_gaps(sections: list[tuple[IssueKind | None, str, dict[PlanPart, list[str]]]]) -> list[LinkGap]:
    """Root causes that no corrective action (or no preventive measure) of their section answers: they
    share no meaningful word (HOW: each cause answered by what was done and what now prevents it)."""
    gaps: list[LinkGap] = []
    for issue, _title, parts in sections:
        causes = parts.get(PlanPart.ROOT_CAUSE, [])
        if not causes:
            continue
        cause_words = content_words(" ".join(causes))
        if len(cause_words) < 3:
            continue  # too short to judge (a placeholder or a one-word cause is caught elsewhere)
        for part in (PlanPart.CORRECTIVE_ACTIONS, PlanPart.PREVENTIVE_MEASURES):
            items = parts.get(part, [])
            if items and not cause_words & content_words(" ".join(items)):
                gaps.append(LinkGap(issue, part, causes[0][:160]))
    return gaps


# --------------------------------------------------------------------------- the notice's asks

_DOC_RX = {rule.kind: re.compile("|".join(f"(?:{p})" for p in rule.patterns), _I) for rule in DOCUMENT_RULES}


def uncovered_asks(notice: Notice, text: str) -> list[str]:
    """The notice's asks a plan's text does not answer: a document it never names, a step, question or
    listed issue whose words it does not share (at least half of the ask's meaningful words)."""
    out: list[str] = []
    words = content_words(text)
    for ask in notice.asks:
        if ask.kind is AskKind.CATEGORY or (ask.kind is AskKind.QUESTION and ask.part is not None):
            continue  # the parts of a plan; checked as parts
        if ask.kind is AskKind.DOCUMENT:
            rx = _DOC_RX.get(ask.document or "")
            if ask.document == "plan_of_action" or (
                rx is not None and ask.document != "other" and rx.search(text)
            ):
                continue
        need = content_words(ask.text)
        if need and len(need & words) / len(need) >= 0.5:
            continue
        out.append(ask.text)
    return out
