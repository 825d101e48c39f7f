"""The case store: schema upgrade of a file written by the previous version, history, tree, one transaction."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from appeal_assistant.case.store import SCHEMA_VERSION, CaseStore
from appeal_assistant.errors import StoreError
from appeal_assistant.models import ChecklistItem, NoticeStatus, PlanOfAction, ReportFile

V1_FILE = Path(__file__).resolve().parent / "fixtures" / "store" / "cases_v1.sqlite"


class Clock:
    @staticmethod
    def now(tz: object = None) -> datetime:
        return datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def test_a_file_written_by_the_previous_store_opens_and_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "cases.sqlite3"
    shutil.copy(V1_FILE, path)
    store = CaseStore(path, now=Clock)
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    [summary] = store.list_cases()
    case = store.get_case(summary.id)
    assert (
        case.notice is not None and case.notice.status is NoticeStatus.DEACTIVATED
    )  # was 'account_deactivated'
    assert case.answers == {
        "inauth.supplier": "Northgate Wholesale Ltd",
        "common.owner": "Dana Reyes, operations manager",
    }
    assert [h.source for h in store.answer_history(summary.id)] == ["migrated", "migrated"]
    assert [d.version for d in case.drafts] == [1, 2] and case.drafts[0].engine == "offline"
    assert [t.role for t in store.turns(summary.id)] == ["user", "assistant"]
    assert summary.versions == 2 and summary.status == "open"
    CaseStore(path, now=Clock)  # opening again is a no-op


def test_answers_keep_their_history_and_none_clears(tmp_path: Path) -> None:
    store = CaseStore(tmp_path / "c.sqlite3", now=Clock)
    case_id = store.create_case("t", answers={"a.b": "5 March"})
    with store.action(case_id) as tx:
        tx.set_answers({"a.b": "6 March", "c.d": "x"}, source="chat")
    with store.action(case_id) as tx:
        tx.set_answers({"c.d": None}, source="chat")
    assert store.answers(case_id) == {"a.b": "6 March"}
    assert [(h.question, h.value) for h in store.answer_history(case_id)] == [
        ("a.b", "5 March"),
        ("a.b", "6 March"),
        ("c.d", "x"),
        ("c.d", None),
    ]


def test_drafts_form_a_tree_and_the_checklist_keeps_ticks(tmp_path: Path) -> None:
    store = CaseStore(tmp_path / "c.sqlite3", now=Clock)
    case_id = store.create_case("t")
    plan = PlanOfAction()
    assert store.add_draft(case_id, plan, "draft") == 1
    assert store.add_draft(case_id, plan, "shorter") == 2
    assert store.add_draft(case_id, plan, "revert to version 1", parent=1) == 3
    assert [(d.version, d.parent) for d in store.drafts(case_id)] == [(1, None), (2, 1), (3, 1)]
    with store.action(case_id) as tx:
        tx.set_checklist([ChecklistItem(id="ask.1", kind="document", detail="Invoices")])
    store.tick(case_id, "ask.1")
    with store.action(case_id) as tx:  # a redraft keeps the tick of an item it keeps
        tx.set_checklist(
            [
                ChecklistItem(id="ask.1", kind="document", detail="Invoices"),
                ChecklistItem(id="ask.2", kind="step", detail="x"),
            ]
        )
    assert [(c.id, c.done) for c in store.checklist(case_id)] == [("ask.1", True), ("ask.2", False)]
    with pytest.raises(StoreError, match=r"no checklist item 'ask\.9'"):
        store.tick(case_id, "ask.9")


def test_an_action_is_one_transaction(tmp_path: Path) -> None:
    store = CaseStore(tmp_path / "c.sqlite3", now=Clock)
    with pytest.raises(RuntimeError), store.create("half") as tx:
        tx.set_answers({"a.b": "x"}, source="chat")
        raise RuntimeError("killed between the writes")
    assert store.list_cases() == []  # no case without its first draft and answers
    case_id = store.create_case("t")
    with pytest.raises(RuntimeError), store.action(case_id) as tx:
        tx.add_turn("user", "hello")
        tx.add_draft(PlanOfAction(), "x")
        raise RuntimeError("boom")
    assert store.turns(case_id) == [] and store.drafts(case_id) == []


def test_delete_removes_every_row_and_rename_and_files(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    store = CaseStore(path, now=Clock)
    case_id = store.create_case("old title", answers={"a.b": "x"})
    with store.action(case_id) as tx:
        tx.update(report_files=[ReportFile(name="orders.txt", kind="all_orders", rows=10, sha256="ab" * 32)])
        tx.add_turn("user", "hi")
        tx.add_draft(PlanOfAction())
        tx.set_checklist([ChecklistItem(id="ask.1", kind="document", detail="d")])
    store.rename(case_id, "new title")
    assert store.get_case(case_id).title == "new title"
    assert store.report_files(case_id)[0].name == "orders.txt"
    store.delete(case_id)
    with sqlite3.connect(path) as con:
        for table in ("cases", "answers", "turns", "drafts", "checklist", "report_files"):
            column = "id" if table == "cases" else "case_id"
            assert (
                con.execute(f"SELECT COUNT(*) FROM {table} WHERE {column} = ?", (case_id,)).fetchone()[0] == 0
            )
    with pytest.raises(StoreError, match="no case"):
        store.get_case(case_id)


def test_a_newer_schema_is_refused_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    CaseStore(path)
    with sqlite3.connect(path) as con:
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer version"):
        CaseStore(path)
