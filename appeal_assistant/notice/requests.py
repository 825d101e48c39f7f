"""What a notice asks for, item by item, and which kind of response it calls for.

Every document, ordered step, listed issue, question and (in a rejection) every part named weak
becomes a ``NoticeAsk``; the response answers each one or asks the seller for it. The notice's own
list structure decides what an item is: the items under "please send us the following:" are asks,
the sub-points under "a plan of action that explains:" are questions about the plan's parts, the
items under "the following issues:" are issues to fix, and numbered steps keep their order.

Sections of a notice are told apart by their headings (``section_of``): what to send, how to send
it, "deactivated in error?", what happens otherwise and why it happened. Only the first kind asks.
"""

from __future__ import annotations

import itertools
import re

from appeal_assistant.models import (
    AskKind,
    IssueKind,
    NoticeAsk,
    NoticeStatus,
    PhishingSignal,
    PlanPart,
    Rejection,
    RequestedDocument,
    ResponseType,
)
from appeal_assistant.notice.asks import (
    ASK_CUES,
    CRITIQUE_CUES,
    DOCUMENT_RULES,
    FOOTER,
    ISSUE_LIST_LEADS,
    NOT_AN_ASK,
    PLAN_CONTEXT,
    PLAN_DESCRIBES,
    PLAN_PART_PHRASES,
    SECTION_HEADINGS,
    STEP_VERBS,
)
from appeal_assistant.notice.text import Document, Segment, clean_evidence

__all__ = [
    "IP_KINDS",
    "decide_response",
    "find_asks",
    "is_phishing",
    "section_of",
]

_I = re.IGNORECASE
_SECTIONS = [(name, re.compile(p, _I)) for name, p in SECTION_HEADINGS]
_DOCS = [(rule.kind, re.compile("|".join(f"(?:{p})" for p in rule.patterns), _I)) for rule in DOCUMENT_RULES]
_PARTS = {part: re.compile(p, _I) for part, p in PLAN_PART_PHRASES.items()}
_ASK = re.compile(ASK_CUES, _I)
_NOT_ASK = re.compile(NOT_AN_ASK, _I)
_STEP = re.compile(STEP_VERBS, _I)
_ISSUE_LEAD = re.compile(ISSUE_LIST_LEADS, _I)
_PLAN = re.compile(PLAN_CONTEXT, _I)
#: A lead-in whose items are requirements of the documents before it ('the document must meet these:').
_REQUIREMENTS = re.compile(
    r"\b(?:must|should|needs? to) (?:meet|have|show|include|satisfy|fulfil+)\b[^.:]{0,40}(?:requirements?|following"
    r"|conditions?|criteria)|\b(?:requirements?|criteria) (?:for|of) (?:the |each |your )?(?:documents?|bill|files?)",
    _I,
)
_DESCRIBES = re.compile(PLAN_DESCRIBES, _I)
_CRITIQUE = re.compile(CRITIQUE_CUES, _I)
_EXPLAIN = re.compile(r"\b(?:explain|explanation|describe|description|tell us|let us know|clarify)\b", _I)
_PIECES = re.compile(
    r",?\s+and\s+(?=(?:how|what|why|when|where|which|who|the|your|any|all)\b)|;\s*"
    r"|,\s+(?=(?:how|what|why|when|where|which|who|the|your)\b)",
    _I,
)
_NUMBERED = re.compile(
    r"^\s*(?:\(?(\d{1,2})[.)]|step (\d{1,2})\b|(first|second|third|then|next|finally|after))", _I
)
_ORDER_WORDS = re.compile(r"\b(?:first|then|after (?:that|this|it is|the)|once|next|finally|before)\b", _I)
#: A sentence about the document before it ('These documents must ...', 'They must be dated ...').
_REFERS_BACK = re.compile(
    r"^\W*(?:these|those|such|they|it|each of (?:them|these)|all (?:of )?(?:these|the|your) (?:documents|files|copies)"
    r"|the (?:documents?|invoices?|files?|statements?|copies|bills?|letters?) (?:must|should|need|has|have|are|is)"
    r"|this (?:document|invoice|file|statement|bill|letter))\b",
    _I,
)
_QUESTION_TO_SELLER = re.compile(r"\b(?:you|your)\b", _I)
_MAX_ASK_CHARS = 260

