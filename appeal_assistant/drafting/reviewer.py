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
from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from appeal_assistant.drafting.grounding import build_sources, unsupported_facts
from appeal_assistant.drafting.phrases import (
    _BLAME_HINT,
    GREETING,
    ISSUE_KEYWORDS,
    OWNERSHIP_CUES,
    RISKY_PHRASES,
    SPECIFIC_FACT,
)
from appeal_assistant.drafting.plantext import ParsedPlan, from_plan, parse_plan_text
from appeal_assistant.drafting.playbook import PlaybookError, load_playbook
from appeal_assistant.drafting.render import plan_stats, render_submission
from appeal_assistant.drafting.review_content import (
    blame_in,
    is_boilerplate,
    is_specific,
    link_gaps,
    owns_fault,
    uncovered_asks,
)
from appeal_assistant.metrics.policy import POLICIES
from appeal_assistant.models import HealthReport, IssueKind, Notice, PlanOfAction, PlanPart, Severity
from appeal_assistant.notice.patterns import METRIC_NAMES

__all__ = [
    "CODE_HINTS",
    "CODE_SEVERITY",
    "MAX_COUNTED_PER_CODE",
    "MAX_WORDS",
    "SEVERITY_WEIGHTS",
    "BlameScorer",
    "ProblemCode",
    "Review",
    "ReviewProblem",
    "Verdict",
    "review_plan",
    "review_text",
]

# fmt: off
ProblemCode = Literal[
    "issue_not_addressed", "part_missing", "blame", "emotional_plea", "promise", "future_tense_action", "vague",
    "support_case_reference", "asin_not_covered", "number_contradicts_findings", "unsupported_fact", "too_long",
    "placeholder_left", "ask_not_answered", "cause_not_answered", "not_specific", "boilerplate",
]
# fmt: on
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
    "ask_not_answered": Severity.HIGH,  # a document, step or question of the notice left out
    "cause_not_answered": Severity.MEDIUM,  # a root cause no action or measure answers
    "not_specific": Severity.MEDIUM,  # actions without dates or counts, measures without a schedule
    "boilerplate": Severity.LOW,  # a sentence any template would write
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
#: How to fix each problem (phrase problems use the hint of the phrase-table row that matched).
CODE_HINTS: dict[ProblemCode, str] = {
    "placeholder_left": "Answer the open questions (or 'add fact: ...') so every [[...]] holds the real fact.",
    "issue_not_addressed": "Give the issue its own heading with its own root cause, corrective actions and "
    "preventive measures; issues lumped together are read as unanswered.",
    "part_missing": "Add the missing part under its own heading with bullets; reviewers look for root cause, "
    "corrective actions and preventive measures under every issue.",
    "number_contradicts_findings": "Use the value from the health report (and name its window) or correct it.",
    "asin_not_covered": "Name every ASIN of the notice under the issue it belongs to and say what was done "
    "for it (checked, removed, relisted with documents).",
    "unsupported_fact": "Check it against your records; if it is right, state it as an answer (or 'add fact: "
    "...') so it is on file, otherwise correct or remove it.",
    "too_long": "Cut background, apologies and repeated detail; keep one bullet per fact ('shorter' does this).",
    "ask_not_answered": "Answer it explicitly: name the document you attach, the step you took (with its date) or "
    "the answer to the question; the reviewer checks every point of the notice.",
    "cause_not_answered": "Add the corrective action that fixed this cause and the control that now prevents it; "
    "a measure that answers another problem does not count.",
    "not_specific": "Add the facts a reviewer checks: dates and counts for what was done; what is checked, by whom "
    "and how often for what now prevents it.",
    "boilerplate": "Delete the sentence or replace it with a fact of this case; templated text reads as if the "
    "case was not looked at.",
}
_DOCUMENTS_HINT = "List the documents the notice asks for under a 'Supporting documents' heading."
_RANK = {s: n for n, s in enumerate(reversed(list(Severity)))}  # critical first
#: A [[placeholder]]; the literal "[[...]]" of the Markdown banner explaining them is not one.
_PLACEHOLDER = re.compile(r"\[\[(?!\.\.\.\]\])[^\[\]]+\]\]")
_SLOT = re.compile(r"\{[a-z_0-9]+(?:[.:][a-zA-Z0-9_.]+)?\}")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")
_PERCENT = re.compile(r"(?<![\w.])(\d{1,3}(?:\.\d+)?)\s?%")
#: Words between a metric's name and a percentage that show the percentage is about something else.
_CLAUSE_BREAK = re.compile(
    r"[,;]|\b(?:because|and|as|which|when|while|since|but|than|against|compared)\b", re.I
)
_METRIC_NAMES = [(kind, re.compile(f"(?:{pattern})", re.I)) for kind, pattern, _ in METRIC_NAMES]
_CORE_PARTS = (PlanPart.ROOT_CAUSE, PlanPart.CORRECTIVE_ACTIONS, PlanPart.PREVENTIVE_MEASURES)
_Unit = tuple[str, IssueKind | None, PlanPart | None]


