"""Read a notice's text into a ``Notice``: rules first, an optional second opinion may only add issues.

The rules never execute or obey anything written in the notice: text such as "ignore previous
instructions" is just more sentences to classify.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from appeal_assistant.errors import LLMError, NoticeError
from appeal_assistant.models import Notice, NoticeIssue
from appeal_assistant.notice.classify import (
    find_documents,
    find_funds,
    find_inventory,
    find_issues,
    find_phishing,
    find_rejection,
    find_status,
)
from appeal_assistant.notice.dates import find_deadline, inline_headers
from appeal_assistant.notice.extract import (
    detect_marketplace,
    detect_region,
    file_types,
    find_identifiers,
    find_links,
    find_metric_mentions,
    find_policy_names,
    find_rights_owner,
    find_send_to,
)
from appeal_assistant.notice.marketplaces import (
    MONTH_FIRST_REGIONS,
)
from appeal_assistant.notice.requests import decide_response, find_asks
from appeal_assistant.notice.text import Document, normalize

__all__ = ["MAX_NOTICE_CHARS", "SecondOpinion", "parse_notice", "parse_text"]

#: Longer texts are refused: a notice is a few thousand characters, a long forwarded thread perhaps
#: fifty thousand; reading 500,000 takes a few seconds, more would leave the user waiting for nothing.
MAX_NOTICE_CHARS = 500_000

#: A second reader (e.g. an LLM behind the llm seam): given the text and the rules' Notice, more issues.
SecondOpinion = Callable[[str, Notice], list[NoticeIssue]]

_WS = re.compile(r"\s+")


def _squash(text: str) -> str:
    return _WS.sub(" ", text).strip().lower()


def _add_second_opinion(notice: Notice, second_opinion: SecondOpinion) -> Notice:
    """Add issues of new kinds whose evidence is really in the notice; ignore the rest."""
    try:
        extra = second_opinion(notice.text, notice)
    except LLMError:
        return notice  # the rules' reading stands on its own; an unavailable model changes nothing
    haystack = _squash(notice.text)
    known = set(notice.issue_kinds)
    added: list[NoticeIssue] = []
    for item in extra:
        issue = NoticeIssue.model_validate(item)
        evidence = _squash(issue.evidence)
        if issue.kind not in known and evidence and evidence in haystack:
            known.add(issue.kind)
            added.append(issue)
    return notice.model_copy(update={"issues": [*notice.issues, *added]}) if added else notice


#: Where a forwarded message starts ("---------- Forwarded message ---------", "Begin forwarded message:").
_FORWARD = re.compile(
    r"^[ \t>]*(?:-{2,}\s*(?:forwarded message|weitergeleitete nachricht|message transf[ée]r[ée]|mensaje reenviado"
    r"|messaggio inoltrato)\s*-{2,}|begin forwarded message:|anfang der weitergeleiteten nachricht:)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_QUOTE = re.compile(r"^[ \t]*>[ \t]?")


def unwrap_forward(text: str) -> str:
    """A notice the seller forwarded: the forwarded message itself (its headers and body, one level of '>'
    quoting removed), without the seller's note above it or the older messages quoted inside it."""
    m = _FORWARD.search(text)
    if m is None:
        return text
    out: list[str] = []
    for line in text[m.end() :].splitlines():
        inner = _QUOTE.sub("", line, count=1)
        if _QUOTE.match(inner) or _FORWARD.match(inner):
            continue  # an older message quoted inside the forwarded one (often the seller's own appeal)
        out.append(inner)
    unwrapped = "\n".join(out).strip()
    return unwrapped if len(unwrapped.split()) >= 20 else text


_BOX_RULE = re.compile(r"[ \t]*[+*#|]?[-=+*#_]{2,}(?P<words>[^|]*?)[-=+*#_]{2,}[+*#|]?[ \t]*")
_BOX_SIDES = re.compile(r"^[ \t]*[|\u2502\u2551][ \t]*(?P<inner>.*?)[ \t]*[|\u2502\u2551][ \t]*$")
_LEADER = re.compile(r"(\S)[ \t]*(?:\.{3,}|_{3,}|\u2026+)[ \t]*(?=\S)")


