"""Offline revisions of a Plan of Action: shorter, more detail, add a fact, remove a sentence, more formal.

Every revision returns a NEW plan (the input is never changed) and must change something; an instruction
that would leave the plan as it was raises :class:`InputError` saying what to do instead. Free-text
instructions are read with the small intent table ``INTENTS``.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

from appeal_assistant.drafting.composer import compose_plan, mark_readiness
from appeal_assistant.drafting.context import DATA_PLACEHOLDERS
from appeal_assistant.drafting.phrases import (
    CONTRACTIONS,
    INFORMAL_WORDS,
    PART_CUES,
    RISKY_PHRASES,
    issue_in,
    part_in,
)
from appeal_assistant.drafting.playbook import PlaybookError, TemplateItem, load_playbook, question_index
from appeal_assistant.drafting.render import plan_stats, render_submission
from appeal_assistant.errors import InputError
from appeal_assistant.models import (
    FactRef,
    HealthReport,
    IssueKind,
    Notice,
    PlanItem,
    PlanOfAction,
    PlanPart,
    PlanSection,
)

__all__ = ["INTENTS", "RevisionKind", "RevisionRequest", "parse_instruction", "revise_plan"]

RevisionKind = Literal["shorter", "more_detail", "add_fact", "remove", "more_formal"]

_PLEASE = r"^(?:please\s+|can you\s+|could you\s+)?"
#: Free-text instruction -> revision kind, first match wins. Named groups: ``arg`` (the text to add or
#: remove) and ``target`` (the part or issue it is about).
_INTENT_ROWS: tuple[tuple[RevisionKind, str], ...] = (
    (
        "add_fact",
        r"(?:add|include|insert|state)(?: (?:a|this|the|one))?(?: fact)?(?: (?:to|in|under|for) "
        r"(?:the )?(?P<target>[^:]{1,80}?))?\s*:\s*(?P<arg>.+)$",
    ),
    ("add_fact", r"(?:add|mention|include|state) that (?P<arg>.+)$"),
    (
        "remove",
        r"(?:remove|delete|drop|take out|strike)(?: the)?(?: (?:sentence|line|bullet|item|text))?"
        r"(?: (?:that says|saying|containing|with|about))?\s*:?\s*(?P<arg>.+)$",
    ),
    (
        "shorter",
        r"(?:make (?:it|this|the plan|the draft) )?(?:shorter|more concise|briefer|less wordy|tighter)\b",
    ),
    ("shorter", r"(?:shorten|condense|trim|tighten)\b.*$|cut (?:it |this |the plan )?(?:down|back)\b.*$"),
    ("shorter", r"(?:reduce|cut) the (?:length|word count)\b.*$|.*\btoo long\b.*$"),
    (
        "more_formal",
        r"(?:make (?:it|this|the plan|the draft|the tone) )?(?:more (?:formal|professional)|"
        r"less (?:casual|informal))\b.*$|formali[sz]e\b.*$|.*\bformal tone\b.*$",
    ),
    (
        "more_detail",
        r"(?:add |give |write |provide )?(?:more|greater) (?:detail|details|depth|specifics)"
        r"(?: (?:on|about|for|in|of|under|to))?(?P<target>.*)$",
    ),
    (
        "more_detail",
        r"(?:expand|elaborate|strengthen|go deeper|be more specific)(?: (?:on|about|in))?"
        r"(?P<target>.*)$",
    ),
)
INTENTS: tuple[tuple[RevisionKind, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(_PLEASE + pattern, re.I | re.S)) for kind, pattern in _INTENT_ROWS
)
_UNDERSTOOD = (
    "'shorter' (or 'make it shorter', 'cut it down'), 'more detail on <part or issue>' (e.g. 'more detail on "
    "the root cause'), 'add fact: <text>' (or 'add to corrective actions: <text>'), 'remove: <words of the "
    "sentence>', 'more formal'"
)
#: Sentences "shorter" drops first: they add words a reviewer skips (see the phrase table's sources).
_FILLER = {"emotional_plea", "promise", "support_case_reference"}
_SLOT = re.compile(r"\{[a-z_0-9]+(?:[.:][a-zA-Z0-9_.]+)?\}")
_OPTIONAL = re.compile(r"<<(.*?)>>", re.S)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_REVISION = re.compile(r"^revision:(\d+)$")
_FIELDS: dict[PlanPart, str] = {
    PlanPart.ROOT_CAUSE: "root_causes",
    PlanPart.CORRECTIVE_ACTIONS: "corrective_actions",
    PlanPart.PREVENTIVE_MEASURES: "preventive_measures",
    PlanPart.SUPPORTING_DOCUMENTS: "supporting_documents",
}


class RevisionRequest(BaseModel):
    """One revision: its kind, the text it carries, and the part or issue it is about."""

    model_config = ConfigDict(extra="forbid")

    kind: RevisionKind
    argument: str = ""
    part: PlanPart | None = None
    issue: IssueKind | None = None

    @model_validator(mode="after")
    def _needs_argument(self) -> RevisionRequest:
        if self.kind in ("add_fact", "remove") and not self.argument.strip():
            raise ValueError(f"a {self.kind!r} revision needs the text to {self.kind.split('_')[0]}")
        return self


def parse_instruction(text: str) -> RevisionRequest:
    """Read a free-text instruction ("make it shorter", "add to prevention: ...") into a request."""
    cleaned = text.strip().rstrip(".!").strip()
    for kind, pattern in INTENTS:
        m = pattern.match(cleaned)
        if m is None:
            continue
        groups = m.groupdict()
        target = (groups.get("target") or "").strip()
        argument = (groups.get("arg") or "").strip().strip("\"'“”‘’").strip()
        if kind in ("add_fact", "remove") and not argument:
            continue
        return RevisionRequest(
            kind=kind, argument=argument, part=part_in(target) if target else None, issue=issue_in(target)
        )
    raise InputError(f"instruction {text!r} not understood; understood: {_UNDERSTOOD}")


def _parts(section: PlanSection) -> dict[PlanPart, list[PlanItem]]:
    return {part: getattr(section, name) for part, name in _FIELDS.items()}


def _all_items(plan: PlanOfAction) -> list[PlanItem]:
    items = [i for i in (plan.opening, plan.closing) if i is not None] + list(plan.changes_since_last)
    return items + [item for s in plan.sections for _, item in s.items()]


def _placeholder_text(key: str) -> str:
    if key.startswith("data:"):
        return DATA_PLACEHOLDERS.get(key[5:].split(".", 1)[0], key[5:])
    question = question_index().get(key)
    return question.placeholder if question else key


def _refresh(plan: PlanOfAction) -> PlanOfAction:
    """Drop placeholder keys whose [[text]] is gone and recompute what is missing and readiness."""
    for item in _all_items(plan):
        item.placeholders = [k for k in item.placeholders if f"[[{_placeholder_text(k)}]]" in item.text]
    mark_readiness(plan)
    return plan


def _words(plan: PlanOfAction) -> int:
    return int(plan_stats(render_submission(plan))["words"])


# --------------------------------------------------------------------------- shorter


def _template_regex(template: str) -> re.Pattern[str]:
    """A pattern matching what ``composer.render_template`` makes of ``template``; optional parts are groups."""
    text = re.sub(r"\s+", " ", template.strip())

    def literal(chunk: str) -> str:
        pieces = _SLOT.split(chunk)
        return ".+?".join(re.escape(p) for p in pieces)

    out, pos = [], 0
    for n, m in enumerate(_OPTIONAL.finditer(text)):
        out += [literal(text[pos : m.start()]), f"(?P<opt{n}>{literal(m.group(1))})?"]
        pos = m.end()
    out.append(literal(text[pos:]))
    return re.compile("".join(out), re.S)


def _templates(kind: IssueKind) -> dict[PlanPart, list[TemplateItem]]:
    try:
        book = load_playbook(kind)
    except PlaybookError:
        return {}
    return {
        PlanPart.ROOT_CAUSE: list(book.root_causes),
        PlanPart.CORRECTIVE_ACTIONS: book.corrective_actions,
        PlanPart.PREVENTIVE_MEASURES: book.preventive_measures,
        PlanPart.SUPPORTING_DOCUMENTS: book.documents,
    }


def _match(item: PlanItem, templates: list[TemplateItem]) -> tuple[TemplateItem, re.Match[str]] | None:
    for t in templates:
        literals = [
            p.strip() for p in _SLOT.split(re.sub(r"(?:<<|>>|\s)+", " ", t.text)) if len(p.strip()) > 3
        ]
        if not all(lit in item.text for lit in literals):
            continue  # a cheap filter before the regex
        m = _template_regex(t.text).fullmatch(item.text)
        if m is not None:
            return t, m
    return None


def _trim(item: PlanItem, templates: list[TemplateItem]) -> PlanItem:
    """The item without its template's optional passages and filler sentences."""
    text = item.text
    found = _match(item, templates)
    if found is not None:
        m = found[1]
        spans = [m.span(g) for g in m.groupdict() if m.group(g)]
        for start, end in sorted(spans, reverse=True):
            text = text[:start] + text[end:]
    sentences = _SENTENCE_END.split(text)
    kept = [s for s in sentences if not _is_filler(s)] if len(sentences) > 1 else sentences
    text = re.sub(r"\s+", " ", " ".join(kept or sentences)).strip()
    return item.model_copy(update={"text": text})