def _words_of(part: PlanPart) -> str:
    return "root cause" if part is PlanPart.ROOT_CAUSE else part.value.replace("_", " ")


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
    excerpt: str = "",
    where: tuple[IssueKind | None, PlanPart | None] = (None, None),
    *,
    hint: str | None = None,
    severity: Severity | None = None,
) -> ReviewProblem:
    return ReviewProblem(
        code=code,
        severity=severity or CODE_SEVERITY[code],
        message=message,
        hint=hint or CODE_HINTS[code],
        excerpt=excerpt[:240],
        issue=where[0],
        part=where[1],
    )


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def _units(parsed: ParsedPlan) -> list[_Unit]:
    """Every item with the issue and part it sits in (opening, changes and closing have neither)."""
    units: list[_Unit] = [(t, None, None) for t in parsed.opening + parsed.changes]
    for s in parsed.sections:
        units += [(t, s.issue, part) for part in PlanPart for t in s.parts.get(part, [])]
        units += [(t, s.issue, None) for t in s.unlabelled]
    return units + [(t, None, None) for t in parsed.closing]


#: Where a plan explains what happened (the root cause, or text outside the parts): the blame model reads
#: these; actions and measures say what the seller did, and topic words there ('asked the rights owner to
#: retract') look like blame to a model of meaning without being it.
_EXPLAINING_PARTS = (PlanPart.ROOT_CAUSE, None)

#: Scores sentences for blame by meaning (probabilities in [0, 1]); None when it cannot run.
BlameScorer = Callable[[list[str]], "list[float] | None"]


def _meaning_problems(
    candidates: list[tuple[str, IssueKind | None, PlanPart | None]], scorer: BlameScorer
) -> list[ReviewProblem]:
    """Blame the phrase rules missed, judged from each sentence's meaning (a medium problem: less certain)."""
    from appeal_assistant.drafting.blame_model import BLAME_THRESHOLD

    scores = scorer([sentence for sentence, _, _ in candidates]) if candidates else []
    out: list[ReviewProblem] = []
    for (sentence, issue, part), score in zip(candidates, scores or [], strict=False):
        if score >= BLAME_THRESHOLD:
            where = f" in the {_words_of(part)}" if part else ""
            message = f"reads as blaming someone else{where} (judged by meaning, {score:.0%} sure)"
            out.append(
                _problem(
                    "blame", message, sentence, (issue, part), severity=Severity.MEDIUM, hint=_BLAME_HINT
                )
            )
    return out


def _phrase_problems(parsed: ParsedPlan, scorer: BlameScorer | None = None) -> list[ReviewProblem]:
    out: list[ReviewProblem] = []
    candidates: list[tuple[str, IssueKind | None, PlanPart | None]] = []
    for text, issue, part in _units(parsed):
        for sentence in _sentences(text):
            seen: set[str] = set()
            for phrase in RISKY_PHRASES:
                if phrase.category in seen or (
                    phrase.category == "future_tense_action" and part is not PlanPart.CORRECTIVE_ACTIONS
                ):
                    continue
                m = phrase.pattern.search(sentence)
                if (
                    m is None
                    or (phrase.unless_specific and SPECIFIC_FACT.search(sentence))
                    or (phrase.category == "blame" and OWNERSHIP_CUES.search(sentence))
                ):
                    continue
                seen.add(phrase.category)
                where = f" in the {_words_of(part)}" if part else ""
                message = f"{phrase.category.replace('_', ' ')}{where}: {m.group(0)!r}"
                out.append(_problem(phrase.category, message, sentence, (issue, part), hint=phrase.hint))
            where = f" in the {_words_of(part)}" if part else ""
            if "blame" not in seen and (words := blame_in(sentence, text)) is not None:
                out.append(
                    _problem("blame", f"blame{where}: {words!r}", sentence, (issue, part), hint=_BLAME_HINT)
                )
            elif (
                "blame" not in seen
                and part in _EXPLAINING_PARTS
                and not owns_fault(sentence, text)
                and not _PLACEHOLDER.search(sentence)
            ):
                candidates.append((sentence, issue, part))
            if (words := is_boilerplate(sentence)) is not None:
                out.append(
                    _problem("boilerplate", f"template sentence{where}: {words!r}", sentence, (issue, part))
                )
    return out + (_meaning_problems(candidates, scorer) if scorer is not None else [])