#: Issue kinds whose complaints come from a rights owner (the IP path).
IP_KINDS = frozenset({IssueKind.IP_TRADEMARK, IssueKind.IP_COPYRIGHT, IssueKind.IP_PATENT})
_VERIFICATION_DOCS = frozenset(
    {
        "identity_document",
        "utility_bill",
        "bank_statement",
        "credit_card_statement",
        "business_registration",
        "other",
    }
)
_ACCOUNT_KINDS = frozenset({IssueKind.SELLER_VERIFICATION})


def section_of(seg: Segment) -> str:
    """Which part of a notice a segment sits in: request, send, error, consequence, why, or body."""
    if not seg.heading:
        return "body"
    for name, pattern in _SECTIONS:
        if pattern.search(seg.heading):
            return name
    return "body"


def is_phishing(signals: list[PhishingSignal]) -> bool:
    """Any sign beyond mere pressure makes a message suspect."""
    return any(s.kind != "urgency_threat" for s in signals)


def _doc_hits(text: str) -> list[tuple[int, int, str]]:
    hits = sorted((m.start(), m.end(), kind) for kind, rx in _DOCS for m in rx.finditer(text))
    out: list[tuple[int, int, str]] = []
    for hit in hits:  # overlapping names of one document ('bank account statement' in two rules): first wins
        if out and hit[0] < out[-1][1]:
            continue
        out.append(hit)
    return out


def _documents_in(text: str) -> list[str]:
    return list(dict.fromkeys(kind for _, _, kind in _doc_hits(text)))


def _gap_kind(gap: str) -> str:
    if re.search(r"\band\b|;|\bas well as\b|\bplus\b|\btogether with\b", gap):
        return "and"
    if re.search(r"\bor\b|/", gap):
        return "or"
    return "comma" if re.fullmatch(r"[\s,]*(?:an?\s+|the\s+)?[\s,]*", gap) else "and"


def _document_spans(text: str) -> list[tuple[str, str]]:
    """A sentence naming several documents -> one (kind, words) per document it asks for.

    Alternatives stay together ('invoices, receipts or letters of authorization'): documents joined by
    'or' (or by commas in a list that ends in 'or') are ways to satisfy one ask, not separate asks.
    """
    hits = _doc_hits(text)
    if len(hits) <= 1:
        return [(hits[0][2], text)] if hits else []
    gaps = [_gap_kind(text[prev[1] : hit[0]]) for prev, hit in itertools.pairwise(hits)]
    for i in range(len(gaps) - 1, -1, -1):  # a comma takes the meaning of the next joiner in its list
        if gaps[i] == "comma":
            gaps[i] = gaps[i + 1] if i + 1 < len(gaps) else "and"
    groups: list[list[tuple[int, int, str]]] = [[hits[0]]]
    for gap, hit in zip(gaps, hits[1:], strict=True):
        if gap == "or" or hit[2] == groups[-1][-1][2]:  # 'photo ID (passport or national ID card)': one ask
            groups[-1].append(hit)
        else:
            groups.append([hit])
    if len(groups) == 1:
        return [(groups[0][0][2], text)]
    out: list[tuple[str, str]] = []
    prev_end = 0
    for i, group in enumerate(groups):
        end = group[-1][1]
        tail = re.match(r"[^,;]*", text[end:])  # words that qualify it ('issued in the last 180 days')
        if i + 1 == len(groups):
            end = len(text)
        else:
            gap = text[end : groups[i + 1][0][0]]
            joiners = list(re.finditer(r"\band\b|;|\bas well as\b|\bplus\b|\btogether with\b", gap))
            if joiners:  # the split is at the joiner: 'invoices and any inspection or test reports'
                end += joiners[-1].start()
            elif tail is not None:
                end = min(end + tail.end(), groups[i + 1][0][0])
        words = text[prev_end:end].strip(" ,;.")
        prev_end = end
        words = re.sub(r"^(?:and|or|as well as|plus|together with)\s+", "", words.strip(" ,;."))
        if i == 0:
            words = re.sub(r"^.*?\b(?=(?:upload|send|submit|provide|attach|include)\b)", "", words, flags=_I)
        out.append((group[0][2], words[:1].upper() + words[1:]))
    kinds = [k for k, _ in out]
    return [(k, w) for n, (k, w) in enumerate(out) if k not in kinds[:n]]


