"""The Plan of Action reviewer: scores any plan (drafted here or pasted) and lists problems with fix hints.

Checks (DOMAIN.md §5, knowledge/plan-of-action-common-rejections.md): every notice issue has a section;
every section has root cause, corrective actions and preventive measures; no blame, pleas, promises,
intentions posing as corrective actions, vague phrases or support-case references (the phrase table is
:mod:`appeal_assistant.drafting.phrases`); every notice ASIN covered; metric percentages match the
health report; every number, date, id and name traces to a source (:mod:`.grounding`); no leftover
``[[placeholders]]``; a length a reviewer reads in minutes.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from appeal_assistant.drafting.grounding import build_sources, unsupported_facts
from appeal_assistant.drafting.phrases import GREETING, OWNERSHIP_CUES, RISKY_PHRASES, SPECIFIC_FACT
from appeal_assistant.drafting.plantext import ParsedPlan, from_plan, parse_plan_text
from appeal_assistant.drafting.playbook import PlaybookError, load_playbook
from appeal_assistant.drafting.render import plan_stats, render_text
from appeal_assistant.metrics.policy import POLICIES
from appeal_assistant.models import HealthReport, IssueKind, Notice, PlanOfAction, PlanPart, Severity
from appeal_assistant.notice.patterns import METRIC_NAMES

__all__ = [
    "CODE_SEVERITY",
    "MAX_COUNTED_PER_CODE",
    "MAX_WORDS",
    "SEVERITY_WEIGHTS",
    "ProblemCode",
    "Review",
    "ReviewProblem",
    "Verdict",
    "review_plan",
    "review_text",
]

ProblemCode = Literal[
    "issue_not_addressed",
    "part_missing",
    "blame",
    "emotional_plea",
    "promise",
    "future_tense_action",
    "vague",
    "support_case_reference",
    "asin_not_covered",
    "number_contradicts_findings",
    "unsupported_fact",
    "too_long",
    "placeholder_left",
]
Verdict = Literal["ready", "needs work", "not ready"]

#: Length above which the reviewer warns. No official limit is known (DOMAIN.md §5, UNCERTAIN); a
#: reviewer spends minutes on a plan, and ~700 words is 3.5 minutes at render.WORDS_PER_MINUTE: a page
#: or two, which knowledge/plan-of-action-common-rejections.md says is usually enough. Twice this is
#: a medium problem.
MAX_WORDS = 700

#: Points taken off 100 per problem, by severity.
SEVERITY_WEIGHTS: dict[Severity, int] = {
    Severity.CRITICAL: 40,
    Severity.HIGH: 20,
    Severity.MEDIUM: 10,
    Severity.LOW: 4,
    Severity.INFO: 0,
}
#: Repeats of one code count this many times at most, so one noisy check cannot sink the score alone.
MAX_COUNTED_PER_CODE = 3

#: The severity of each problem code (too_long and part_missing are adjusted where noted).
CODE_SEVERITY: dict[ProblemCode, Severity] = {
    "placeholder_left": Severity.CRITICAL,  # the plan cannot be submitted as it is
    "issue_not_addressed": Severity.CRITICAL,  # an unanswered issue is the likeliest rejection
    "part_missing": Severity.HIGH,  # LOW for supporting documents
    "blame": Severity.HIGH,
    "number_contradicts_findings": Severity.HIGH,
    "future_tense_action": Severity.MEDIUM,
    "vague": Severity.MEDIUM,
    "promise": Severity.MEDIUM,
    "emotional_plea": Severity.MEDIUM,
    "asin_not_covered": Severity.MEDIUM,
    "unsupported_fact": Severity.MEDIUM,
    "support_case_reference": Severity.LOW,
    "too_long": Severity.LOW,  # MEDIUM above twice MAX_WORDS
}
_RANK = {
    s: n
    for n, s in enumerate([Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO])
}
#: A [[placeholder]]; the literal "[[...]]" of the Markdown banner explaining them is not one.
_PLACEHOLDER = re.compile(r"\[\[(?!\.\.\.\]\])[^\[\]]+\]\]")
_SLOT = re.compile(r"\{[a-z_0-9]+(?:[.:][a-zA-Z0-9_.]+)?\}")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")
_PERCENT = re.compile(r"(?<![\w.])(\d{1,3}(?:\.\d+)?)\s?%")
#: Words between a metric's name and a percentage that show the percentage is about something else.
_CLAUSE_BREAK = re.compile(
    r"[,;]|\b(?:because|and|as|which|when|while|since|but|than|against|compared)\b", re.I
)
_CORE_PARTS = (PlanPart.ROOT_CAUSE, PlanPart.CORRECTIVE_ACTIONS, PlanPart.PREVENTIVE_MEASURES)
_PART_WORDS = {
    PlanPart.ROOT_CAUSE: "root cause",
    PlanPart.CORRECTIVE_ACTIONS: "corrective actions",
    PlanPart.PREVENTIVE_MEASURES: "preventive measures",
    PlanPart.SUPPORTING_DOCUMENTS: "supporting documents",
}


class ReviewProblem(BaseModel):
    """One thing a marketplace reviewer would object to, quoted, with how to fix it."""

    model_config = ConfigDict(extra="forbid")

    code: ProblemCode
    severity: Severity
    message: str
    hint: str
    excerpt: str = ""
    issue: IssueKind | None = None
    part: PlanPart | None = None


class Review(BaseModel):
    """A plan's score, verdict, problems and length."""

    model_config = ConfigDict(extra="forbid")

    score: int = Field(ge=0, le=100)
    verdict: Verdict
    problems: list[ReviewProblem] = Field(default_factory=list)
    words: int
    characters: int
    reading_minutes: float
    placeholders: int
    notes: list[str] = Field(default_factory=list, description="checks skipped and why")

    @property
    def codes(self) -> set[str]:
        return {p.code for p in self.problems}