def _content_problems(
    parsed: ParsedPlan, text: str, notice: Notice | None, *, linked: bool = False
) -> list[ReviewProblem]:
    """Asks of the notice left out, causes nothing answers, parts with no checkable fact."""
    out: list[ReviewProblem] = []
    for ask in uncovered_asks(notice, text) if notice is not None else []:
        out.append(
            _problem("ask_not_answered", f"the notice asks for this and the plan does not answer it: {ask!r}")
        )
    sections = [
        (
            s.issue,
            s.title,
            {part: [t for t in texts if not _PLACEHOLDER.search(t)] for part, texts in s.parts.items()},
        )
        for s in parsed.sections
    ]
    for gap in link_gaps(sections) if not linked else []:
        what = "corrective action" if gap.part is PlanPart.CORRECTIVE_ACTIONS else "preventive measure"
        message = f"no {what} answers the root cause {gap.cause!r}"
        out.append(_problem("cause_not_answered", message, gap.cause, (gap.issue, gap.part)))
    for s in parsed.sections:
        for part, what in (
            (PlanPart.CORRECTIVE_ACTIONS, "no date or count in the corrective actions"),
            (PlanPart.PREVENTIVE_MEASURES, "no schedule, owner or start date in the preventive measures"),
        ):
            items = [t for t in s.parts.get(part, []) if not _PLACEHOLDER.search(t)]
            if items and not any(is_specific(t) for t in items):
                name = s.title or (s.issue.value.replace("_", " ") if s.issue else "the plan")
                out.append(_problem("not_specific", f"{what} of {name!r}", items[0], (s.issue, part)))
    return out


def _coverage_problems(parsed: ParsedPlan, text: str, notice: Notice | None) -> list[ReviewProblem]:
    """Notice issues without a section, sections without a part, notice ASINs the plan never names."""
    out: list[ReviewProblem] = []
    covered = {s.issue for s in parsed.sections}
    # a plan written by parts, not by issue headings, answers the issues its text speaks about; one section
    # with all three parts answers a single-issue notice whatever its heading says
    whole = [s for s in parsed.sections if all(s.parts.get(p) for p in _CORE_PARTS)]
    kinds = list(dict.fromkeys(i.kind for i in (notice.issues if notice else [])))
    for issue in notice.issues if notice else []:
        if issue.kind in covered:
            continue
        covered.add(issue.kind)
        named = ISSUE_KEYWORDS.get(issue.kind)
        if whole and (len(kinds) == 1 or (named is not None and named.search(text))):
            continue
        words = issue.kind.value.replace("_", " ")
        organized = any(sec.issue_from == "heading" for sec in parsed.sections)
        if whole and not organized:  # a plan that lumps the issues together: weaker, but not unanswered
            message = f"the notice raises {words!r} and the plan does not answer it under its own heading"
            out.append(
                _problem(
                    "issue_not_addressed",
                    message,
                    issue.evidence,
                    (issue.kind, None),
                    severity=Severity.MEDIUM,
                )
            )
            continue
        message = f"the notice raises {words!r} but no section of the plan answers it"
        out.append(_problem("issue_not_addressed", message, issue.evidence, (issue.kind, None)))
    wants_documents = notice is not None and any(
        d.kind != "plan_of_action" for d in notice.requested_documents
    )
    for s in parsed.sections:
        name = s.title or (s.issue.value.replace("_", " ") if s.issue else "the plan")
        for part in [*_CORE_PARTS, *([PlanPart.SUPPORTING_DOCUMENTS] if wants_documents else [])]:
            if not s.parts.get(part):
                docs = part is PlanPart.SUPPORTING_DOCUMENTS
                message = f"no {_words_of(part)} found for {name!r}"
                out.append(
                    _problem(
                        "part_missing",
                        message,
                        where=(s.issue, part),
                        hint=_DOCUMENTS_HINT if docs else None,
                        severity=Severity.LOW if docs else None,
                    )
                )
    missing = [a for a in notice.asins if a not in text] if notice else []
    if missing:
        message = f"{len(missing)} ASIN(s) of the notice are not mentioned: {', '.join(missing[:12])!r}"
        out.append(_problem("asin_not_covered", message))
    return out