def _is_filler(sentence: str) -> bool:
    return any(p.category in _FILLER and p.pattern.search(sentence) for p in RISKY_PHRASES)


def _shorter(plan: PlanOfAction) -> PlanOfAction:
    for section in plan.sections:
        templates = _templates(section.issue)
        for part, items in _parts(section).items():
            tmpl = templates.get(part, [])
            detail = [t for t in tmpl if t.detail]
            keep = [i for i in items if _match(i, detail) is None and not _is_filler(i.text)] or items[:1]
            if part is PlanPart.SUPPORTING_DOCUMENTS:
                keep = keep[:1]
            items[:] = [_trim(i, tmpl) for i in keep]
    return plan


# --------------------------------------------------------------------------- more detail


def _more_detail(
    plan: PlanOfAction,
    req: RevisionRequest,
    notice: Notice | None,
    report: HealthReport | None,
    answers: dict[str, str] | None,
) -> PlanOfAction:
    if notice is None and report is None:
        raise InputError(
            "'more detail' needs the case's notice or health report to recompose from; "
            "add facts with 'add fact: <text>' instead"
        )
    parts = [req.part] if req.part else list(PlanPart)
    base = compose_plan(notice, report, answers, kind=plan.kind)
    rich = compose_plan(notice, report, answers, kind=plan.kind, strengthen=parts)
    for section in plan.sections:
        if req.issue is not None and section.issue is not req.issue:
            continue
        b = next((s for s in base.sections if s.issue is section.issue), None)
        r = next((s for s in rich.sections if s.issue is section.issue), None)
        if b is None or r is None:
            continue
        current, before, after = _parts(section), _parts(b), _parts(r)
        for part in parts:
            known = {i.text for i in before[part]} | {i.text for i in current[part]}
            current[part].extend(i for i in after[part] if i.text not in known)
    return plan