def _part_of(text: str) -> PlanPart | None:
    hits = [(m.start(), part) for part, rx in _PARTS.items() if (m := rx.search(text))]
    hits = [(pos, part) for pos, part in hits if part is not PlanPart.SUPPORTING_DOCUMENTS]
    return min(hits, key=lambda x: x[0])[1] if hits else None


def _step_number(seg: Segment, text: str) -> int | None:
    m = _NUMBERED.match(text)
    if m is None:
        return None
    if m.group(1) or m.group(2):
        return int(m.group(1) or m.group(2))
    return 0  # an order word without a number: numbered later by position


def _clean(text: str) -> str:
    text = re.sub(r"^\W*(?:--|-|\u2022)\s*", "", text)
    # a lead-in whose list follows ('Send us a plan of action with:') ends at what it asks for
    text = re.sub(
        r"\s+(?:with|including|that (?:includes?|covers?|explains?)|covering|containing|describing|explaining"
        r"|as follows|the following)\s*:?\s*$",
        "",
        text,
        flags=_I,
    )
    return clean_evidence(text, _MAX_ASK_CHARS)


def _is_heading_question(seg: Segment) -> bool:
    return seg.is_heading or section_of_text(seg.text) != "body"


def section_of_text(text: str) -> str:
    for name, pattern in _SECTIONS:
        if pattern.search(text):
            return name
    return "body"


class _Builder:
    """Collects asks in reading order, merging follow-up sentences into the ask they qualify."""

    def __init__(self) -> None:
        self.asks: list[NoticeAsk] = []

    def add(self, kind: AskKind, text: str, **extra: object) -> None:
        text = _clean(text)
        if not text:
            return
        for ask in self.asks:
            if ask.text == text:
                return
        doc = extra.get("document")
        if kind is AskKind.DOCUMENT and doc not in (None, "other", "plan_of_action"):
            for i, ask in enumerate(self.asks):
                if ask.kind is AskKind.DOCUMENT and ask.document == doc:
                    if extra.get("rejected") and not ask.rejected:
                        self.asks[i] = ask.model_copy(update={"rejected": True})
                    return
        self.asks.append(
            NoticeAsk.model_validate({"id": f"ask.{len(self.asks) + 1}", "kind": kind, "text": text, **extra})
        )

    def qualify_group(self, start: int, text: str) -> None:
        """A requirement ('issued within the last 90 days') of the document asks made since ``start``."""
        targets = [i for i in range(start, len(self.asks)) if self.asks[i].kind is AskKind.DOCUMENT]
        targets = targets or [i for i in range(len(self.asks)) if self.asks[i].kind is AskKind.DOCUMENT][-1:]
        for i in targets:
            ask = self.asks[i]
            detail = clean_evidence(f"{ask.detail} {_clean(text)}".strip(), 600)
            self.asks[i] = ask.model_copy(update={"detail": detail})

    def qualify_last(self, text: str) -> None:
        """A sentence about the ask before it ('These documents should reflect ...')."""
        if not self.asks:
            return
        last = self.asks[-1]
        detail = clean_evidence(f"{last.detail} {_clean(text)}".strip(), 400)
        self.asks[-1] = last.model_copy(update={"detail": detail})