def _known_values(
    kind: IssueKind, notice: Notice | None, report: HealthReport | None, sentence: str = ""
) -> list[float]:
    """Every percentage a plan may state for ``kind``: report values and thresholds, notice mentions, and
    for a plan item naming a driver (a carrier, a SKU) that driver's rate and the rate of the rest."""
    ids = {p.id for p in POLICIES if p.issue is kind}
    values = [
        m.value * 100 for m in (notice.metric_mentions if notice else []) if m.metric in ids | {kind.value}
    ]
    for m in report.metrics if report else []:
        if m.id in ids:
            values += [v * 100 for v in (m.value, m.threshold) if v is not None]
    for f in report.findings if report else []:
        # a driver's own rate and the rate of the rest, when the sentence names the driver's value
        named = f.evidence_value("value")
        if sentence and f.metric_id in ids and isinstance(named, str) and named and named in sentence:
            for item in f.evidence:
                rate = item.value if item.label in ("rate", "rate elsewhere") else None
                if isinstance(rate, str) and (hit := re.fullmatch(r"(\d+(?:\.\d+)?)%", rate)):
                    values.append(float(hit.group(1)))
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
    return leads[-1].group(1) if leads and not before[leads[-1].end() :].strip() else None


def _number_problems(
    parsed: ParsedPlan, notice: Notice | None, report: HealthReport | None
) -> list[ReviewProblem]:
    out: list[ReviewProblem] = []
    for text, issue, part in _units(parsed):
        for sentence in _sentences(text):
            for kind, pattern in _METRIC_NAMES:
                for name in pattern.finditer(sentence):
                    stated = _stated_percent(sentence, name)
                    # "its return rate was 27.27%": the rate of the driver the sentence names, not ours
                    about_driver = re.search(r"\b(?:its|their|whose)\s+$", sentence[: name.start()], re.I)
                    known = _known_values(kind, notice, report, text if about_driver else "")
                    if stated is None or not known or _matches(stated, known):
                        continue
                    shown = ", ".join(dict.fromkeys(f"{k:.2f}%" for k in sorted(known)))
                    message = (
                        f"{name.group(0)!r} is stated as {stated + '%'!r}, but the data and notice show "
                        f"{shown} (values and targets)"
                    )
                    out.append(_problem("number_contradicts_findings", message, sentence, (issue, part)))
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
    kinds = {s.issue for s in parsed.sections if s.issue} | set(notice.issue_kinds if notice else [])
    sources = build_sources(
        notice=notice, report=report, answers=answers, extra_texts=stated + _playbook_texts(kinds)
    )
    out: list[ReviewProblem] = []
    seen: set[tuple[str, str]] = set()
    for text, issue, part in _units(parsed):
        if text in parsed.closing or GREETING.match(text):
            continue  # a greeting or signature names people, it does not state facts
        for fact in unsupported_facts(text, sources):
            if (fact.kind, fact.value) not in seen:
                seen.add((fact.kind, fact.value))
                message = f"{fact.kind} {fact.value!r} is not in the notice, the data or your answers"
                out.append(_problem("unsupported_fact", message, fact.excerpt, (issue, part)))
    return out


