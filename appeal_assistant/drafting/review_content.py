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
    "owns_fault",
    "uncovered_asks",
]

_I = re.IGNORECASE
Unit = tuple[str, IssueKind | None, PlanPart | None]

# --------------------------------------------------------------------------- blame in any phrasing

#: Someone or something other than the seller's own process (REJ: blame on the marketplace, carriers,
#: buyers, suppliers, staff, software or circumstances).
_ACTOR = (
    r"(?:amazon|ebay|walmart)(?:['’]s)?|seller central|the (?:marketplace|platform|algorithm|system|reviewer|review team"
    r"|investigator)s?|\bbots?\b|algorithms?|automated (?:system|systems|review|reviews|tools?|filters?|detection)"
    r"|(?:system|software|technical) (?:error|glitch|bug|issue|failure)"
    r"|carriers?|couriers?(?: company)?|shipping company|delivery (?:company|service|driver|partner|estimate)s?|drivers?"
    r"|post office|postal service|the post|ups|usps|fedex|dhl|ontrac|lasership|royal mail|evri|hermes|yodel|dpd|gls"
    r"|deutsche post|canada post|australia post|purolator|amazon logistics|amazon shipping|parcelforce|correos|la poste"
    r"|colissimo|poste italiane|postnl|bpost|japan post|india post|aramex|tnt|veho|courier firm|postal network"
    r"|(?:[\w-]+ )?network|depot|hub|sorting (?:centre|center|facility)|customs"
    r"|warehouse|3pl|prep (?:center|centre|service)|fulfil{1,2}ment cent(?:er|re)s?|\bfcs?\b|sorting facility|port"
    r"|suppliers?|manufacturers?|factory|vendors?|distributors?|wholesalers?|brand|rights owner|freight forwarder"
    r"|software(?: provider| vendor| company| update)?|repricer|repricing (?:tool|software)|integration|plugin|app\b"
    r"|(?:virtual )?assistant|\bva\b|(?:former |ex-?)?(?:employee|manager|staff(?: member)?|worker|partner|contractor"
    r"|freelancer)s?|agency|the team at|someone|somebody"
    r"|competitors?|rivals?|hackers?|scammers?"
    r"|weather|\w*storms?|snow\w*|floods?|hurricanes?|(?:postal )?strikes?|pandemic|covid|holidays?|circumstances"
    r"|platform|tool|tracking system|(?:\w+ )?worker|agent"
)
#: What an actor did wrong, in the words sellers use to shift the fault.
_BLAME_ACT = (
    r"(?:failed|fault|blame|errors?|mistakes?|negligen\w*|abus\w*|exploit\w*|lied|lies|lying|scam\w*|fraud\w*|falsely"
    r"|false|fake|malicious\w*|unfair\w*|unjust\w*|wrongly|wrong|incorrect\w*|mistaken\w*|erroneous\w*|mishandl\w*"
    r"|misrout\w*|mixed|faulty|broke\w*|damag\w*|delay\w*|late|lost|let (?:us )?down|messed up|screwed up"
    r"|dropped the ball|(?:is|are|was|were) responsible|caused|flagged|penali[sz]ed|targeted|punish\w*|sabotag\w*|attack\w*|refused"
    r"|ignored|filed (?:these|the|a|false|fake|fraudulent|bogus)? ?(?:complaints?|claims?|reports?|a-to-z\w*)"
    r"|shut down|pushed|stopped|without (?:telling|warning|informing|notice|notifying)"
    r"|misread|misinterpret\w*|misjudg\w*|mistook|misunderst\w*"
    r"|did(?: not|n't) (?:even )?(?:open|read|check|ship|deliver|come|show up|pick|scan|cooperate|follow|respond"
    r"|update|honou?r|tell|inform|warn|notify|label)|(?:not|never) (?:come|came|arrived|showed|scanned|delivered"
    r"|picked|cooperate\w*)|after a free|so-called|serial|let go|left with|wants? to|hurt|knock|get rid of"
    r"|changed \w+ (?:\w+ )?without|glitch\w*|bug(?:gy)?|malfunction\w*|outage|claim(?:ed|s)? (?:it|that|the)"
    r"|(?:opened|used) (?:the|it)|victim|unreliable|careless|incompeten\w*|could(?: not|n't) (?:have )?(?:met|meet)"
    r"|must have|most likely|obviously|apparently|clearly|simply"
    r"|missing|went astray|(?:never|didn'?t|did not) turn(?:ed)? up|held|stuck|backlog|(?:was|were|is|are|went) down"
    r"|outage|update bug|notorious|(?:long )?history of|should have|went rogue|rogue|disgruntled|on (?:its|their|his|her)"
    r" own|without (?:asking|permission|approval|our (?:approval|knowledge))|impossible|keep (?:reporting|complaining"
    r"|filing)|to get us removed|push\w* [\w ]{0,20}off|mis-?(?:sort|label|deliver|rout|handl|read|scann|direct|plac|ship)\w*|mark\w* [\w ]{0,20}delivered|refus\w*"
    r"|sent us (?:a |the )?(?:wrong|mixed|bad|defective)|mixed batch|one-off|(?:too|overly|far too) sensitive"
    r"|using (?:the )?complaints?|abusing)"
)
#: Phrases that shift the cause away from the seller, with or without naming anyone.
_EXCUSES = (
    r"\b(?:not our (?:fault|mistake)|is not our mistake|no fault of (?:our|my) own|through no fault|(?:beyond|out of"
    r"|outside(?: of)?) our control|out of our hands|nothing (?:we|anyone|anybody|one) could (?:have )?do(?:ne)?"
    r"|no (?:one|carrier|seller|business) could|could not have (?:known|prevented|foreseen|avoided)"
    r"|couldn't have (?:known|prevented|foreseen|avoided)|how (?:could|were|would) we (?:have )?(?:known|supposed to"
    r" know|been expected)|no way (?:for us )?(?:to|of) know|unavoidable|unforeseen|force majeure|act of god"
    r"|bad luck|unlucky|we did (?:nothing|everything) (?:wrong|right)|we (?:always|have always) (?:followed|complied)"
    r"|(?:we|i) (?:was|were|have been|are) (?:wrongly|unfairly|unjustly|mistakenly) (?:suspended|deactivated|penali[sz]ed"
    r"|flagged|targeted|accused)|we are not (?:responsible|to blame)|(?:we are|i am) (?:the )?victims?"
    r"|(?:false|fake|fraudulent|malicious|bogus|unfounded|baseless|frivolous) (?:claims?|complaints?|reports?"
    r"|feedback|returns?|reviews?|accusations?)|buyer'?s remorse|serial (?:returners?|complainers?)"
    r"|hard to understand how|(?:how|why) (?:does|do|did|would|should) .{0,60}(?:justify|be punished|punish)"
    r"|why should we|should (?:have )?(?:warned|told|informed|notified) us|nobody (?:told|warned|informed) us"
    r"|(?:was|were) never (?:told|informed|warned|notified)|(?:were|was) not aware|we didn'?t know"
    r"|mistakes were made|did not cooperate|after a free (?:product|item)|so-called"
    r"|(?:it is|it's|this is|that is) (?:unfair|unjust|ridiculous|absurd|crazy|insane)|\bunfair\b"
    r"|(?:did|do) everything (?:right|correctly|by the book)|by the book|no way (?:for us )?(?:to|of) know\w*"
    r"|(?:none of this|this would(?:n't| not) have happened)\b.{0,40}\bif\b|not (?:at|on) our (?:end|side)"
    r"|on (?:their|its|the carrier's|the courier's) (?:end|side)|out of our hands"
    r"|if (?:the|our|their|his|her|its) [\w ]{1,40} had\b.{0,80}\b(?:none of this|this would(?:n't| not)|would(?:n't| not)"
    r" have (?:happened|occurred)))\b"
)
#: The seller's own act or process named as the failure: what a plan SHOULD say; a carrier or buyer in it is context.
_OWNERSHIP = (
    r"(?<!as if )(?<!as though )\b(?:we|i)\s+(?:(?:only|also|then|just|still|always|even|\w+ly)\s+)?"
    r"(?!were\b|are\b|was\b|am\b|believe\b|think\b|feel\b|assume\b|suspect\b|have been\b)"
    r"(?:did not|didn'?t|do not|had no|had not|never|failed to|relied|chose|kept|misread|should have|forgot"
    r"|overlooked|allowed|let|permitted|approved|take (?:full )?responsibility|accept (?:full )?responsibility|promised|bought|shipped|listed"
    r"|logged|sent|set|sold|designed|printed|put|made|ran|used|cancel+ed|switched|moved|added|changed|trained"
    r"|confirmed|read)\b"
    r"|\bour (?:own )?(?:[\w-]+ ){0,2}?(?:process|procedure|decision|mistake|failure|error|responsibility|fault"
    r"|inspection|check|insert card|images?|title|warehouse|bin|handling time)\b|\bthe (?:failure|fault|mistake) (?:is|was) ours\b"
    r"|\bwhich (?:was|is) our\b|\bso the problem is our\b|\bwas valid\b|\bthe failure is ours\b"
    r"|\bwithout (?:a |any )?(?:check|checking|verifying|monitoring|backup|review)\b|\bno (?:check|review|rule|step"
    r"|control|backup|procedure|inspection)\b"
)