def _problem(
    code: ProblemCode,
    message: str,
    hint: str,
    excerpt: str = "",
    *,
    where: tuple[IssueKind | None, PlanPart | None] = (None, None),
    severity: Severity | None = None,
) -> ReviewProblem:
    return ReviewProblem(
        code=code,
        severity=severity or CODE_SEVERITY[code],
        message=message,
        hint=hint,
        excerpt=excerpt[:240],
        issue=where[0],
        part=where[1],
    )


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def _units(parsed: ParsedPlan) -> list[tuple[str, IssueKind | None, PlanPart | None]]:
    """Every item with the issue and part it sits in (opening, changes and closing have neither)."""
    units: list[tuple[str, IssueKind | None, PlanPart | None]] = [
        (t, None, None) for t in parsed.opening + parsed.changes
    ]
    for s in parsed.sections:
        units += [(t, s.issue, part) for part in PlanPart for t in s.parts.get(part, [])]
        units += [(t, s.issue, None) for t in s.unlabelled]
    return units + [(t, None, None) for t in parsed.closing]


def _phrase_problems(parsed: ParsedPlan) -> list[ReviewProblem]:
    out: list[ReviewProblem] = []
    for text, issue, part in _units(parsed):
        for sentence in _sentences(text):
            seen: set[str] = set()
            for phrase in RISKY_PHRASES:
                if phrase.category in seen:
                    continue
                if phrase.category == "future_tense_action" and part is not PlanPart.CORRECTIVE_ACTIONS:
                    continue
                m = phrase.pattern.search(sentence)
                if m is None:
                    continue
                if phrase.unless_specific and SPECIFIC_FACT.search(sentence):
                    continue
                if phrase.category == "blame" and OWNERSHIP_CUES.search(sentence):
                    continue
                seen.add(phrase.category)
                where = f" in the {_PART_WORDS[part]}" if part else ""
                label = phrase.category.replace("_", " ")
                out.append(
                    _problem(
                        phrase.category,
                        f"{label}{where}: {m.group(0)!r}",
                        phrase.hint,
                        sentence,
                        where=(issue, part),
                    )
                )
    return out


def _issue_problems(parsed: ParsedPlan, notice: Notice | None) -> list[ReviewProblem]:
    out: list[ReviewProblem] = []
    covered = {s.issue for s in parsed.sections if s.issue is not None}
    for kind in notice.issue_kinds if notice else []:
        if kind not in covered:
            words = kind.value.replace("_", " ")
            out.append(
                _problem(
                    "issue_not_addressed",
                    f"the notice raises {words!r} but no section of the plan answers it",
                    f"Add a section headed with the issue ({words}) with its own root cause, corrective "
                    "actions and preventive measures; several issues lumped together are read as unanswered.",
                    next((i.evidence for i in notice.issues if i.kind is kind), "") if notice else "",
                    where=(kind, None),
                )
            )
    return out


def _part_problems(parsed: ParsedPlan, notice: Notice | None) -> list[ReviewProblem]:
    out: list[ReviewProblem] = []
    wants_documents = notice is not None and any(
        d.kind != "plan_of_action" for d in notice.requested_documents
    )
    for s in parsed.sections:
        name = s.title or (s.issue.value.replace("_", " ") if s.issue else "the plan")
        parts = list(_CORE_PARTS) + ([PlanPart.SUPPORTING_DOCUMENTS] if wants_documents else [])
        for part in parts:
            if s.parts.get(part):
                continue
            words = _PART_WORDS[part]
            documents = part is PlanPart.SUPPORTING_DOCUMENTS
            out.append(
                _problem(
                    "part_missing",
                    f"no {words} found for {name!r}",
                    "List the documents the notice asks for under a 'Supporting documents' heading."
                    if documents
                    else f"Add a '{words.capitalize()}' heading under {name!r} with its own bullets; "
                    "reviewers look for all three parts for every issue.",
                    where=(s.issue, part),
                    severity=Severity.LOW if documents else None,
                )
            )
    return out