def _plan_questions(text: str, builder: _Builder, rejected: bool) -> None:
    """'a plan of action describing how you store ... and how you will check ...' -> one question each."""
    m = _DESCRIBES.search(text)
    if m is None:
        return
    for piece in _PIECES.split(m.group("what")):
        piece = piece.strip(" ,;-")
        if _STRUCTURE.fullmatch(piece):
            continue  # 'covers each problem separately': how the plan is laid out, which it always is
        if len(piece.split()) >= 2:
            builder.add(AskKind.QUESTION, piece, part=_part_of(piece), rejected=rejected)


def _add_document(text: str, docs: list[str], builder: _Builder, rejected: bool) -> None:
    for kind, words in _document_spans(text) or [(docs[0], text)]:
        builder.add(AskKind.DOCUMENT, words, document=kind, rejected=rejected)
        if kind == "plan_of_action":
            _plan_questions(words, builder, rejected)


def _classify_item(seg: Segment, lead: str, builder: _Builder, rejected: bool) -> None:
    """One list item or request sentence -> an ask (or a detail of the ask before it)."""
    text = seg.text
    if _NOT_ASK.search(text):
        return
    docs = _documents_in(text)
    number = _step_number(seg, text)
    if number is not None and (_STEP.search(text) or _ORDER_WORDS.search(text)):
        # a numbered step of an ordered list stays a step, even when it names what to send
        builder.add(AskKind.STEP, text, step=number, rejected=rejected, document=docs[0] if docs else None)
        return
    plan_lead = bool(lead) and _PLAN.search(lead) is not None and "plan_of_action" in _documents_in(lead)
    if _ISSUE_LEAD.search(lead) and not _ASK.search(text):
        builder.add(AskKind.ISSUE, text)
        return
    if rejected and lead and _CRITIQUE.search(lead):
        builder.add(
            AskKind.CATEGORY, text, part=_part_of(text), rejected=True, document=docs[0] if docs else None
        )
        return
    if plan_lead and not [d for d in docs if d != "plan_of_action"]:
        builder.add(AskKind.QUESTION, text, part=_part_of(text), rejected=rejected)
        return
    if docs:
        if _REFERS_BACK.search(text) and builder.asks and builder.asks[-1].kind is AskKind.DOCUMENT:
            last_doc = builder.asks[-1].document
            if set(docs) <= {last_doc, "plan_of_action", "other"} or last_doc in docs:
                builder.qualify_last(text)
                return
        _add_document(text, docs, builder, rejected)
        return
    if _REFERS_BACK.search(text) and builder.asks and builder.asks[-1].kind is AskKind.DOCUMENT:
        builder.qualify_last(text)
        return
    if _STEP.search(text) or (number is not None and _ASK.search(text) is None and not _EXPLAIN.search(text)):
        builder.add(AskKind.STEP, text, step=number, rejected=rejected)
        return
    part = _part_of(text)
    if part is not None or text.rstrip().endswith("?") or _EXPLAIN.search(text):
        builder.add(AskKind.QUESTION, text, part=part, rejected=rejected)
        return
    last = builder.asks[-1] if builder.asks else None
    if lead and last is not None and last.kind is AskKind.STEP and _clean(lead).startswith(last.text[:40]):
        builder.qualify_last(text)  # the lines of a step's list ('Fill in the form: - Line 1: your name ...')
        return
    if _REQUIREMENT.search(text) and builder.asks and builder.asks[-1].kind is AskKind.DOCUMENT:
        builder.qualify_last(text)  # 'The name must match the name on the account.': a rule of the last ask
        return
    if lead:
        builder.add(AskKind.DOCUMENT, text, document="other", rejected=rejected)