#: Buyers are blamed for what they did, not for what went wrong with their order ('buyers said it never arrived').
_BUYER = r"buyers?|customers?|shoppers?|purchasers?"
_BUYER_ACT = (
    r"(?:lie[sd]?|lying|abus\w*|exploit\w*|scam\w*|fraud\w*|falsely|false|fake|dishonest|after a free|serial|so-called"
    r"|(?:did(?: not|n't)|do(?: not|n't)|never|fail(?:ed)? to) (?:read|follow|check|return|cooperate)|ordered the wrong"
    r"|chose the wrong|changed (?:their|his|her) minds?|used (?:it|the item|the product)|opened (?:it|the package)"
    r"|gave (?:us )?(?:a |the )?wrong|give wrong|wrong address|claim(?:ed|s)? (?:it|that|the item) (?:was|is|arrived)"
    r"|took advantage|expect too much|blackmail\w*|threat\w*|refus\w*|unreasonable|would(?:n't| not) accept"
    r"|trying to|simply|then (?:opened|filed|claimed|left)|still complained|without (?:sending|returning)"
    r"|order\w* the wrong)"
)

#: An actor's name used as a modifier ('buyer messages', 'carrier scan', 'supplier invoices') is not an actor.
_NOT_MODIFIER = (
    r"(?!['’]?s?\s+(?:messages?|orders?|questions?|requests?|returns?|claims?|complaints?|feedback|data|names?"
    r"|addresses|e-?mails?|service|services|support|contacts?|experience|satisfaction|inquir\w+|scans?|invoices?"
    r"|labels?|tracking|pickups?|accounts?|reviews?|notices?|lots?|contract|dashboard|report|page|policy))"
)