# --------------------------------------------------------------------------- add, remove, formal


def _add_fact(plan: PlanOfAction, req: RevisionRequest) -> PlanOfAction:
    if not plan.sections:
        raise InputError("the plan has no issue section to add a fact to; compose a draft first")
    fact = req.argument.strip()
    fact = fact[0].upper() + fact[1:]
    if not fact.endswith((".", "!", "?")):
        fact += "."
    numbers = [int(m.group(1)) for i in _all_items(plan) for r in i.refs if (m := _REVISION.match(r.ref))]
    ref = FactRef(kind="answer", ref=f"revision:{max(numbers, default=0) + 1}", quote=req.argument.strip())
    issue = req.issue or issue_in(fact)
    section = next((s for s in plan.sections if s.issue is issue), plan.sections[0])
    part = req.part or next((p for p, cue in PART_CUES if cue.search(fact)), PlanPart.ROOT_CAUSE)
    _parts(section)[part].append(PlanItem(text=fact, refs=[ref]))
    return plan


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip().lower()


def _remove(plan: PlanOfAction, req: RevisionRequest) -> PlanOfAction:
    needle = _norm(req.argument).rstrip(".;:! ")
    if not needle:
        raise InputError(f"nothing to remove in {req.argument!r}; quote a few words of the sentence")
    hits = [i for i in _all_items(plan) if needle in _norm(i.text)]
    if not hits:
        raise InputError(
            f"nothing in the plan contains {req.argument!r}; quote a few words exactly as they appear"
        )
    if len(hits) > 1:
        shown = "; ".join(repr(h.text[:60]) for h in hits[:4])
        raise InputError(
            f"{req.argument!r} appears in {len(hits)} places ({shown}); quote more of the sentence"
        )
    item = hits[0]
    sentences = _SENTENCE_END.split(item.text)
    kept = [s for s in sentences if needle not in _norm(s)]
    if len(kept) == len(sentences) or not kept:
        kept = []  # the words span sentences, or the item is only that sentence: drop the item
    if kept:
        item.text = " ".join(kept)
        return plan
    if plan.opening is item:
        plan.opening = None
    elif plan.closing is item:
        plan.closing = None
    plan.changes_since_last = [i for i in plan.changes_since_last if i is not item]
    for section in plan.sections:
        for items in _parts(section).values():
            items[:] = [i for i in items if i is not item]
    return plan