def _asin_problems(text: str, notice: Notice | None) -> list[ReviewProblem]:
    if notice is None:
        return []
    missing = [a for a in notice.asins if a not in text]
    if not missing:
        return []
    return [
        _problem(
            "asin_not_covered",
            f"{len(missing)} ASIN(s) of the notice are not mentioned: {', '.join(missing[:12])!r}",
            "Name every ASIN of the notice under the issue it belongs to and say what was done for it "
            "(checked, removed, relisted with documents).",
        )
    ]


def _metric_patterns() -> list[tuple[IssueKind, re.Pattern[str]]]:
    return [(kind, re.compile(rf"(?:{pattern})", re.I)) for kind, pattern, _ in METRIC_NAMES]


def _known_values(kind: IssueKind, notice: Notice | None, report: HealthReport | None) -> list[float]:
    """Every percentage a plan may state for ``kind``: report values and thresholds, notice mentions."""
    ids = {p.id for p in POLICIES if p.issue is kind}
    values: list[float] = []
    for m in report.metrics if report else []:
        if m.id in ids:
            values += [v * 100 for v in (m.value, m.threshold) if v is not None]
    for mention in notice.metric_mentions if notice else []:
        if mention.metric in ids or mention.metric == kind.value:
            values.append(mention.value * 100)
    return values


def _matches(stated: str, known: list[float]) -> bool:
    """True when ``stated`` is a known value rounded (or cut) to the decimals it shows."""
    digits = len(stated.split(".", 1)[1]) if "." in stated else 0
    value, scale = float(stated), 10**digits
    return any(
        abs(value - k) <= 0.5 / scale + 1e-9 or abs(math.floor(k * scale + 1e-9) / scale - value) < 1e-9
        for k in known
    )


def _stated_percent(sentence: str, name: re.Match[str]) -> str | None:
    """The percentage the sentence gives for the metric ``name`` names ('LSR of 3%', 'a 3% LSR')."""
    after = sentence[name.end() :]
    pct = _PERCENT.search(after)
    if pct is not None:
        gap = re.sub(r"\([^)]*\)", " ", after[: pct.start()])
        if len(gap.split()) <= 6 and not _CLAUSE_BREAK.search(gap):
            return pct.group(1)
    before = sentence[max(0, name.start() - 12) : name.start()]
    leads = list(_PERCENT.finditer(before))
    if leads and before[leads[-1].end() :].strip() == "":
        return leads[-1].group(1)
    return None


def _number_problems(
    parsed: ParsedPlan, notice: Notice | None, report: HealthReport | None
) -> list[ReviewProblem]:
    out: list[ReviewProblem] = []
    names = _metric_patterns()
    for text, issue, part in _units(parsed):
        for sentence in _sentences(text):
            for kind, pattern in names:
                for name in pattern.finditer(sentence):
                    stated = _stated_percent(sentence, name)
                    known = _known_values(kind, notice, report)
                    if stated is None or not known or _matches(stated, known):
                        continue
                    shown = ", ".join(dict.fromkeys(f"{k:.2f}%" for k in sorted(known)))
                    out.append(
                        _problem(
                            "number_contradicts_findings",
                            f"{name.group(0)!r} is stated as {stated + '%'!r}, but the data and notice show {shown} "
                            "(values and targets)",
                            "Use the value from the health report (and name its window) or correct the figure.",
                            sentence,
                            where=(issue, part),
                        )
                    )
    return out


def _playbook_texts(kinds: set[IssueKind]) -> list[str]:
    """The fixed wording of the playbooks for ``kinds`` (slots blanked): policy facts such as '24 hours'."""
    texts: list[str] = []
    for kind in sorted(kinds):
        try:
            book = load_playbook(kind)
        except PlaybookError:
            continue
        items = [*book.root_causes, *book.corrective_actions, *book.preventive_measures, *book.documents]
        texts += [_SLOT.sub(" ", i.text.replace("<<", " ").replace(">>", " ")) for i in items]
    return texts