def _number_steps(asks: list[NoticeAsk]) -> list[NoticeAsk]:
    """Steps of one list keep their order: explicit numbers, else their position among the steps."""
    steps = [a for a in asks if a.kind is AskKind.STEP]
    if len(steps) < 2:
        return [a.model_copy(update={"step": None}) if a.kind is AskKind.STEP else a for a in asks]
    ordered = any(a.step for a in steps) or any(_ORDER_WORDS.search(a.text) for a in steps)
    out: list[NoticeAsk] = []
    n = 0
    for a in asks:
        if a.kind is AskKind.STEP:
            n += 1
            out.append(a.model_copy(update={"step": n if ordered else None}))
        else:
            out.append(a)
    return out


_REQUIREMENT = re.compile(
    r"^(?:the|its|each|every|all|your)\b[^.]{0,60}\b(?:must|should|has to|have to|needs? to)"
    r" (?:match|be|show|include|have|contain|bear|list)\b",
    _I,
)
_STRUCTURE = re.compile(
    r"(?:each|every|all)(?: of the| of these)? (?:problems?|issues?|violations?|complaints?|points?)"
    r" (?:separately|individually|one by one|in turn|on its own)",
    _I,
)
_FOOTER = re.compile(FOOTER, _I)
_TABLE_ROW = re.compile(r"\S(?:\s{3,}|\t)\S.*:\s*\d")


def find_asks(
    doc: Document,
    documents: list[RequestedDocument],
    rejection: Rejection | None,
) -> list[NoticeAsk]:
    """Every ask of the notice, in reading order (ids ask.1, ask.2, ...)."""
    builder = _Builder()
    rejected = rejection is not None
    group_start = 0
    previous: Segment | None = None
    previous_made_ask = False
    for seg in doc.segments:
        same_item = (
            previous is not None
            and previous_made_ask
            and "\n" not in doc.text[previous.end : seg.start]
            and _NUMBERED.match(previous.text) is not None
        )
        before = len(builder.asks)
        previous = seg
        if same_item and not seg.is_heading:
            builder.qualify_last(seg.text)  # the rest of a numbered item ('In that appeal, give us ...')
            previous_made_ask = True
            continue
        previous_made_ask = False
        section = section_of(seg)
        if (
            section in ("send", "error", "consequence")
            or seg.is_heading
            or _TABLE_ROW.search(seg.text)
            or _FOOTER.search(seg.text)
        ):
            continue  # a row of a figures table ('Contact Response Time    Your rate: 89%') asks nothing
        lead = seg.lead
        text = seg.text
        if section_of_text(text) in ("send", "error", "consequence") and text.endswith("?"):
            continue
        if text.endswith(":"):
            if _REQUIREMENTS.search(text):
                continue  # the items say what the documents above must show
            group_start = len(builder.asks)
            # a lead-in that itself names a document ("please send a plan of action that explains:")
            # or a step before the list ("confirm that a valid card is on file and send one of:")
            named = _documents_in(text)
            if named and (_ASK.search(text) or section == "request") and not _NOT_ASK.search(text):
                _add_document(text.rstrip(":"), named, builder, rejected)
            elif _ASK.search(text) or section == "request":
                for clause in re.split(r"\s+and\s+|;\s*", text.rstrip(":")):
                    clause = re.sub(r"^(?:to|in order to) [^,]{0,60},\s*", "", clause.strip(), flags=_I)
                    if _STEP.search(clause) and not _documents_in(clause):
                        builder.add(AskKind.STEP, clause, rejected=rejected)
            continue
        if lead and _REQUIREMENTS.search(lead):
            builder.qualify_group(group_start, text)
            continue
        in_list = bool(lead) and (
            _ASK.search(lead) is not None or section == "request" or _ISSUE_LEAD.search(lead)
        )
        if in_list:
            _classify_item(seg, lead, builder, rejected)
            previous_made_ask = len(builder.asks) > before
            continue
        if text.endswith("?") and _QUESTION_TO_SELLER.search(text) and not _is_heading_question(seg):
            builder.add(AskKind.QUESTION, text, part=_part_of(text), rejected=rejected)
            continue
        if _ASK.search(text) or section == "request":
            if section == "why" and not _ASK.search(text):
                continue
            _classify_item(seg, "", builder, rejected)
            previous_made_ask = len(builder.asks) > before
    # documents the rule tables found but no sentence above turned into an ask
    for d in documents:
        if not any(a.document == d.kind for a in builder.asks):
            builder.add(AskKind.DOCUMENT, d.detail.split(" [")[0] or d.kind, document=d.kind)
    if rejection is not None:
        covered = {a.part for a in builder.asks if a.kind is AskKind.CATEGORY}
        for part in rejection.weak_parts:
            if part in covered:
                continue
            evidence = next(
                (e for e in rejection.evidence if _PARTS[part].search(e)),
                rejection.evidence[0] if rejection.evidence else "",
            )
            builder.add(AskKind.CATEGORY, evidence or part.value.replace("_", " "), part=part, rejected=True)
    return _number_steps(builder.asks)