def unbox(text: str) -> str:
    """A text box drawn with characters ('+-- REPORTED BY --+', '| Write to ...... x@y |') as plain lines:
    borders dropped (their words kept), sides stripped, leader dots read as 'label: value'."""
    out: list[str] = []
    for line in text.split("\n"):
        rule = _BOX_RULE.fullmatch(line)
        if rule is not None:
            out.append(rule.group("words").strip(" -=+*#_"))
            continue
        sides = _BOX_SIDES.match(line)
        if sides is not None:
            line = sides.group("inner")
        out.append(_LEADER.sub(r"\1: ", line))
    return "\n".join(out)


def parse_text(
    text: str,
    *,
    notice_date: date | None = None,
    default_date: date | None = None,
    default_sender: str | None = None,
    default_subject: str | None = None,
    second_opinion: SecondOpinion | None = None,
) -> Notice:
    """``parse_notice`` with fallbacks from an e-mail envelope (used when the text came from a file)."""
    if not isinstance(text, str):
        raise NoticeError(f"a notice must be text, got {type(text).__name__!r}")
    clean = unbox(unwrap_forward(normalize(text)))
    if not clean.strip():
        raise NoticeError("the notice is empty; paste or attach the full message the marketplace sent")
    if len(clean) > MAX_NOTICE_CHARS:
        raise NoticeError(
            f"the notice text is {len(clean):,} characters long; a notice is a few thousand, so paste or "
            f"attach only the notice itself (at most {MAX_NOTICE_CHARS:,} characters)"
        )
    doc = Document.from_text(clean)
    headers = inline_headers(doc.text)
    sender = headers.sender or default_sender
    links = find_links(doc.text)
    marketplace = detect_marketplace(doc.text, sender, links)
    region = detect_region(doc.text, marketplace, sender)
    day_first = region not in MONTH_FIRST_REGIONS
    dated = notice_date or headers.date(day_first=day_first) or default_date
    ids = find_identifiers(doc)
    mentions = find_metric_mentions(doc, marketplace)
    deadline = find_deadline(doc, notice_date=dated, day_first=day_first)
    rejection, rejected_by = find_rejection(doc)
    status, status_evidence = find_status(doc, rejection is not None)
    status_evidence = status_evidence or rejected_by
    documents, parts = find_documents(doc, file_types(doc))
    funds, funds_evidence = find_funds(doc)
    inventory, inventory_evidence = find_inventory(doc)
    issues = find_issues(doc, marketplace, mentions)
    owner, owner_email = find_rights_owner(doc.text)
    phishing = find_phishing(doc, links, sender, marketplace)
    asks = find_asks(doc, documents, rejection)
    response, reason = decide_response(
        status=status,
        kinds=list(dict.fromkeys(i.kind for i in issues)),
        asks=asks,
        rejection=rejection,
        phishing=phishing,
    )
    notice = Notice(
        marketplace=marketplace,
        region=region,
        status=status,
        status_evidence=status_evidence,
        issues=issues,
        asins=ids.asins,
        skus=ids.skus,
        order_ids=ids.order_ids,
        complaint_ids=ids.complaint_ids,
        trademark_numbers=ids.trademark_numbers,
        item_ids=ids.item_ids,
        patent_numbers=ids.patent_numbers,
        reference_ids=ids.reference_ids,
        rights_owner=owner,
        rights_owner_email=owner_email,
        send_to=find_send_to(doc.text, marketplace),
        metric_mentions=mentions,
        policy_names=find_policy_names(doc.text),
        links=links,
        notice_date=dated,
        deadline=deadline.date if deadline else None,
        deadline_days=deadline.days if deadline else None,
        funds_held=funds,
        funds_evidence=funds_evidence,
        inventory_at_risk=inventory,
        inventory_evidence=inventory_evidence,
        requested_documents=documents,
        plan_parts_requested=parts,
        rejection=rejection,
        phishing_signals=phishing,
        asks=asks,
        response_type=response,
        response_reason=reason,
        sender=sender,
        subject=headers.subject or default_subject,
        text=clean,
    )
    return _add_second_opinion(notice, second_opinion) if second_opinion is not None else notice


def parse_notice(
    text: str,
    *,
    notice_date: date | None = None,
    second_opinion: SecondOpinion | None = None,
) -> Notice:
    """Read pasted notice text into a Notice, fully offline.

    ``notice_date`` (when the caller knows it) beats a date written in the text; a relative deadline
    ("within 17 days") becomes a date only when one of them is known. ``second_opinion`` may add issue
    kinds the rules missed, but only with evidence quoted from the notice; it never removes anything.
    """
    return parse_text(text, notice_date=notice_date, second_opinion=second_opinion)