BLAME_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"\b(?:{_ACTOR})\b{_NOT_MODIFIER}.{{0,80}}?\b{_BLAME_ACT}\b", _I),
    re.compile(rf"\b(?:{_BUYER})\b{_NOT_MODIFIER}.{{0,80}}?\b{_BUYER_ACT}", _I),
    re.compile(
        rf"\b(?:went missing|got lost|were lost|was lost|sat|stuck|held up|delayed|damaged|mis-?sorted|went astray)\b"
        rf".{{0,40}}?\b(?:in|at|by|with|through) (?:the |our |their )?(?:[\w'-]+ )?(?:{_ACTOR})\b",
        _I,
    ),
    re.compile(
        rf"\b(?:was|were|been|got|is|are)\s+(?:\w+\s+)?{_BLAME_ACT}\b.{{0,40}}?\bby (?:the |our |a |an |their |its )?"
        rf"(?:[\w'-]+ ){{0,3}}?(?:{_ACTOR})\b",
        _I,
    ),
    re.compile(
        rf"\b(?:due to|because of|caused by|triggered by|the result of|a result of|resulted from|stemm(?:ed|ing) from"
        rf"|arose from|the fault of|blame (?:lies )?(?:with|on)|thanks to|at the hands of|initiated by|flagged by"
        rf"|created by|let down by)\s+(?:an?\s+|the\s+|some\s+|our\s+|their\s+)?"
        rf"(?:[\w'-]+\s+){{0,3}}?(?:{_ACTOR})\b",
        _I,
    ),
    re.compile(_EXCUSES, _I),
    re.compile(
        rf"\b(?:come|comes|came) from\s+(?:an?\s+|the\s+|some\s+)?(?:[\w'-]+\s+){{0,2}}?(?:{_ACTOR})\b", _I
    ),
    re.compile(
        r"\b(?:some|many|certain|a few|most|these|those|several)\s+(?:of (?:these|the) [\w-]+ )?(?:buyers|customers"
        r"|shoppers|claims|complaints|returns)\s+(?:\w+\s+){0,3}?(?:abuse|exploit|take advantage|scam|lie|lied"
        r"|are dishonest|do(?:n't| not) read|did(?:n't| not) read|fail(?:ed)? to read|order(?:ed)? the wrong"
        r"|come from|change their mind|expect too much|are after)",
        _I,
    ),
    re.compile(
        r"\b(?:were|was|got|had been)\s+(?:mishandled|lost|damaged|delayed|misrouted|stolen|mis-?scanned)\s+"
        r"(?:in transit|somewhere|along the way|by (?:the )?(?:carrier|courier|driver|post|warehouse)|at the (?:carrier"
        r"|courier|depot|hub|warehouse|fulfil{1,2}ment))",
        _I,
    ),
)
_OWNS = re.compile(_OWNERSHIP, _I)
_EXCUSE_RX = next(p for p in BLAME_PATTERNS if p.pattern == _EXCUSES)
_CAUSE_RX = next(p for p in BLAME_PATTERNS if p.pattern.startswith(r"\b(?:due to|because of"))