def _fact_problems(
    parsed: ParsedPlan,
    notice: Notice | None,
    report: HealthReport | None,
    answers: dict[str, str] | None,
    stated: list[str],
) -> list[ReviewProblem]:
    kinds = {s.issue for s in parsed.sections if s.issue is not None} | set(
        notice.issue_kinds if notice else []
    )
    extra = stated + _playbook_texts(kinds)
    sources = build_sources(notice=notice, report=report, answers=answers, extra_texts=extra)
    out: list[ReviewProblem] = []
    seen: set[tuple[str, str]] = set()
    for text, issue, part in _units(parsed):
        if text in parsed.closing or GREETING.match(text):
            continue  # a greeting or signature names people, it does not state facts
        for fact in unsupported_facts(text, sources):
            if (fact.kind, fact.value) in seen:
                continue
            seen.add((fact.kind, fact.value))
            out.append(
                _problem(
                    "unsupported_fact",
                    f"{fact.kind} {fact.value!r} is not in the notice, the data or your answers",
                    "Check the figure against your records; if it is right, state it as an answer (or "
                    "'add fact: ...') so it is on file, otherwise correct or remove it.",
                    fact.excerpt,
                    where=(issue, part),
                )
            )
    return out


def _score(problems: list[ReviewProblem]) -> int:
    counted: Counter[str] = Counter()
    score = 100
    for p in problems:
        counted[p.code] += 1
        if counted[p.code] <= MAX_COUNTED_PER_CODE:
            score -= SEVERITY_WEIGHTS[p.severity]
    return max(0, score)


def _review(
    parsed: ParsedPlan,
    text: str,
    *,
    notice: Notice | None,
    report: HealthReport | None,
    answers: dict[str, str] | None,
    stated: list[str],
) -> Review:
    stats = plan_stats(text)
    words = int(stats["words"])
    notes: list[str] = []
    problems = _issue_problems(parsed, notice) + _part_problems(parsed, notice)
    problems += _phrase_problems(parsed) + _asin_problems(text, notice)
    if report is not None or (notice is not None and notice.metric_mentions):
        problems += _number_problems(parsed, notice, report)
    else:
        notes.append("metric figures not compared: no health report or notice figures given")
    if notice is None and report is None and not answers:
        notes.append("facts not checked against sources: no notice, health report or answers given")
    else:
        problems += _fact_problems(parsed, notice, report, answers, stated)
    if notice is None:
        notes.append("issue and ASIN coverage not checked: no notice given")
    placeholders = _PLACEHOLDER.findall(text)
    if placeholders:
        shown = ", ".join(dict.fromkeys(placeholders[:5]))
        problems.append(
            _problem(
                "placeholder_left",
                f"{len(placeholders)} placeholder(s) still to fill: {shown!r}",
                "Answer the open questions (or 'add fact: ...') so every [[...]] is replaced by the real fact.",
            )
        )
    if words > MAX_WORDS:
        sizes = {s.title or "(untitled)": sum(len(t.split()) for t in s.texts()) for s in parsed.sections}
        longest = max(sizes, key=lambda k: sizes[k]) if sizes else ""
        problems.append(
            _problem(
                "too_long",
                f"the plan has {words} words (about {stats['reading_minutes']} minutes to read), over the "
                f"{MAX_WORDS}-word guide"
                + (f"; longest section: {longest!r} ({sizes[longest]} words)" if sizes else ""),
                "Cut background, apologies and repeated detail; keep one bullet per fact ('shorter' does this).",
                severity=Severity.MEDIUM if words > 2 * MAX_WORDS else None,
            )
        )
    problems.sort(key=lambda p: _RANK[p.severity])
    score = _score(problems)
    if placeholders or any(p.severity is Severity.CRITICAL for p in problems):
        verdict: Verdict = "not ready"
    elif any(_RANK[p.severity] <= _RANK[Severity.MEDIUM] for p in problems) or score < 80:
        verdict = "needs work"
    else:
        verdict = "ready"
    return Review(
        score=score,
        verdict=verdict,
        problems=problems,
        words=words,
        characters=int(stats["characters"]),
        reading_minutes=float(stats["reading_minutes"]),
        placeholders=len(placeholders),
        notes=notes,
    )


def review_plan(
    plan: PlanOfAction,
    *,
    notice: Notice | None = None,
    report: HealthReport | None = None,
    answers: dict[str, str] | None = None,
) -> Review:
    """Review a structured plan; facts the seller added by revision count as stated answers."""
    stated = [
        ref.quote
        for section in plan.sections
        for _, item in section.items()
        for ref in item.refs
        if ref.kind == "answer" and ref.ref.startswith("revision:") and ref.quote
    ]
    return _review(
        from_plan(plan), render_text(plan), notice=notice, report=report, answers=answers, stated=stated
    )


def review_text(
    text: str,
    *,
    notice: Notice | None = None,
    report: HealthReport | None = None,
    answers: dict[str, str] | None = None,
) -> Review:
    """Review plan text pasted by the seller (plain text or Markdown)."""
    parsed = parse_plan_text(text)
    return _review(parsed, text, notice=notice, report=report, answers=answers, stated=[])