def _length_problems(parsed: ParsedPlan, words: int, minutes: float) -> list[ReviewProblem]:
    if words <= MAX_WORDS:
        return []
    message = f"the plan has {words} words (about {minutes} minutes to read), over the {MAX_WORDS}-word guide"
    sizes = {s.title or "(untitled)": sum(len(t.split()) for t in s.texts()) for s in parsed.sections}
    if sizes:
        longest = max(sizes, key=lambda k: sizes[k])
        message += f"; longest section: {longest!r} ({sizes[longest]} words)"
    return [_problem("too_long", message, severity=Severity.MEDIUM if words > 2 * MAX_WORDS else None)]


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
    seller_written: bool = False,
    linked: bool = False,
    blame_scorer: BlameScorer | None = None,
) -> Review:
    stats = plan_stats(text)
    words, minutes = int(stats["words"]), float(stats["reading_minutes"])
    notes: list[str] = []
    problems = _coverage_problems(parsed, text, notice) + _phrase_problems(parsed, blame_scorer)
    problems += _content_problems(parsed, text, notice, linked=linked)
    if notice is None:
        notes.append("issue and ASIN coverage not checked: no notice given")
    if report is not None or (notice is not None and notice.metric_mentions):
        problems += _number_problems(parsed, notice, report)
    else:
        notes.append("metric figures not compared: no health report or notice figures given")
    if notice is None and report is None and not answers:
        notes.append("facts not checked against sources: no notice, health report or answers given")
    elif seller_written:
        # the seller knows their business: a fact we cannot trace is worth a second look, not a penalty
        for p in _fact_problems(parsed, notice, report, answers, stated):
            notes.append(f"not found in the sources (check it is right): {p.message.split(' is not in')[0]}")
    else:
        problems += _fact_problems(parsed, notice, report, answers, stated)
    placeholders = _PLACEHOLDER.findall(text)
    if placeholders:
        shown = ", ".join(dict.fromkeys(placeholders[:5]))
        problems.append(
            _problem("placeholder_left", f"{len(placeholders)} placeholder(s) still to fill: {shown!r}")
        )
    problems += _length_problems(parsed, words, minutes)
    if words == 0:
        problems.append(
            _problem(
                "part_missing",
                "the plan is empty: it has no root cause, corrective actions or preventive measures",
                severity=Severity.CRITICAL,
                hint="Write (or draft) the plan first: one section per issue with all three parts.",
            )
        )
    problems.sort(key=lambda p: _RANK[p.severity])
    score = _score(problems)
    verdict: Verdict = "ready"
    if placeholders or any(p.severity is Severity.CRITICAL for p in problems):
        verdict = "not ready"
    elif any(_RANK[p.severity] <= _RANK[Severity.MEDIUM] for p in problems) or score < 80:
        verdict = "needs work"
    return Review(
        score=score,
        verdict=verdict,
        problems=problems,
        words=words,
        characters=int(stats["characters"]),
        reading_minutes=minutes,
        placeholders=len(placeholders),
        notes=notes,
    )


def review_plan(
    plan: PlanOfAction,
    *,
    notice: Notice | None = None,
    report: HealthReport | None = None,
    answers: dict[str, str] | None = None,
    blame_scorer: BlameScorer | None = None,
) -> Review:
    """Review a structured plan; facts the seller added by revision count as stated answers.

    ``blame_scorer`` (``blame_model.blame_scores``) adds blame judged by meaning to the phrase rules."""
    # the answers as the plan uses them (dates written in one form) count as stated, as do revision facts
    items = [item for section in plan.sections for _, item in section.items()]
    items += [a.answer for a in plan.asks] + list(plan.changes_since_last)
    stated = [ref.quote for item in items for ref in item.refs if ref.kind == "answer" and ref.quote]
    parsed = from_plan(plan)
    text = render_submission(plan)
    # a drafted plan records which action and measure answer each cause; readiness checks those links
    linked = any(i.answers for s in plan.sections for i in s.corrective_actions + s.preventive_measures)
    return _review(
        parsed,
        text,
        notice=notice,
        report=report,
        answers=answers,
        stated=stated,
        linked=linked,
        blame_scorer=blame_scorer,
    )


def review_text(
    text: str,
    *,
    notice: Notice | None = None,
    report: HealthReport | None = None,
    answers: dict[str, str] | None = None,
    blame_scorer: BlameScorer | None = None,
) -> Review:
    """Review plan text pasted by the seller (plain text or Markdown)."""
    parsed = parse_plan_text(text)
    return _review(
        parsed,
        text,
        notice=notice,
        report=report,
        answers=answers,
        stated=[],
        seller_written=True,
        blame_scorer=blame_scorer,
    )
