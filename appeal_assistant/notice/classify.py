"""What a notice means: issues, status, requests, rejection feedback, money at stake, phishing signs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from appeal_assistant.models import (
    IssueKind,
    Marketplace,
    MetricMention,
    NoticeIssue,
    NoticeStatus,
    PhishingSignal,
    PlanPart,
    Rejection,
    RequestedDocument,
)
from appeal_assistant.notice.asks import (
    CRITIQUE_CUES,
    DOCUMENT_AGE,
    DOCUMENT_RULES,
    FOOTER,
    FUNDS_HELD,
    FUNDS_NOT_HELD,
    INVENTORY_AT_RISK,
    NOT_NEEDED_AFTER,
    PLAN_CONTEXT,
    PLAN_PART_PHRASES,
    PRAISE_CUES,
    REJECTION_OUTCOME,
    REJECTION_REVIEWED,
    REJECTION_STRONG,
    REQUEST_CUES,
)
from appeal_assistant.notice.extract import (
    email_domain,
    host_of,
    is_healthy_value,
    is_known_host,
    lookalike_hosts,
)
from appeal_assistant.notice.marketplaces import (
    PHISHING_RULES,
)
from appeal_assistant.notice.patterns import (
    CLAUSE_BREAKS,
    COMPLIANCE_VERBS,
    CONTRAST_CUES,
    HEALTHY_CUES,
    ISSUE_RULES,
    LIST_CUES,
    METRIC_NAMES,
    NEGATION_CUES,
    REFERENCE_CUES,
    STATUS_PRIORITY,
    STATUS_RULES,
    SUBORDINATE_CONJUNCTIONS,
    SUBSUMED,
)
from appeal_assistant.notice.requests import section_of
from appeal_assistant.notice.text import Document, Segment, clean_evidence

__all__ = [
    "find_documents",
    "find_funds",
    "find_inventory",
    "find_issues",
    "find_phishing",
    "find_rejection",
    "find_status",
    "negated",
]

_I = re.IGNORECASE


def _rx(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), _I)


_ISSUES = [(rule, _rx(*rule.patterns)) for rule in ISSUE_RULES]
_STATUSES = {rule.status: _rx(*rule.patterns) for rule in STATUS_RULES}
_DOCUMENTS = [(rule.kind, _rx(*rule.patterns)) for rule in DOCUMENT_RULES]
_PHISHING = [(rule.kind, _rx(*rule.patterns)) for rule in PHISHING_RULES]
_PARTS = {part: _rx(p) for part, p in PLAN_PART_PHRASES.items()}
_REQUESTED_PARTS = (PlanPart.ROOT_CAUSE, PlanPart.CORRECTIVE_ACTIONS, PlanPart.PREVENTIVE_MEASURES)
_NEGATION, _BREAKS = _rx(NEGATION_CUES), _rx(CLAUSE_BREAKS)
_COMPLIANCE = _rx(COMPLIANCE_VERBS)
_NOT_NEEDED = re.compile(NOT_NEEDED_AFTER, _I)
_SUBORDINATE = _rx(SUBORDINATE_CONJUNCTIONS)
_IF = _rx(r"\b(?:if|unless|should|in case|whether)\b")
_LIST, _REFERENCE, _HEALTHY = _rx(LIST_CUES), _rx(REFERENCE_CUES), _rx(HEALTHY_CUES)
_REQUEST, _PLAN = _rx(REQUEST_CUES), _rx(PLAN_CONTEXT)
_CRITIQUE, _PRAISE, _CONTRAST = _rx(CRITIQUE_CUES), _rx(PRAISE_CUES), _rx(CONTRAST_CUES)
_STRONG, _REVIEWED, _OUTCOME = _rx(REJECTION_STRONG), _rx(REJECTION_REVIEWED), _rx(REJECTION_OUTCOME)
_FUNDS, _NO_FUNDS, _INVENTORY = _rx(FUNDS_HELD), _rx(FUNDS_NOT_HELD), _rx(INVENTORY_AT_RISK)
_WINDOW = _rx(DOCUMENT_AGE)
_WINDOWED = frozenset({"invoices", "utility_bill", "bank_statement", "credit_card_statement"})
_PERFORMANCE = frozenset(kind for kind, _, _ in METRIC_NAMES)
_POLICY_KINDS = frozenset(IssueKind) - _PERFORMANCE


def negated(text: str, start: int) -> bool:
    """True when a negation ('not', 'no', 'never', 'without') governs the words at ``start``."""
    before = text[:start]
    last_break = max(_BREAKS.finditer(before), key=lambda m: m.start(), default=None)
    clause = before[last_break.end() :] if last_break else before
    if last_break is not None and _SUBORDINATE.fullmatch(last_break.group(0)) and "," in clause:
        clause = clause[clause.rfind(",") + 1 :]  # "if you do not appeal, your inventory ..." -> main clause
    window = " ".join(clause.split()[-12:])
    cue = max(_NEGATION.finditer(window), key=lambda m: m.start(), default=None)
    return cue is not None and not _COMPLIANCE.search(window[cue.end() :])


def _negated_nearby(text: str, start: int) -> bool:
    """A negation among the three words before ``start``, within the same clause ('will not be held')."""
    clause = re.split(r"[,;:.!?]", text[:start])[-1]
    return _NEGATION.search(" ".join(clause.split()[-3:])) is not None


def _conditional(text: str, start: int) -> bool:
    """True when the words at ``start`` sit in an 'if ...' clause ('if your appeal is not accepted')."""
    clause = re.split(r"[,;:.!?]", text[:start])[-1]
    return _IF.search(clause) is not None


def _stake_hits(doc: Document, pattern: re.Pattern[str]) -> Iterator[Segment]:
    """Segments stating a consequence ('funds will be held'), unless its verb is negated ('not be held')."""
    for seg in doc.candidates(pattern):
        for m in pattern.finditer(seg.text):
            verb_at = m.start() + m.group(0).rstrip().rfind(" ") + 1
            if not _negated_nearby(seg.text, m.start()) and not _negated_nearby(seg.text, verb_at):
                yield seg
                break


def _hits(doc: Document, pattern: re.Pattern[str]) -> Iterator[tuple[Segment, re.Match[str]]]:
    """Every (segment, match) of ``pattern`` whose words are not negated, in reading order."""
    for seg in doc.candidates(pattern):
        for m in pattern.finditer(seg.text):
            if not negated(seg.text, m.start()):
                yield seg, m


def _first(doc: Document, pattern: re.Pattern[str]) -> Segment | None:
    return next((seg for seg, _ in _hits(doc, pattern)), None)


# ------------------------------------------------------------------------------------ issues


def _policy_kinds_in(text: str, marketplace: Marketplace) -> set[IssueKind]:
    return {
        rule.kind
        for rule, rx in _ISSUES
        if rule.kind in _POLICY_KINDS
        and (rule.marketplaces is None or marketplace in rule.marketplaces)
        and rx.search(text)
    }


_FOOTER = re.compile(FOOTER, re.IGNORECASE)


def _raises(
    seg: Segment, m: re.Match[str], kind: IssueKind, marketplace: Marketplace, mentions: list[MetricMention]
) -> bool:
    """Whether this sentence really raises ``kind`` (not an example list, a help link or a healthy metric)."""
    if _REFERENCE.search(seg.text) or _LIST.search(seg.text[: m.start()]) or _FOOTER.search(seg.text):
        return False
    if kind in _POLICY_KINDS and len(_policy_kinds_in(seg.text, marketplace)) >= 3:
        return False  # a list of policies, not an accusation
    if kind in _PERFORMANCE:
        if _HEALTHY.search(seg.text):
            return False
        values = [x.value for x in mentions if x.metric == kind.value and x.text == clean_evidence(seg.text)]
        if values and all(is_healthy_value(kind, v, marketplace) for v in values):
            return False
    return True


_ASIDE_SECTIONS = frozenset({"request", "send", "error", "consequence"})
#: "If you are the trademark owner, send ...": a condition on who the seller is, not an accusation.
_WHO_YOU_ARE = re.compile(
    r"\bif you (?:are|are not|aren't|were) (?:the |a |an )?(?:trade ?mark|brand|rights?|patent|copyright)"
    r"[\w -]{0,20}(?:owner|holder)|\bif you (?:own|hold) the (?:trade ?mark|brand|rights?)",
    _I,
)


def _aside(seg: Segment) -> bool:
    """A sentence that only says what to send, how, or what happens otherwise (not why)."""
    if section_of(seg) in _ASIDE_SECTIONS or _WHO_YOU_ARE.search(seg.context) is not None:
        return True
    # a bare heading or team name ('Amazon Product Authenticity and Quality', not a subject line), or what a
    # policy is for ('our listing policies exist so that customers get...') names a topic, not a violation
    # a label row or a table row (a colon, a figure) is a fact: "Complaint type: Used sold as new"
    bare_title = _is_title(seg.text) and not re.search(r"[:\d]", seg.text)
    return bare_title or _POLICY_PURPOSE.search(seg.text) is not None


_POLICY_PURPOSE = re.compile(
    r"\bpolic(?:y|ies) (?:exists?|(?:is|are) (?:there|in place|designed)|helps?|protects?|ensures?|aims?)\b",
    _I,
)


def _with_referent(doc: Document, seg: Segment) -> str:
    """'This product type is restricted': the sentence before says which product type."""
    if seg.index > 0 and re.match(r"(?:this|these|that|those|such)\b", seg.text, _I):
        before = doc.segments[seg.index - 1]
        if not before.is_heading and before.heading == seg.heading:
            return f"{before.text} {seg.text}"
    return seg.text


_TITLE = re.compile(r"^\s*(?:subject|re|fwd?|title)\s*:", _I)


def _is_title(text: str) -> bool:
    """A subject line or a bare title ('Review of your selling account - drop shipping')."""
    return bool(_TITLE.match(text)) or (len(text.split()) <= 10 and not re.search(r"[.!?]\s*$", text))


def find_issues(doc: Document, marketplace: Marketplace, mentions: list[MetricMention]) -> list[NoticeIssue]:
    """Every issue kind the notice raises, with the first sentence that raises it, in reading order.

    A kind named only where the notice says what to send ("if you are the trademark owner, send the
    registration") is not raised, unless the notice raises nothing anywhere else.
    """
    found: dict[IssueKind, tuple[int, NoticeIssue, bool]] = {}
    for rule, pattern in _ISSUES:
        if rule.marketplaces is not None and marketplace not in rule.marketplaces:
            continue
        if rule.kind in found and not found[rule.kind][2]:
            continue
        for seg, m in _hits(doc, pattern):
            if not _raises(seg, m, rule.kind, marketplace, mentions):
                continue
            aside = _aside(seg)
            if rule.kind in found and aside:
                continue
            titled = rule.kind in found and _is_title(found[rule.kind][1].evidence)
            found[rule.kind] = (
                found[rule.kind][0] if titled else seg.start,  # the title places the issue first
                NoticeIssue(kind=rule.kind, evidence=clean_evidence(_with_referent(doc, seg))),
                aside,
            )
            if not aside and not (seg.is_heading or _is_title(seg.text)):
                break  # a subject line or heading names the issue; a sentence of the body is its evidence
    main = {k: v for k, v in found.items() if not v[2]}
    kept = main or found
    for keeper, dropped, only_about in SUBSUMED:
        if keeper in kept and dropped in kept and re.search(only_about, kept[dropped][1].evidence, _I):
            del kept[dropped]
    order = list(IssueKind)
    return [issue for _, issue, _ in sorted(kept.values(), key=lambda x: (x[0], order.index(x[1].kind)))]


# ------------------------------------------------------------------------------------ status and rejection


def find_rejection(doc: Document) -> tuple[Rejection | None, str]:
    """Whether the notice turns down an earlier appeal, which plan parts it found weak, and the sentence."""
    outcome = next((seg for seg, m in _hits(doc, _STRONG) if not _conditional(seg.text, m.start())), None)
    if outcome is None:
        for seg in doc.candidates(_REVIEWED):
            near = doc.segments[seg.index : seg.index + 4]
            outcome = next(
                (s for s in near for m in _OUTCOME.finditer(s.text) if not _conditional(s.text, m.start())),
                None,
            )
            if outcome is not None:
                break
    if outcome is None:
        return None, ""
    weak: list[PlanPart] = []
    evidence: list[str] = []
    for seg in doc.segments:
        lead_critique = bool(seg.lead) and _CRITIQUE.search(seg.lead) is not None
        named: list[PlanPart] = []
        # "your root cause was clear, but the corrective actions were too vague": judge each clause
        for clause in _CONTRAST.split(seg.text):
            if _PRAISE.search(clause) or not (lead_critique or _CRITIQUE.search(clause)):
                continue
            named += [part for part, rx in _PARTS.items() if rx.search(clause) and part not in named]
            if PlanPart.SUPPORTING_DOCUMENTS not in named and any(
                rx.search(clause) for kind, rx in _DOCUMENTS if kind != "plan_of_action"
            ):
                named.append(PlanPart.SUPPORTING_DOCUMENTS)
        weak += [part for part in named if part not in weak]
        if named:
            evidence.append(clean_evidence(seg.context))
    weak.sort(key=list(PlanPart).index)
    return Rejection(weak_parts=weak, evidence=evidence), clean_evidence(outcome.text)


def find_status(doc: Document, rejected: bool) -> tuple[NoticeStatus, str]:
    """The most severe status the notice states, and the sentence it was read from.

    A status in an 'if ...' clause is not stated ("if your account is deactivated, ..."). A rejection
    that states no status leaves the account as it was: deactivated.
    """
    for status in STATUS_PRIORITY:
        pattern = _STATUSES.get(status)
        if pattern is None:
            continue
        seg = next((s for s, m in _hits(doc, pattern) if not _conditional(s.text, m.start())), None)
        if seg is not None:
            return status, clean_evidence(seg.text)
    if rejected:
        return NoticeStatus.DEACTIVATED, ""
    return NoticeStatus.UNKNOWN, ""


# ------------------------------------------------------------------------------------ requests


def _is_request(seg: Segment) -> bool:
    return _REQUEST.search(seg.context) is not None or seg.in_request_section


def _window(text: str) -> int | None:
    m = _WINDOW.search(text)
    return int(next(g for g in m.groups() if g)) if m else None


def find_documents(doc: Document, file_types: list[str]) -> tuple[list[RequestedDocument], list[PlanPart]]:
    """What the notice asks the seller to send, and which parts of a plan of action it names."""
    documents: list[RequestedDocument] = []
    for kind, pattern in _DOCUMENTS:
        seg = next(
            (s for s, m in _hits(doc, pattern) if _is_request(s) and not _NOT_NEEDED.match(s.text, m.end())),
            None,
        )
        if seg is None:
            continue
        detail = clean_evidence(seg.text, 240)
        days = _window(seg.text)
        if days is not None and kind in _WINDOWED:
            detail += f" [window: {days} days]"
        if file_types and kind != "plan_of_action":
            detail += f" [files: {', '.join(file_types)}]"
        documents.append(RequestedDocument.model_validate({"kind": kind, "detail": detail}))
    parts: list[PlanPart] = []
    if any(d.kind == "plan_of_action" for d in documents):
        # no negation test here: "so that it does not happen again" asks for prevention
        for seg in doc.segments:
            if _PLAN.search(seg.context) and _is_request(seg):
                parts += [p for p in _REQUESTED_PARTS if p not in parts and _PARTS[p].search(seg.text)]
    parts.sort(key=list(PlanPart).index)
    return documents, parts


# ------------------------------------------------------------------------------------ money and stock


def find_funds(doc: Document) -> tuple[bool | None, str]:
    """True when funds are (or will be) held, False when the notice says they are not, else None."""
    seg = next(_stake_hits(doc, _FUNDS), None)
    if seg is not None:
        return True, clean_evidence(seg.text)
    seg = next(iter(doc.candidates(_NO_FUNDS)), None)
    return (False, clean_evidence(seg.text)) if seg is not None else (None, "")


def find_inventory(doc: Document) -> tuple[bool | None, str]:
    """True when the notice says stored inventory may be removed, disposed of or destroyed."""
    seg = next(_stake_hits(doc, _INVENTORY), None)
    return (True, clean_evidence(seg.text)) if seg is not None else (None, "")


# ------------------------------------------------------------------------------------ phishing


def find_phishing(
    doc: Document, links: list[str], sender: str | None, marketplace: Marketplace
) -> list[PhishingSignal]:
    """Signs that the message imitates a marketplace: password or payment asks, foreign links, messengers."""
    signals: list[PhishingSignal] = []
    for kind, pattern in _PHISHING:
        seg = _first(doc, pattern)
        if seg is not None:
            signals.append(
                PhishingSignal.model_validate({"kind": kind, "evidence": clean_evidence(seg.text)})
            )
    foreign: list[str] = []
    for link in links:
        host = host_of(link)
        if host and not is_known_host(host) and host not in foreign:
            foreign.append(host)
            signals.append(PhishingSignal(kind="foreign_link", evidence=f"link to {host!r}: {link}"))
    for host in lookalike_hosts(doc.text):
        if host not in foreign:
            foreign.append(host)
            signals.append(PhishingSignal(kind="foreign_link", evidence=f"look-alike address {host!r}"))
    domain = email_domain(sender)
    if domain is not None and not is_known_host(domain, marketplace):
        signals.append(
            PhishingSignal(
                kind="sender_mismatch",
                evidence=f"sent from {sender!r}, which is not one of {marketplace.value}'s domains",
            )
        )
    return signals
