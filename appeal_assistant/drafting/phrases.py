"""The phrase tables behind reviewing, parsing and revising a Plan of Action: one place, each row sourced.

- ``RISKY_PHRASES``: wording reviewers reject (blame, pleas, promises, intentions as actions, vague
  phrases, support-case references), each with a fix hint and the document it rests on.
- ``OWNERSHIP_CUES``: wording that keeps a sentence about a carrier or buyer from reading as blame.
- ``PART_HEADINGS`` / ``ISSUE_KEYWORDS`` / ``PLAN_TITLE`` / ``CHANGES_HEADING`` / ``SIGN_OFF``:
  how pasted plans name their parts and issues.
- ``PART_CUES``: which part a stated fact most likely belongs to.
- ``CONTRACTIONS`` / ``INFORMAL_WORDS``: what "more formal" rewrites.

Sources: knowledge/plan-of-action-how-to-write.md (HOW), knowledge/plan-of-action-common-rejections.md
(REJ), knowledge/appeal-rejections-and-resubmission.md (RESUB) and DOMAIN.md §5.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from appeal_assistant.models import IssueKind, PlanPart

__all__ = [
    "CHANGES_HEADING",
    "CONTRACTIONS",
    "INFORMAL_WORDS",
    "ISSUE_KEYWORDS",
    "OWNERSHIP_CUES",
    "PART_CUES",
    "PART_HEADINGS",
    "PLAN_TITLE",
    "RESPONSE_BLOCKS",
    "RISKY_PHRASES",
    "SIGN_OFF",
    "SPECIFIC_FACT",
    "PhraseCategory",
    "RiskyPhrase",
    "issue_in",
    "part_in",
]

HOW = "knowledge/plan-of-action-how-to-write.md"
REJ = "knowledge/plan-of-action-common-rejections.md"
RESUB = "knowledge/appeal-rejections-and-resubmission.md"

PhraseCategory = Literal[
    "blame", "emotional_plea", "promise", "future_tense_action", "vague", "support_case_reference"
]


@dataclass(frozen=True, slots=True)
class RiskyPhrase:
    """A pattern reviewers reject, the category (a review problem code) and how to fix it."""

    category: PhraseCategory
    pattern: re.Pattern[str]
    hint: str
    source: str
    unless_specific: bool = False  # vague only when its sentence holds no number, date or id


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


# Who a seller may try to blame, and the words that put the fault on them.
_ACTOR = (
    r"(?:amazon(?:'s|’s)?|the marketplace|(?:the|our|their|its) (?:carrier|courier|shipping company|"
    r"delivery (?:company|service|driver)|postal service|post office|warehouse|fulfil{1,2}ment cent(?:er|re))s?|"
    r"carriers?|couriers?|buyers?|customers?|competitors?|seller support|the (?:fc|algorithm|system))"
)
_FAULT = (
    r"(?:failed|fails|fault|to blame|errors?|mistakes?|negligen\w*|abus\w*|lied|lying|scamm\w*|fraud\w*|"
    r"falsely|malicious\w*|unfair\w*|wrongly|wrongful\w*|incorrectly|mishandl\w*|lost (?:our|the|\d+)|"
    r"let us down|messed up|screwed up|(?:is|are|was|were) responsible|caused)"
)
_BLAME_HINT = (
    "State the failure in your own process instead (e.g. 'we had no check that each order got a pickup "
    "scan'); data about a carrier or buyer may stay, the fault may not."
)
_PLEA_HINT = "Delete the plea: reviewers act on facts, so state the cause, the dated action and the control."
_PROMISE_HINT = "Describe the control (what is checked, by whom, how often) instead of promising a result."
_FUTURE_HINT = (
    "Corrective actions are already done: write them in the past tense with a date and a count "
    "('On 3 March we removed ...'); move anything still planned to preventive measures with a start date."
)
_VAGUE_HINT = "Name the step that failed or the control that now runs, with counts, dates, ids and an owner."
_CASE_HINT = "Remove the reference: the reviewer does not read support cases, calls or earlier contacts."


def _rows(
    category: PhraseCategory, hint: str, source: str, *patterns: str, unless_specific: bool = False
) -> tuple[RiskyPhrase, ...]:
    return tuple(RiskyPhrase(category, _p(p), hint, source, unless_specific) for p in patterns)


RISKY_PHRASES: tuple[RiskyPhrase, ...] = (
    # --- blame: found by review_content.blame_in (actors, excuses, insinuations), with this hint
    # --- emotional pleas (HOW: no emotional appeals; REJ: pleading about lost income, apologising at length)
    *_rows(
        "emotional_plea",
        _PLEA_HINT,
        REJ,
        r"\b(?:please|kindly|we beg you to|i beg you to|we implore you to) (?:reinstate|reactivate|restore|"
        r"reconsider|give us|help us|allow us|let us|lift|unblock|understand|have mercy)",
        r"\b(?:beg|begging|implore|desperate(?:ly)?|mercy|heartbroken|devastated|distraught|pleading)\b",
        r"\b(?:our|my) (?:only|sole|main) (?:source of )?(?:income|livelihood)|\blivelihoods?\b|"
        r"\bfeed (?:our|my) (?:family|families|children|kids)\b|\b(?:lose|losing) (?:our|my) (?:home|house|"
        r"business|jobs?)\b|\bbankrupt\w*|\bfinancial (?:hardship|ruin|distress)\b|"
        r"\bemployees? (?:will )?(?:lose|be laid off)",
        r"\b(?:we|i) (?:are |am )?(?:deeply|truly|sincerely|extremely|so|very) (?:sorry|regret|apologi[sz]e)|"
        r"\bsincere(?:st)? apolog|\bhumbly\b|\bfrom the bottom of (?:our|my) hearts?\b|"
        r"\b(?:loyal|valued|long[- ]?time|small family) (?:seller|business|partner)s?\b|"
        r"\b(?:one more|a second|a last) chance\b|\b(?:we|i) love (?:amazon|selling)\b",
        r"\bhonest mistake\b|\bnot (?:an? )?(?:attempt|intent\w*) to (?:mislead|deceive|cheat|harm|abuse)\b"
        r"|\b(?:sold|selling|been (?:selling )?on) (?:on )?(?:amazon|ebay|walmart) for (?:\d+|many|several|over \w+) years\b"
        r"|\b(?:good|clean|perfect|spotless) (?:track )?record\b|\b(?:we|i) (?:kindly |humbly )?ask (?:you )?to (?:restore"
        r"|reinstate|reactivate|lift)\b",
    ),
    # --- promises of results (REJ: blame, references and guarantees)
    *_rows(
        "promise",
        _PROMISE_HINT,
        REJ,
        r"\b(?:will|shall|would) never (?:happen|occur|be repeated|recur)|\bnever (?:happen|occur)s? again\b|"
        r"\b(?:will|won't|will not|shall not) (?:happen|occur|recur) again\b|\bnever again\b",
        r"(?<!a-to-z )\bguarantee[sd]?\b(?! claims?)|\bwe (?:promise|assure you|can assure)\b|\brest assured\b|"
        r"\b(?:zero|no more) (?:defects|late shipments|complaints|cancellations|errors|mistakes|issues)\b|"
        r"\bperfect (?:record|performance|metrics|account health)\b",
        r"\b100\s?% (?:compliance|compliant|accuracy|accurate|on[- ]time|satisfaction|of the time)|"
        r"\b(?:ensure|guarantee|achieve|maintain|reach|keep)\w*\s+(?:a |an |our )?(?:[\w-]+ ){0,3}?100\s?%",
    ),
    # --- corrective actions stated as intentions (REJ: corrective actions written as intentions)
    *_rows(
        "future_tense_action",
        _FUTURE_HINT,
        REJ,
        r"\b(?:we|i|our (?:team|staff|company|warehouse|manager)|the team)\s+(?:will|shall|are going to|"
        r"am going to|plan to|intend to|aim to|hope to|would like to|are planning to|are looking to|"
        r"want to|need to|must)\b|\b(?:we|i)(?:'ll|’ll)\b",
        r"\b(?:will|shall) be \w+(?:ed|en|ne|nt)\b",
    ),
    # --- vague phrases (REJ: vague root cause, generic preventive measures)
    *_rows(
        "vague",
        _VAGUE_HINT,
        REJ,
        r"\bwe will try\b|\b(?:try|trying) (?:our best|harder|to improve)\b|\bdo (?:our|my) (?:best|utmost)\b|"
        r"\b(?:be|being) more (?:careful|attentive|cautious|diligent|vigilant)\b|"
        r"\bpay (?:more|closer|extra) attention\b",
        r"\b(?:follow|comply with|adhere to|abide by) (?:all )?(?:of )?(?:amazon(?:'s)? |the marketplace's |the )?"
        r"(?:rules|polic(?:y|ies)|guidelines|terms)\b|\b(?:monitor|check|watch)\w* (?:our|the) (?:account|metrics|"
        r"performance)(?: (?:health|metrics|performance))? (?:closely|carefully|regularly|daily|constantly)\b|"
        r"\btake (?:this|it|these|our \w+|the \w+) (?:very |extremely )?seriously\b",
    ),
    *_rows(
        "vague",
        _VAGUE_HINT,
        REJ,
        r"\b(?:an? |some )?(?:mistakes?|errors?) (?:was |were |has been |have been )?(?:made|happened|occurred)\b|"
        r"\bwe made (?:a |some )?(?:mistakes?|errors?)\b|\bhuman error\b|\boversights?\b|"
        r"\bmisunderstanding\b|\bwe (?:were|was) (?:not |un)aware\b|\b(?:we|i) did(?:n't| not) (?:reali[sz]e|know)\b"
        r"|\b(?:spoken to|talked to|reminded)\b[^.]{0,30}\b(?:about|of)\b[^.]{0,20}\bpolic",
        r"\b(?:some|various|several|certain|a few|minor|technical|unforeseen|unexpected|unfortunate|temporary) "
        r"(?:issues|problems|difficulties|circumstances|errors|mistakes|glitches|reasons)\b|"
        r"\b(?:strict(?:er)?|better|improved|more) (?:quality )?(?:control|checks|procedures|processes|measures)\b|"
        r"\b(?:improve|strengthen|enhance|optimi[sz]e) (?:our |the )?(?:processes|procedures|operations|"
        r"systems|workflows?)\b|\bas soon as possible\b|\bin the near future\b|\betc\b|\band so on\b|"
        r"\b(?:a |an )?(?:more |most )?reliable (?:carrier|courier|supplier|service|partner)s?\b",
        unless_specific=True,
    ),
    # --- references to support cases, calls and account managers (HOW: style rules; RESUB: timing)
    *_rows(
        "support_case_reference",
        _CASE_HINT,
        HOW,
        r"\b(?:support )?case (?:id|number|no\.?|#)|\bcase\s?#?\s?\d{6,}\b|\bticket (?:id|number|no\.?|#)|"
        r"\b(?:contacted|called|phoned|emailed|spoke (?:with|to)|chatted with|talked (?:with|to)|according to|"
        r"as (?:advised|instructed|told|confirmed) by)\s+(?:amazon(?:'s)?\s+)?(?:seller|partner|account health) "
        r"support\b|\b(?:seller|partner|account health) support (?:told|said|advised|confirmed|assured|agreed|"
        r"informed|promised)\b|\b(?:our|my) (?:amazon )?(?:account|partner) manager\b|"
        r"\b(?:agent|associate|representative) (?:told|said|advised|confirmed|assured)\b|"
        r"\bas (?:advised|instructed|told) by\b|\b(?:phone|chat) (?:call )?with (?:amazon|seller|an? "
        r"(?:agent|associate|representative))",
    ),
)

#: Sentences owning the failure; a carrier or buyer named in one of them is context, not blame (HOW).
OWNERSHIP_CUES = _p(
    r"\b(?:we|i) (?:did not|didn't|had no|lacked|failed to|relied|never checked|should have|chose|"
    r"take (?:full )?responsibility)\b|\bour (?:own )?(?:process|procedure|workflow|checks?|team|"
    r"system|responsibility|mistake|failure)\b|\bwithout (?:a |any )?(?:check|checking|verifying|monitoring)\b"
)

#: A sentence holding one of these (a number, an ASIN, a name inside the sentence) is specific enough
#: for the ``unless_specific`` vague phrases.
SPECIFIC_FACT = re.compile(r"\d|\bB0[A-Z0-9]{8}\b|(?<=[a-z,;] )[A-Z][A-Za-z]+")

# --------------------------------------------------------------------------- headings of pasted plans

#: Heading words for each part of a plan, as sellers and templates write them (HOW, REJ); unanchored:
#: plantext uses ``fullmatch`` for plain lines and ``match`` for decorated headings.
PART_HEADINGS: dict[PlanPart, re.Pattern[str]] = {
    PlanPart.ROOT_CAUSE: _p(
        r"(?:the )?(?:root[- ]?causes?(?: analysis)?|causes?|cause of the (?:issue|problem)s?|"
        r"what (?:went wrong|caused (?:the|this) (?:issue|problem))|why (?:it|this) happened|reason for the issue)"
    ),
    PlanPart.CORRECTIVE_ACTIONS: _p(
        r"(?:corrective actions?(?: taken)?|(?:immediate |the )?actions?(?: (?:we have |we've )?taken)?|"
        r"what we (?:have )?(?:did|done|fixed)|steps (?:we have |we've )?taken|immediate (?:steps|fixes|remed(?:y|ies)"
        r"|actions?|changes)|remed(?:y|ies)|(?:actions to )?(?:resolve|resolution of) the issue|what we (?:have )?changed"
        r"|actions? (?:completed|done|already taken)|corrections? made|fixes (?:made|applied))"
    ),
    PlanPart.PREVENTIVE_MEASURES: _p(
        r"(?:prevent(?:ive|ative) (?:measures?|actions?|steps|controls?)|prevention|(?:measures|steps) to prevent"
        r"(?: recurrence| future issues)?|future prevention|going forward|long[- ]term (?:measures|actions|changes|fixes)"
        r"|systemic changes?|process changes?|changes to (?:our|the) process(?:es)?|new (?:controls|procedures|checks)"
        r"|(?:steps|measures) for the future|how we (?:will )?prevent (?:it|this|recurrence))"
    ),
    PlanPart.SUPPORTING_DOCUMENTS: _p(
        r"(?:supporting (?:documents?|documentation|evidence)|attachments?|attached documents?|"
        r"documents?(?: attached)?|evidence|enclosures?)"
    ),
}

#: A plan's own title line ("Plan of Action", "PERFORMANCE IMPROVEMENT PLAN").
PLAN_TITLE = _p(
    r"^(?:(?:our |my )?plan of action|performance improvement plan|appeal|poa|documents requested"
    r"|response to a rights owner's complaint|check this message first)\b.{0,60}$"
)
#: Blocks of a full response that are not plan text: advice and letters are skipped, the answers to
#: the notice's points are read as a closing list (render.py writes these headings).
RESPONSE_BLOCKS: dict[str, re.Pattern[str]] = {
    "skip": _p(r"^(?:before you send|letters to send yourself)$"),
    "asks": _p(r"^(?:answers to the points in the notice|documents and information requested)$"),
}
#: The resubmission block the composer writes ("What has changed since our last submission", RESUB).
CHANGES_HEADING = _p(r"^(?:what (?:has )?changed|changes) since\b")
#: Greeting and sign-off lines: part of the opening or closing, not of any issue.
SIGN_OFF = _p(
    r"^(?:thank you\b|thanks\b|sincerely\b|(?:kind |best |warm )?regards\b|respectfully\b|yours\b|best(?: wishes)?,?$)"
)
GREETING = _p(r"^(?:dear\b|hello\b|hi\b|to whom it may concern\b)")

#: Words naming each issue kind in plan headings and text (more specific phrases win; see ``issue_in``).
ISSUE_KEYWORDS: dict[IssueKind, re.Pattern[str]] = {
    IssueKind.ORDER_DEFECT_RATE: _p(
        r"\border defect(?:s| rate)?\b|\bODR\b|\ba-to-z(?: guarantee)? claims?\b"
    ),
    IssueKind.LATE_SHIPMENT_RATE: _p(
        r"\blate (?:shipments?|dispatch)(?: rate)?\b|\bLSR\b|\bshipped late\b|\blate ship[- ]confirmation"
    ),
    IssueKind.PRE_FULFILLMENT_CANCEL_RATE: _p(
        r"\b(?:pre-?\s?fulfil{1,2}ment )?cancel(?:l?ation)? rate\b|\bseller[- ]cancel{1,2}(?:ed|ations?)\b|"
        r"\bcancel{1,2}ed orders\b"
    ),
    IssueKind.VALID_TRACKING_RATE: _p(r"\bvalid tracking(?: rate)?\b|\bVTR\b|\bmissing tracking\b"),
    IssueKind.ON_TIME_DELIVERY_RATE: _p(
        r"\bon[- ]time delivery(?: rate)?\b|\bOTDR\b|\blate deliver(?:y|ies)\b"
    ),
    IssueKind.NEGATIVE_FEEDBACK_RATE: _p(r"\bnegative feedback(?: rate)?\b"),
    IssueKind.RETURN_RATE: _p(r"\breturns? (?:rate|dissatisfaction)\b|\bhigh returns\b"),
    IssueKind.TRANSACTION_DEFECT_RATE: _p(r"\btransaction defect(?: rate)?\b"),
    IssueKind.CASES_CLOSED_WITHOUT_RESOLUTION: _p(r"\bcases closed without (?:seller )?resolution\b"),
    IssueKind.INAUTHENTIC: _p(r"\binauthentic\b|\bcounterfeit\b|\bauthenticity\b|\bnot genuine\b"),
    IssueKind.IP_TRADEMARK: _p(r"\btrademark\b|\bbrand (?:name )?infringement\b"),
    IssueKind.IP_COPYRIGHT: _p(r"\bcopyright\w*\b"),
    IssueKind.IP_PATENT: _p(r"\bpatent\w*\b"),
    IssueKind.CONDITION_COMPLAINT: _p(r"\bcondition complaints?\b|\bused sold as new\b|\bsold as new\b"),
    IssueKind.PRODUCT_SAFETY: _p(
        r"\bproduct safety\b|\bsafety complaints?\b|\bunsafe\b|\bexpired (?:items?|products?)\b"
    ),
    IssueKind.RESTRICTED_PRODUCTS: _p(
        r"\brestricted products?\b|\bprohibited (?:products?|items?)\b|\bhazmat\b"
    ),
    IssueKind.LISTING_POLICY: _p(
        r"\blisting polic(?:y|ies)\b|\bvariation (?:abuse|policy)\b|\bdetail page\b"
    ),
    IssueKind.FAIR_PRICING: _p(r"\bfair pricing\b|\bprice gouging\b"),
    IssueKind.RELATED_ACCOUNTS: _p(r"\b(?:related|multiple|linked) accounts?\b"),
    IssueKind.SELLER_VERIFICATION: _p(r"\b(?:seller|identity|account) verification\b|\butility bill\b"),
    IssueKind.DROP_SHIPPING: _p(r"\bdrop[- ]?ship\w*\b"),
    IssueKind.REVIEW_MANIPULATION: _p(
        r"\breview manipulation\b|\bincentivi[sz]ed reviews?\b|\bfake reviews?\b|\bmanipulat\w+ (?:customer )?reviews\b"
    ),
    IssueKind.CODE_OF_CONDUCT: _p(r"\bcode of conduct\b"),
    IssueKind.FOOD_SAFETY: _p(r"\bfood safety\b|\bfood (?:and|&) grocery\b|\btemperature[- ]controlled\b"),
    IssueKind.RECALL: _p(r"\brecall(?:s|ed)?\b"),
}

#: Cues that a stated fact belongs to a part other than the root cause (HOW: the three parts).
PART_CUES: tuple[tuple[PlanPart, re.Pattern[str]], ...] = (
    (
        PlanPart.SUPPORTING_DOCUMENTS,
        _p(
            r"\b(?:attached|attachments?|enclosed|invoices?|letters? of authori[sz]ation|certificates?|"
            r"screenshots?|photos?|test reports?)\b"
        ),
    ),
    (
        PlanPart.PREVENTIVE_MEASURES,
        _p(
            r"\b(?:every (?:day|week|month|morning|evening|working day|shift|order|(?:mon|tues|wednes|thurs|fri|satur|sun)day)|daily|weekly|monthly|"
            r"going forward|from now on|each (?:day|week|month|order|shipment)|before (?:each|every|any)|in place since)\b"
        ),
    ),
    (
        PlanPart.CORRECTIVE_ACTIONS,
        _p(
            r"\bwe (?:have )?(?:removed|moved|replaced|contacted|refunded|updated|changed|closed|deleted|retrained|"
            r"trained|stopped|switched|added|installed|cancel{1,2}ed|inspected|reviewed|audited|sent|fixed|raised|"
            r"suspended|terminated|disposed|destroyed)\b"
        ),
    ),
)

# --------------------------------------------------------------------------- "more formal"

#: Contractions and their formal forms (apostrophes are normalised to ' before lookup).
CONTRACTIONS: dict[str, str] = {
    "won't": "will not",
    "can't": "cannot",
    "shan't": "shall not",
    "n't": " not",
    "'re": " are",
    "'ve": " have",
    "'ll": " will",
    "'m": " am",
    "it's": "it is",
    "that's": "that is",
    "there's": "there is",
    "here's": "here is",
    "what's": "what is",
    "let's": "let us",
}

#: Informal words and their plain business equivalents.
INFORMAL_WORDS: dict[str, str] = {
    "a lot of": "many",
    "lots of": "many",
    "a bunch of": "several",
    "guys": "team",
    "stuff": "items",
    "kinda": "somewhat",
    "sort of": "somewhat",
    "okay": "acceptable",
    "asap": "promptly",
    "figured out": "determined",
    "figure out": "determine",
    "sorted out": "resolved",
    "sort out": "resolve",
    "checked out": "reviewed",
    "check out": "review",
    "messed up": "made an error in",
    "got rid of": "removed",
    "get rid of": "remove",
    "fixed up": "corrected",
    "fix up": "correct",
    "pretty much": "largely",
    "anyway": "in any case",
    "folks": "staff",
    "thanks": "thank you",
}


def _first(table: dict[PlanPart, re.Pattern[str]] | dict[IssueKind, re.Pattern[str]], text: str) -> object:
    best: tuple[int, int, object] | None = None
    for key, pattern in table.items():
        m = pattern.search(text)
        if m and (best is None or (m.start(), -(m.end() - m.start())) < (best[0], best[1])):
            best = (m.start(), -(m.end() - m.start()), key)
    return None if best is None else best[2]


def issue_in(text: str) -> IssueKind | None:
    """The issue kind named earliest in ``text`` (the longest phrase wins a tie), or None."""
    found = _first(ISSUE_KEYWORDS, text)
    return found if isinstance(found, IssueKind) else None


_PART_WORDS: dict[PlanPart, re.Pattern[str]] = {
    PlanPart.ROOT_CAUSE: _p(r"\broot[- ]?causes?\b|\bcauses?\b|\bwhy\b"),
    PlanPart.CORRECTIVE_ACTIONS: _p(r"\bcorrective\b|\bactions?(?: taken)?\b|\bfix(?:es)?\b|\bsteps taken\b"),
    PlanPart.PREVENTIVE_MEASURES: _p(r"\bprevent\w*\b|\bgoing forward\b|\bmeasures\b"),
    PlanPart.SUPPORTING_DOCUMENTS: _p(r"\bdocuments?\b|\bdocumentation\b|\bevidence\b|\battachments?\b"),
}


def part_in(text: str) -> PlanPart | None:
    """The plan part a free-text target names ("the root cause", "preventive steps"), or None."""
    found = _first(_PART_WORDS, text)
    return found if isinstance(found, PlanPart) else None