def decide_response(
    *,
    status: NoticeStatus,
    kinds: list[IssueKind],
    asks: list[NoticeAsk],
    rejection: Rejection | None,
    phishing: list[PhishingSignal],
) -> tuple[ResponseType, str]:
    """The response the notice calls for, and why (DOMAIN.md §4, 'Not every notice wants a Plan of Action')."""
    if is_phishing(phishing):
        return (
            ResponseType.VERIFY_FIRST,
            "the message shows signs of phishing: verify it in Seller Central first",
        )
    docs = {a.document for a in asks if a.kind is AskKind.DOCUMENT} - {None}
    plan_asked = (
        "plan_of_action" in docs or rejection is not None or any(a.kind is AskKind.CATEGORY for a in asks)
    )
    account_off = status in (NoticeStatus.DEACTIVATED, NoticeStatus.PERMANENTLY_DEACTIVATED)
    if kinds and set(kinds) <= _ACCOUNT_KINDS and not plan_asked and docs <= _VERIFICATION_DOCS | {"other"}:
        # identity, tax or payment checks: the documents or steps the notice names, whatever the status
        return ResponseType.DOCUMENTS_ONLY, "the notice asks to verify the account: no plan of action"
    if status in (NoticeStatus.WARNING, NoticeStatus.AT_RISK) and not plan_asked:
        return (
            ResponseType.IMPROVEMENT_PLAN,
            "a warning: nothing has to be sent now; act on an improvement plan",
        )
    policy = [k for k in kinds if k not in _ACCOUNT_KINDS]
    if (
        not plan_asked
        and not policy
        and docs
        and docs <= _VERIFICATION_DOCS | {"supplier_contact", "invoices"}
    ):
        return ResponseType.DOCUMENTS_ONLY, "the notice asks for documents only, not a plan of action"
    if set(kinds) & IP_KINDS and not plan_asked and not account_off:
        return (
            ResponseType.IP_PATH,
            "a rights owner's complaint: a retraction, or proof that it does not apply",
        )
    if status is NoticeStatus.LISTING_REMOVED and not plan_asked and not docs:
        return (
            ResponseType.IMPROVEMENT_PLAN,
            "a listing removed and nothing asked: correct it; nothing has to be sent",
        )
    if status is NoticeStatus.UNKNOWN and not plan_asked and not kinds and not docs:
        return (
            ResponseType.IMPROVEMENT_PLAN,
            "the notice asks for nothing and states no action on the account",
        )
    if plan_asked:
        return ResponseType.PLAN_OF_ACTION, "the notice asks for a plan of action"
    return (
        ResponseType.PLAN_OF_ACTION,
        "the account or listing is affected by a policy issue: a plan of action answers it",
    )