def owns_fault(sentence: str, context: str | None = None) -> bool:
    """Whether the sentence (or the item it sits in) admits the seller's own part in the failure."""
    return bool(_OWNS.search(sentence) or (context is not None and _OWNS.search(context)))


def blame_in(sentence: str, context: str | None = None) -> str | None:
    """The words that put the fault on someone else, or None (a sentence owning the failure passes).

    ``context`` is the whole item the sentence sits in: an admission in the next clause owns it too."""
    for strong in (_EXCUSE_RX, _CAUSE_RX):
        hit = strong.search(sentence)
        if hit is not None and (
            strong is _EXCUSE_RX or not re.search(r"\bbecause of (?:our|my)\b", sentence, _I)
        ):
            return hit.group(0)  # an excuse, or 'let down by ...', is blame even beside an admission
    if owns_fault(sentence, context):
        return None
    for pattern in BLAME_PATTERNS:
        for m in pattern.finditer(sentence):
            if not _OBJECT_BEFORE.search(sentence[: m.start()]):
                return m.group(0)
    return None


#: Words just before an actor that make it the object, not the doer: 'the sync between our shop and Amazon
#: stopped', 'our listings on Amazon stopped showing' (the sync and the listings are what stopped).
_OBJECT_BEFORE = re.compile(
    r"(?:\bbetween\b[^,.;]*\band|\b(?:to|from|with|on|in|at|into|onto|for|of))\s+(?:the\s+|our\s+)?$", _I
)


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
