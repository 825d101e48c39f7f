"""One case, from first draft to ready: new, answer, revise, revert, review, and the saved versions.

The store, the engine, the knowledge source and the clock are handed in; nothing here indexes, builds
a client or reads the time by itself. Each user action is one store transaction holding everything it
changes: the answers (with their history), the chat turns, the new draft version and the checklist.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from appeal_assistant.case.engines import DraftRequest, Engine
from appeal_assistant.case.inputs import CaseInputs
from appeal_assistant.case.knowledge import PassageSource
from appeal_assistant.case.store import CaseStore, Transaction
from appeal_assistant.drafting.render import render_submission
from appeal_assistant.drafting.reviewer import BlameScorer, Review, review_plan
from appeal_assistant.errors import InputError, StoreError
from appeal_assistant.models import (
    AskKind,
    Case,
    ChecklistItem,
    HealthReport,
    Notice,
    PlanOfAction,
)

__all__ = ["StepResult", "Workflow", "checklist_of", "diff_plans"]

Reply = Callable[["StepResult"], str]


@dataclass
class StepResult:
    """What one action produced: the draft, its review, what changed, and where it was saved."""

    plan: PlanOfAction
    review: Review
    case_id: str | None = None
    version: int | None = None
    previous: PlanOfAction | None = None
    notes: list[str] = field(default_factory=list)
    reply: str = ""
    usage: dict[str, float] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return self.previous is None or render_submission(self.previous) != render_submission(self.plan)

    @property
    def diff(self) -> str:
        return diff_plans(self.previous, self.plan) if self.previous is not None else ""


def diff_plans(before: PlanOfAction, after: PlanOfAction) -> str:
    """A unified diff of two versions' submission text (what the seller would paste)."""
    lines = difflib.unified_diff(
        render_submission(before).splitlines(),
        render_submission(after).splitlines(),
        "before",
        "after",
        n=0,
        lineterm="",
    )
    return "\n".join(line for line in lines if not line.startswith("@@"))


def checklist_of(plan: PlanOfAction) -> list[ChecklistItem]:
    """What the seller must send or do, from the notice's asks: documents and steps."""
    return [
        ChecklistItem(id=a.ask_id, kind=a.kind.value, detail=a.ask)
        for a in plan.asks
        if a.kind in (AskKind.DOCUMENT, AskKind.STEP)
    ]


def _review_json(review: Review) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(review.model_dump_json())
    return data


