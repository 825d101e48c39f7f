"""Filling a playbook template from a section's facts, and the conditions that choose templates.

A ``{slot}`` with a value becomes that value (with a reference to its source); a slot without one
becomes a visible ``[[placeholder]]`` named after what is missing. ``<<...>>`` marks an optional
passage, kept only when every slot inside it has a value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from appeal_assistant.drafting.context import DASHBOARDS, DATA_PLACEHOLDERS, SectionContext, driver_is
from appeal_assistant.drafting.playbook import Condition, Question, question_index
from appeal_assistant.models import FactRef, PlanItem, PlanKind

__all__ = ["holds", "render_template", "sentence_case"]

_SLOT = re.compile(r"\{([a-z_0-9]+(?:[.:][a-zA-Z0-9_.]+)?)\}")
_OPTIONAL = re.compile(r"<<(.*?)>>", re.S)
_I = re.IGNORECASE


def render_template(
    template: str, ctx: SectionContext, questions: Mapping[str, Question] | None = None
) -> PlanItem:
    """Fill a template's slots; each missing slot becomes a [[placeholder]] named after what is missing.

    A sentence whose data gaps are two or more (no report given: a rate, its period, its counts) becomes
    one placeholder for that sentence instead of a row of identical ones.
    """
    refs: list[FactRef] = []
    missing: list[str] = []
    known = {**question_index(), **(questions or {})}

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if ctx.has(name):
            ref = ctx.refs[name]
            if ref not in refs:
                refs.append(ref)
            value = ctx.values[name]
            before = match.string[: match.start()].rstrip()
            if name.startswith("answer:"):
                value = _fit_subject(before, value)
                if not before or before[-1] in ".:!?":
                    value = sentence_case(value)
            return value
        if name.startswith("answer:"):
            qid = name.split(":", 1)[1]
            question = known.get(qid)
            key = qid
            label = question.placeholder if question else qid
        else:
            head = name.split(".", 1)[0]
            key = f"data:{name}"
            label = DATA_PLACEHOLDERS.get(head, name)
            market = ctx.values.get("notice.market") or ctx.values.get("metric.market")
            if market in DASHBOARDS:
                label = label.replace("performance dashboard", DASHBOARDS[market])
        if key not in missing:
            missing.append(key)
        return f"\x00{label}\x00" if key.startswith("data:") else f"[[{label}]]"

    def optional(match: re.Match[str]) -> str:
        inner = match.group(1)
        return inner if all(ctx.has(name) for name in _SLOT.findall(inner)) else ""

    text = _OPTIONAL.sub(optional, template.strip())
    text = _SLOT.sub(fill, text)
    text = re.sub(r"\s+", " ", text).strip()
    sentences = []
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        gaps = re.findall(r"\x00([^\x00]*)\x00", sentence)
        if len(gaps) >= 2 and "[[" not in sentence:
            sentence = f"[[{gaps[0]}]]" + ("." if sentence.rstrip().endswith(".") else "")
        sentences.append(re.sub(r"\x00([^\x00]*)\x00", r"[[\1]]", sentence))
    return PlanItem(text=" ".join(sentences), refs=refs, placeholders=missing)


_SUBJECT = re.compile(r"\b(we|I|our team)\s*$", _I)
_LEADING_WHEN = re.compile(r"^((?:on|since|from|in) [^,]{1,40}?),? (?:we|I) (.+)$", _I)


def _fit_subject(before: str, value: str) -> str:
    """'... we {answer}' with the answer 'we moved ...' or 'on 3 May we moved ...' reads once, not twice."""
    subject = _SUBJECT.search(before)
    if subject is None:
        return value
    word = subject.group(1)
    if value.lower().startswith(word.lower() + " "):
        return value[len(word) + 1 :]
    when = _LEADING_WHEN.match(value)
    if when is not None:
        return f"{when.group(2)} {when.group(1)}"
    return value


def sentence_case(value: str) -> str:
    """Capitalise an answer that starts a sentence ('on 3 May we ...'), not 'eBay' or 'iPhone'."""
    if value and value[0].islower() and not re.match(r"^[a-z]+[A-Z]", value):
        return value[0].upper() + value[1:]
    return value


def _mentions(ctx: SectionContext, patterns: list[str]) -> bool:
    haystack = " ".join([ctx.notice.text if ctx.notice else "", *ctx.answers.values()])
    return any(re.search(p, haystack, _I) for p in patterns)


def holds(cond: Condition, ctx: SectionContext, plan_kind: PlanKind) -> bool:
    """Whether every key of ``cond`` holds for this section's facts."""
    notice = ctx.notice
    checks: list[bool] = []
    if cond.driver_dimension is not None:
        checks.append(driver_is(ctx, cond.driver_dimension))
    if cond.has_driver is not None:
        checks.append((ctx.driver is not None) == cond.has_driver)
    if cond.has_spike is not None:
        checks.append((ctx.spike is not None) == cond.has_spike)
    if cond.channel is not None:
        checks.append(ctx.metric is not None and ctx.metric.channel.value == cond.channel)
    if cond.answered is not None:
        checks.append(all(q in ctx.answers for q in cond.answered))
    if cond.unanswered is not None:
        checks.append(not any(q in ctx.answers for q in cond.unanswered))
    if cond.notice_has is not None:
        checks.append(notice is not None and all(getattr(notice, a) for a in cond.notice_has))
    if cond.marketplace is not None:
        checks.append(ctx.marketplace == cond.marketplace)
    if cond.rejected is not None:
        checks.append((notice is not None and notice.rejection is not None) == cond.rejected)
    if cond.plan_kind is not None:
        checks.append(plan_kind == cond.plan_kind)
    if cond.mentions is not None:
        checks.append(_mentions(ctx, cond.mentions))
    if cond.not_mentions is not None:
        checks.append(not _mentions(ctx, cond.not_mentions))
    return all(checks)