def _case_like(word: str, replacement: str) -> str:
    if word[:1].isupper() and not (len(word) > 1 and word.isupper()):
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _replace_keeping_case(pattern: str, replacement: str, text: str) -> str:
    def swap(m: re.Match[str]) -> str:
        return _case_like(m.group(0), replacement)

    return re.sub(pattern, swap, text, flags=re.I)


def _formal_text(text: str) -> str:
    # Whole words ("won't", "it's") first, then suffixes ("n't", "'ve") on any word.
    whole = [(k, v) for k, v in CONTRACTIONS.items() if k[0].isalpha() and k != "n't"]
    suffixes = [(k, v) for k, v in CONTRACTIONS.items() if (k, v) not in whole]
    for short, long in whole + suffixes:
        word = short.replace("'", "['’]")
        text = _replace_keeping_case(
            rf"\b{word}\b" if (short, long) in whole else rf"(?<=\w){word}\b", long, text
        )
    for informal, formal in INFORMAL_WORDS.items():
        text = _replace_keeping_case(rf"\b{re.escape(informal)}\b", formal, text)
    return text


def _more_formal(plan: PlanOfAction) -> PlanOfAction:
    for item in _all_items(plan):
        item.text = _formal_text(item.text)
    return plan


# --------------------------------------------------------------------------- entry point


def revise_plan(
    plan: PlanOfAction,
    instruction: str | RevisionRequest,
    *,
    notice: Notice | None = None,
    report: HealthReport | None = None,
    answers: dict[str, str] | None = None,
) -> PlanOfAction:
    """A new plan with the revision applied; InputError when the instruction is unknown or changes nothing."""
    req = parse_instruction(instruction) if isinstance(instruction, str) else instruction
    new = plan.model_copy(deep=True)
    if req.kind == "shorter":
        _shorter(new)
        if _words(new) >= _words(plan):
            raise InputError(
                "the plan has no detail items, extra documents or optional sentences left to cut; "
                "remove a sentence with 'remove: <words of the sentence>'"
            )
    elif req.kind == "more_detail":
        _more_detail(new, req, notice, report, answers)
    elif req.kind == "add_fact":
        _add_fact(new, req)
    elif req.kind == "remove":
        _remove(new, req)
    else:
        _more_formal(new)
    _refresh(new)
    if new == plan:
        what = {
            "more_detail": "the offline playbook has no more detail for that part; add facts with "
            "'add fact: <text>' or draft with an LLM",
            "more_formal": "the plan has no contractions or informal words to replace",
        }.get(req.kind, "nothing changed")
        raise InputError(f"revision {req.kind!r} left the plan unchanged: {what}")
    return new