class Workflow:
    def __init__(
        self,
        *,
        store: CaseStore | None,
        engine: Engine,
        knowledge: PassageSource,
        clock: Callable[[], datetime],
        blame_scorer: BlameScorer | None = None,
    ) -> None:
        self.store, self.engine, self.knowledge, self.clock = store, engine, knowledge, clock
        self.blame_scorer = blame_scorer  # blame judged by meaning beside the phrase rules (None: rules only)

    # ----------------------------------------------------------------------------------- helpers

    def _store(self) -> CaseStore:
        if self.store is None:
            raise StoreError("this workflow has no case store; open one to save cases")
        return self.store

    def _request(
        self, notice: Notice | None, report: HealthReport | None, answers: dict[str, str]
    ) -> DraftRequest:
        kinds = notice.issue_kinds if notice is not None else []
        return DraftRequest(
            notice=notice,
            report=report,
            answers=dict(answers),
            passages=self.knowledge.passages(kinds) if kinds else {},
            today=self.clock().date(),
        )

    def _review(
        self, plan: PlanOfAction, notice: Notice | None, report: HealthReport | None, answers: dict[str, str]
    ) -> Review:
        return review_plan(
            plan, notice=notice, report=report, answers=answers, blame_scorer=self.blame_scorer
        )

    def _finish(
        self,
        tx: Transaction,
        result: StepResult,
        instruction: str,
        *,
        parent: int | None = None,
        user_text: str | None = None,
        intent: str | None = None,
        reply: Reply | None = None,
    ) -> StepResult:
        """Write the version (if the draft changed), the checklist and the turns: all in ``tx``."""
        if user_text is not None:
            tx.add_turn("user", user_text, intent)
        problems_moved = (
            result.previous is not None and result.previous.answer_problems != result.plan.answer_problems
        )
        if result.changed or parent is not None or problems_moved:
            result.version = tx.add_draft(
                result.plan,
                instruction,
                parent=parent,
                engine=result.plan.engine,
                review=_review_json(result.review),
            )
            tx.set_checklist(checklist_of(result.plan))
        if reply is not None:
            result.reply = reply(result)
            tx.add_turn("assistant", result.reply, intent)
        result.case_id = tx.case_id
        return result

    # ----------------------------------------------------------------------------------- actions

    def compose(self, inputs: CaseInputs) -> StepResult:
        """A draft from the inputs, not saved (the `draft` command without --save)."""
        request = self._request(inputs.notice, inputs.report, inputs.answers)
        out = self.engine.draft(request)
        review = self._review(out.plan, inputs.notice, inputs.report, inputs.answers)
        return StepResult(plan=out.plan, review=review, notes=out.notes, usage=out.usage)

    def new_case(self, inputs: CaseInputs, *, title: str | None = None) -> StepResult:
        """A saved case with its first draft, in one transaction."""
        result = self.compose(inputs)
        store = self._store()
        with store.create(title or inputs.title(), marketplace=inputs.marketplace) as tx:
            tx.update(notice=inputs.notice, report=inputs.report, report_files=inputs.report_files)
            tx.set_answers(inputs.answers, source="created")
            self._finish(tx, result, "draft")
        return result

    def open(self, case_id: str) -> Case:
        return self._store().get_case(case_id)

    def latest(self, case: Case) -> PlanOfAction | None:
        return case.drafts[-1].plan if case.drafts else None

    def answer(
        self,
        case_id: str,
        updates: Mapping[str, str | None],
        *,
        user_text: str | None = None,
        intent: str | None = "answer",
        reply: Reply | None = None,
        source: str = "chat",
        revise_after: str | None = None,
    ) -> StepResult:
        """Record answers (earlier values stay in the history), redraft, review and save a new version."""
        case = self.open(case_id)
        answers = dict(case.answers)
        for question, value in updates.items():
            if value is None:
                answers.pop(question, None)
            else:
                answers[question] = value
        request = self._request(case.notice, case.report, answers)
        out = self.engine.draft(request)
        notes = list(out.notes)
        plan = out.plan
        if revise_after:  # "owner is Dana, and make it shorter": both, saved as one version
            revised = self.engine.revise(plan, revise_after, request)
            plan, notes = revised.plan, notes + revised.notes
        review = self._review(plan, case.notice, case.report, answers)
        result = StepResult(plan=plan, review=review, previous=self.latest(case), notes=notes)
        instruction = "answers" + (f"; {revise_after}" if revise_after else "")
        with self._store().action(case_id) as tx:
            tx.set_answers(dict(updates), source=source)
            return self._finish(tx, result, instruction, user_text=user_text, intent=intent, reply=reply)

    def revise(
        self,
        case_id: str,
        instruction: str,
        *,
        user_text: str | None = None,
        reply: Reply | None = None,
    ) -> StepResult:
        """Apply a revision instruction to the latest draft and save the result as a new version."""
        case = self.open(case_id)
        latest = self.latest(case)
        if latest is None:
            raise StoreError(f"case {case_id!r} has no draft yet; draft it first")
        out = self.engine.revise(latest, instruction, self._request(case.notice, case.report, case.answers))
        review = self._review(out.plan, case.notice, case.report, case.answers)
        result = StepResult(plan=out.plan, review=review, previous=latest, notes=out.notes)
        with self._store().action(case_id) as tx:
            return self._finish(tx, result, instruction, user_text=user_text, intent="revise", reply=reply)

    def revert(
        self, case_id: str, version: int, *, user_text: str | None = None, reply: Reply | None = None
    ) -> StepResult:
        """Make version ``version`` the latest again, as a new version that points back to it."""
        case = self.open(case_id)
        target = next((d for d in case.drafts if d.version == version), None)
        if target is None:
            known = ", ".join(str(d.version) for d in case.drafts) or "none"
            raise InputError(f"case {case_id!r} has no version {version} (versions: {known})")
        review = self._review(target.plan, case.notice, case.report, case.answers)
        result = StepResult(plan=target.plan, review=review, previous=self.latest(case))
        with self._store().action(case_id) as tx:
            return self._finish(
                tx,
                result,
                f"revert to version {version}",
                parent=version,
                user_text=user_text,
                intent="revert",
                reply=reply,
            )

    def save_text(
        self, case_id: str, plan: PlanOfAction, instruction: str = "edited by the seller"
    ) -> StepResult:
        """Save a plan the seller edited as a new version."""
        case = self.open(case_id)
        review = self._review(plan, case.notice, case.report, case.answers)
        result = StepResult(plan=plan, review=review, previous=self.latest(case))
        with self._store().action(case_id) as tx:
            return self._finish(tx, result, instruction)

    def review(self, case_id: str, version: int | None = None) -> Review:
        case = self.open(case_id)
        drafts = [d for d in case.drafts if version is None or d.version == version]
        if not drafts:
            raise InputError(
                f"case {case_id!r} has no version {version}" if version else "the case has no draft yet"
            )
        return self._review(drafts[-1].plan, case.notice, case.report, case.answers)

    def talk(self, case_id: str, user_text: str, reply: str, intent: str | None = None) -> None:
        """A chat exchange that changes nothing else (a question about policy, a status request)."""
        with self._store().action(case_id) as tx:
            tx.add_turn("user", user_text, intent)
            tx.add_turn("assistant", reply, intent)

    # ----------------------------------------------------------------------------------- case files

    def export_case(self, case_id: str) -> dict[str, Any]:
        """Everything about a case as JSON-ready data (notice, report snapshot, answers history, turns,
        versions, checklist); no buyer data is ever in a case."""
        store = self._store()
        case = store.get_case(case_id)
        return {
            "format": "appeal-assistant-case",
            "version": 1,
            "case": json.loads(case.model_dump_json(exclude={"drafts", "answers"})),
            "answers": [json.loads(a.model_dump_json()) for a in store.answer_history(case_id)],
            "turns": [json.loads(t.model_dump_json()) for t in store.turns(case_id)],
            "drafts": [json.loads(d.model_dump_json()) for d in case.drafts],
        }

    def import_case(self, data: Mapping[str, Any]) -> str:
        """A case from ``export_case`` data, under a new id, in one transaction."""
        if data.get("format") != "appeal-assistant-case":
            raise InputError(
                "this file is not an exported case (its 'format' is not 'appeal-assistant-case')"
            )
        try:
            case = Case.model_validate({**data["case"], "drafts": []})
            drafts = [PlanOfAction.model_validate(d["plan"]) for d in data.get("drafts", [])]
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"the exported case is damaged: {str(exc)[:300]}") from None
        store = self._store()
        with store.create(case.title, marketplace=case.marketplace) as tx:
            tx.update(
                notice=case.notice, report=case.report, report_files=case.report_files, status=case.status
            )
            for record in data.get("answers", []):
                tx.set_answers(
                    {str(record["question"]): record.get("value")}, source=str(record.get("source", "import"))
                )
            for turn in data.get("turns", []):
                tx.add_turn(str(turn["role"]), str(turn["text"]), turn.get("intent"))
            for raw, plan in zip(data.get("drafts", []), drafts, strict=True):
                tx.add_draft(
                    plan, str(raw.get("instruction", "")), parent=raw.get("parent"), engine=raw.get("engine")
                )
            tx.set_checklist(case.checklist)
        return tx.case_id
