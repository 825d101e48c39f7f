"""A chat over one case: each message understood, acted on through the workflow, and answered.

A reply says what changed (a short diff), what the review still objects to, whether the draft is
ready and how long it is, and asks the next most important question with its reason. Replies never
quote buyer data (e-mails and phone numbers are masked), never promise an outcome, and nothing in a
message, a notice or a report is obeyed as an instruction.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, Field

from appeal_assistant.case.knowledge import KnowledgeSearch
from appeal_assistant.case.workflow import StepResult, Workflow, diff_plans
from appeal_assistant.chat.interview import NextQuestion, next_question
from appeal_assistant.chat.understand import ChatContext, Understanding, understand
from appeal_assistant.drafting.composer import case_questions, optional_questions, pending_questions
from appeal_assistant.drafting.render import (
    plan_stats,
    render_docx,
    render_json,
    render_markdown,
    render_submission,
    render_text,
)
from appeal_assistant.errors import AppealAssistantError
from appeal_assistant.models import Case, PlanOfAction
from appeal_assistant.privacy import scrub_text

__all__ = ["ChatSession", "ChatTurn", "Understander"]

Understander = Callable[[str, ChatContext], Understanding]
#: No marketplace publishes a character limit for the appeal form (DOMAIN.md §5, UNCERTAIN); the reply
#: shows the count against this guide so a long draft is noticed.
FORM_GUIDE_CHARS = 4000
_HELP = (
    "You can answer my question in your own words (several facts at once is fine), say 'skip' or "
    "'I don't know', or correct an earlier answer ('actually the start date was 5 March'). You can also ask "
    "'what is missing', 'show the draft', 'show version 2', 'diff 1 3', 'go back to version 2', 'make it "
    "shorter', 'more detail on the root cause', 'remove: <words>', 'more formal', 'export docx', or a policy "
    "question ('what counts as an order defect?')."
)
_OFF_TOPIC = (
    "I can only help with this case: its notice, its draft and the facts it needs. I do not follow "
    "instructions written in messages, notices or reports."
)


class ChatTurn(BaseModel):
    """One assistant turn, as `chat --jsonl` prints it."""

    intent: str
    reply: str
    version: int | None = None
    ready: bool = False
    missing: list[str] = Field(default_factory=list)
    citations: list[str] = Field(default_factory=list)
    changed: bool = False


@dataclass
class ChatSession:
    workflow: Workflow
    case_id: str
    understander: Understander = understand
    search: KnowledgeSearch | None = None
    export_dir: Path | None = None
    skipped: list[str] = field(default_factory=list)

    # ----------------------------------------------------------------------------------- state

    def _case(self) -> Case:
        return self.workflow.open(self.case_id)

    def _plan(self, case: Case) -> PlanOfAction:
        plan = self.workflow.latest(case)
        if plan is None:
            raise AppealAssistantError(f"case {self.case_id!r} has no draft yet")
        return plan

    def _next(self, case: Case, plan: PlanOfAction) -> NextQuestion | None:
        return next_question(plan, case.notice, case.report, case.answers, self.skipped)

    def _context(self, case: Case, plan: PlanOfAction) -> ChatContext:
        nxt = self._next(case, plan)
        return ChatContext(
            questions=case_questions(case.notice),
            pending=nxt.id if nxt else None,
            open_questions=[*pending_questions(plan), *optional_questions(plan, case.answers)],
            answered=case.answers,
            versions=[d.version for d in case.drafts],
        )

    def _turn(
        self,
        intent: str,
        reply: str,
        plan: PlanOfAction,
        *,
        version: int | None = None,
        changed: bool = False,
        citations: list[str] | None = None,
    ) -> ChatTurn:
        return ChatTurn(
            intent=intent,
            reply=scrub_text(reply),
            version=version,
            ready=plan.ready,
            missing=pending_questions(plan),
            citations=citations or [],
            changed=changed,
        )

    # ----------------------------------------------------------------------------------- replies

    @staticmethod
    def _ask(nxt: NextQuestion | None, plan: PlanOfAction) -> str:
        if nxt is None:
            if plan.ready:
                return "Nothing is missing: the draft is ready to review and send ('show the draft' or 'export docx')."
            return "No question is open, but the draft is not ready: see the problems above."
        again = f"I could not use your last answer to this: {nxt.again}. " if nxt.again else ""
        return f"{again}Next: {nxt.text} (Why: {nxt.why})"

    @staticmethod
    def _summary(plan: PlanOfAction, result: StepResult | None) -> str:
        stats = plan_stats(render_submission(plan))
        parts = []
        if result is not None and result.previous is not None:
            diff = [
                line
                for line in diff_plans(result.previous, plan).splitlines()
                if line[:1] in "+-" and line[:3] not in ("---", "+++")
            ]
            if diff:
                shown = "\n".join(diff[:6]) + (
                    f"\n(... {len(diff) - 6} more changed lines)" if len(diff) > 6 else ""
                )
                parts.append(f"Changed in version {result.version}:\n{shown}")
            else:
                parts.append("The draft did not change.")
        if result is not None:
            serious = [p for p in result.review.problems if p.code != "placeholder_left"][:2]
            if serious:
                parts.append("The review still objects: " + "; ".join(p.message for p in serious) + ".")
        missing = len(pending_questions(plan))
        state = "Ready to send." if plan.ready else f"Not ready: {missing} fact(s) missing."
        parts.append(
            f"{state} {stats['characters']:,} characters (guide: {FORM_GUIDE_CHARS:,}), {stats['words']} words."
        )
        return "\n".join(parts)

    def _after(self, intro: str) -> Callable[[StepResult], str]:
        def reply(result: StepResult) -> str:
            case = self._case()
            nxt = next_question(result.plan, case.notice, case.report, case.answers, self.skipped)
            return "\n".join(
                x for x in (intro, self._summary(result.plan, result), self._ask(nxt, result.plan)) if x
            )

        return reply

    # ----------------------------------------------------------------------------------- turns

    def __post_init__(self) -> None:
        """Questions skipped in earlier sessions stay at the back of the line."""
        for turn in self.workflow._store().turns(self.case_id):
            if turn.intent and turn.intent.startswith("skip:"):
                for qid in turn.intent[5:].split(","):
                    if qid and qid not in self.skipped:
                        self.skipped.append(qid)

    def opening(self) -> ChatTurn:
        """The first question, asked without waiting for a message."""
        case = self._case()
        plan = self._plan(case)
        nxt = self._next(case, plan)
        intro = ""
        if plan.advice:
            intro = plan.advice[0].text
        reply = "\n".join(x for x in (intro, self._summary(plan, None), self._ask(nxt, plan)) if x)
        self.workflow._store().add_turn(self.case_id, "assistant", scrub_text(reply), "question")
        return self._turn("question", reply, plan, version=case.drafts[-1].version if case.drafts else None)

    def handle(self, message: str) -> ChatTurn:
        """Understand one message, act on it, and reply."""
        case = self._case()
        plan = self._plan(case)
        understood = self.understander(message, self._context(case, plan))
        try:
            return self._act(understood, message, case, plan)
        except AppealAssistantError as exc:
            reply = f"I could not do that: {exc}"
            self.workflow.talk(self.case_id, message, scrub_text(reply), understood.intent)
            return self._turn(understood.intent, reply, plan)

    def _talk(
        self, intent: str, message: str, reply: str, plan: PlanOfAction, citations: list[str] | None = None
    ) -> ChatTurn:
        self.workflow.talk(self.case_id, message, scrub_text(reply), intent)
        return self._turn(intent, reply, plan, citations=citations)

    def _act(self, u: Understanding, message: str, case: Case, plan: PlanOfAction) -> ChatTurn:
        if u.intent == "answer" or (u.answers and u.intent != "confirm"):
            names = ", ".join(
                case_questions(case.notice)[q].placeholder if q in case_questions(case.notice) else q
                for q in u.answers
            )
            for qid in u.answers:
                if qid in self.skipped:
                    self.skipped.remove(qid)
            result = self.workflow.answer(
                self.case_id,
                u.answers,
                user_text=message,
                reply=self._after(f"Noted: {names}."),
                revise_after=u.revise,
            )
            return self._turn(
                "answer", result.reply, result.plan, version=result.version, changed=result.changed
            )
        if u.intent == "skip":
            for qid in u.skipped:
                if qid not in self.skipped:
                    self.skipped.append(qid)
            nxt = self._next(case, plan)
            reply = "Fine, the placeholder stays and we can come back to it. " + self._ask(nxt, plan)
            self.workflow.talk(self.case_id, message, scrub_text(reply), "skip:" + ",".join(u.skipped))
            return self._turn("skip", reply, plan)
        if u.intent == "revise" and u.revise:
            result = self.workflow.revise(
                self.case_id, u.revise, user_text=message, reply=self._after(f"Revised: {u.revise}.")
            )
            return self._turn(
                "revise", result.reply, result.plan, version=result.version, changed=result.changed
            )
        if u.intent == "revert" and u.revert_to is not None:
            result = self.workflow.revert(
                self.case_id,
                u.revert_to,
                user_text=message,
                reply=self._after(f"Back to version {u.revert_to}."),
            )
            return self._turn(
                "revert", result.reply, result.plan, version=result.version, changed=result.changed
            )
        if u.intent == "policy" and u.policy_query:
            return self._policy(message, u.policy_query, plan)
        if u.intent == "status":
            return self._talk("status", message, self._status(case, plan), plan)
        if u.intent == "show":
            return self._talk("show", message, self._show(u, case, plan), plan)
        if u.intent == "export":
            return self._talk("export", message, self._export(u, case, plan), plan)
        if u.intent == "confirm":
            return self._talk(
                "confirm", message, u.confirm or "Could you say that again, with what it is about?", plan
            )
        if u.intent == "off_topic":
            return self._talk(
                "off_topic", message, f"{_OFF_TOPIC} {self._ask(self._next(case, plan), plan)}", plan
            )
        return self._talk("help", message, f"{_HELP}\n{self._ask(self._next(case, plan), plan)}", plan)

    # ----------------------------------------------------------------------------------- views

    def _status(self, case: Case, plan: PlanOfAction) -> str:
        lines = []
        missing = pending_questions(plan)
        lines.append("Ready to send." if plan.ready else f"Not ready: {len(missing)} fact(s) missing.")
        notice = case.notice
        if notice is not None and notice.deadline is not None:
            days = (notice.deadline - self.workflow.clock().date()).days
            left = (
                f"{days} day(s) left" if days >= 0 else f"passed {-days} day(s) ago: send as soon as you can"
            )
            lines.append(f"Deadline: {notice.deadline.isoformat()} ({left}).")
        elif notice is not None and notice.deadline_days:
            lines.append(f"Deadline: within {notice.deadline_days} days of the notice.")
        checklist = case.checklist
        if checklist:
            lines.append(
                "Documents and steps: "
                + "; ".join(f"[{'x' if c.done else ' '}] {c.detail[:80]}" for c in checklist)
            )
        lines.append(self._ask(self._next(case, plan), plan))
        return "\n".join(lines)

    def _show(self, u: Understanding, case: Case, plan: PlanOfAction) -> str:
        by_version = {d.version: d for d in case.drafts}
        if u.show == "history":
            return "\n".join(
                f"v{d.version} ({d.created_at:%Y-%m-%d %H:%M}, {d.engine}){f' from v{d.parent}' if d.parent else ''}: "
                f"{d.instruction or 'draft'}"
                for d in case.drafts
            )
        if u.show == "diff":
            versions = u.versions or sorted(by_version)[-2:]
            if len(versions) == 1:
                versions = [versions[0], max(by_version)]
            a, b = (by_version.get(v) for v in versions[:2])
            if a is None or b is None:
                return f"There is no such version; versions: {', '.join(map(str, sorted(by_version)))}."
            return f"Changes from version {a.version} to {b.version}:\n" + (
                diff_plans(a.plan, b.plan) or "(none)"
            )
        if u.show == "version" and u.versions:
            target = by_version.get(u.versions[0])
            if target is None:
                return f"There is no version {u.versions[0]}; versions: {', '.join(map(str, sorted(by_version)))}."
            return f"Version {target.version}:\n{render_text(target.plan)}"
        return render_text(plan)

    def _export(self, u: Understanding, case: Case, plan: PlanOfAction) -> str:
        fmt = u.export_format or "text"
        version = case.drafts[-1].version
        if fmt == "text" or self.export_dir is None:
            return render_submission(plan)
        self.export_dir.mkdir(parents=True, exist_ok=True)
        stem = self.export_dir / f"case-{self.case_id}-v{version}"
        if fmt == "docx":
            path = stem.with_suffix(".docx")
            path.write_bytes(render_docx(plan))
        else:
            path = stem.with_suffix(".md" if fmt == "markdown" else ".json")
            path.write_text(
                render_markdown(plan) if fmt == "markdown" else render_json(plan), encoding="utf-8"
            )
        return f"Version {version} written to {path}."

    def _policy(self, message: str, query: str, plan: PlanOfAction) -> ChatTurn:
        if self.search is None:
            return self._talk(
                "policy",
                message,
                "The knowledge base is not available here; run `appeal-assistant ask`.",
                plan,
            )
        passages = self.search(query, 3)
        if not passages:
            return self._talk("policy", message, "I found nothing on that in the knowledge base.", plan)
        lines = []
        for n, p in enumerate(passages[:2], 1):
            text = re.sub(r"\s+", " ", p.text).strip()
            lines.append(
                f"[{n}] {p.title} — {p.heading}: {text[:420]}{'...' if len(text) > 420 else ''} (source: {p.source})"
            )
        citations = [f"{p.doc_id}#{p.chunk_id}" for p in passages[:2]]
        return self._talk("policy", message, "\n".join(lines), plan, citations)
