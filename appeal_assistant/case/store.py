"""SQLite case store: cases, answers with their history, chat turns, draft versions as a tree, the
documents checklist and the report snapshot; survives restarts and kills.

One file (``settings.store_path``) in WAL mode. ``PRAGMA user_version`` holds the schema version; a file
written by an older version is upgraded when opened (``_MIGRATIONS``). Each user action is ONE
transaction (``with store.action(case_id) as tx:``), so a kill leaves either all of it or none: never a
case without its first draft, or an answer without the version it produced. Nothing is updated in
place except a case's header (title, status, deadline); answers and drafts are append-only, and
reverting makes a new version that points back.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from appeal_assistant.errors import StoreError
from appeal_assistant.models import (
    AnswerRecord,
    Case,
    CaseSummary,
    ChecklistItem,
    DraftVersion,
    HealthReport,
    Marketplace,
    Notice,
    PlanOfAction,
    ReportFile,
    Turn,
)

__all__ = ["SCHEMA_VERSION", "CaseStore", "Transaction"]

SCHEMA_VERSION = 2

_V1 = """
CREATE TABLE IF NOT EXISTS cases (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at TEXT NOT NULL, marketplace TEXT NOT NULL,
    notice_json TEXT, report_json TEXT, answers_json TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE IF NOT EXISTS turns (
    case_id TEXT NOT NULL REFERENCES cases(id), n INTEGER NOT NULL, role TEXT NOT NULL, text TEXT NOT NULL,
    created_at TEXT NOT NULL, PRIMARY KEY (case_id, n)
);
CREATE TABLE IF NOT EXISTS drafts (
    case_id TEXT NOT NULL REFERENCES cases(id), version INTEGER NOT NULL, created_at TEXT NOT NULL,
    instruction TEXT NOT NULL, plan_json TEXT NOT NULL, PRIMARY KEY (case_id, version)
);
"""
#: v1 -> v2: case header (status, deadline, updated), turn intents, draft tree (parent, engine, review),
#: answers with their history, the documents checklist and the report files (names, kinds, hashes).
_V2 = """
ALTER TABLE cases ADD COLUMN status TEXT NOT NULL DEFAULT 'open';
ALTER TABLE cases ADD COLUMN deadline TEXT;
ALTER TABLE cases ADD COLUMN updated_at TEXT;
ALTER TABLE turns ADD COLUMN intent TEXT;
ALTER TABLE drafts ADD COLUMN parent INTEGER;
ALTER TABLE drafts ADD COLUMN engine TEXT NOT NULL DEFAULT 'offline';
ALTER TABLE drafts ADD COLUMN review_json TEXT;
CREATE TABLE IF NOT EXISTS answers (
    case_id TEXT NOT NULL REFERENCES cases(id), seq INTEGER NOT NULL, question TEXT NOT NULL, value TEXT,
    source TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (case_id, seq)
);
CREATE TABLE IF NOT EXISTS checklist (
    case_id TEXT NOT NULL REFERENCES cases(id), item TEXT NOT NULL, kind TEXT NOT NULL, label TEXT NOT NULL,
    done INTEGER NOT NULL DEFAULT 0, updated_at TEXT NOT NULL, PRIMARY KEY (case_id, item)
);
CREATE TABLE IF NOT EXISTS report_files (
    case_id TEXT NOT NULL REFERENCES cases(id), name TEXT NOT NULL, kind TEXT, rows INTEGER NOT NULL,
    sha256 TEXT NOT NULL, PRIMARY KEY (case_id, name)
);
UPDATE cases SET updated_at = created_at WHERE updated_at IS NULL
"""
_CASE_TABLES = ("answers", "checklist", "report_files", "turns", "drafts", "cases")


def _migrate_answers(con: sqlite3.Connection) -> None:
    """v1 kept the current answers as JSON on the case; they become the first rows of their history."""
    for case_id, created, raw in con.execute("SELECT id, created_at, answers_json FROM cases").fetchall():
        answers = json.loads(raw or "{}")
        for seq, (question, value) in enumerate(answers.items(), start=1):
            con.execute(
                "INSERT INTO answers VALUES (?, ?, ?, ?, 'migrated', ?)",
                (case_id, seq, question, str(value), created),
            )


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def _dump(model: BaseModel | None) -> str | None:
    return None if model is None else model.model_dump_json()


class Transaction:
    """The writes of one user action, committed together (or not at all)."""

    def __init__(self, store: CaseStore, con: sqlite3.Connection, case_id: str) -> None:
        self._store, self._con, self.case_id = store, con, case_id

    def _touch(self) -> None:
        self._con.execute("UPDATE cases SET updated_at = ? WHERE id = ?", (self._store.stamp(), self.case_id))

    def update(
        self,
        *,
        title: str | None = None,
        status: str | None = None,
        notice: Notice | None = None,
        report: HealthReport | None = None,
        report_files: list[ReportFile] | None = None,
    ) -> None:
        """Replace parts of the case's header, notice or report snapshot."""
        con, cid = self._con, self.case_id
        if title is not None:
            con.execute("UPDATE cases SET title = ? WHERE id = ?", (title, cid))
        if status is not None:
            con.execute("UPDATE cases SET status = ? WHERE id = ?", (status, cid))
        if notice is not None:
            deadline = notice.deadline.isoformat() if notice.deadline else None
            con.execute(
                "UPDATE cases SET notice_json = ?, deadline = ?, marketplace = ? WHERE id = ?",
                (_dump(notice), deadline, notice.marketplace.value, cid),
            )
        if report is not None:
            con.execute("UPDATE cases SET report_json = ? WHERE id = ?", (_dump(report), cid))
        if report_files is not None:
            con.execute("DELETE FROM report_files WHERE case_id = ?", (cid,))
            con.executemany(
                "INSERT INTO report_files VALUES (?, ?, ?, ?, ?)",
                [(cid, f.name, f.kind, f.rows, f.sha256) for f in report_files],
            )
        self._touch()

    def set_answers(self, updates: Mapping[str, str | None], source: str) -> None:
        """Record new values (None clears an answer); earlier values stay in the history."""
        if not updates:
            return
        seq = self._con.execute(
            "SELECT COALESCE(MAX(seq), 0) FROM answers WHERE case_id = ?", (self.case_id,)
        ).fetchone()[0]
        stamp = self._store.stamp()
        for question, value in updates.items():
            seq += 1
            self._con.execute(
                "INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?)",
                (self.case_id, seq, question, value, source, stamp),
            )
        current = self._store._current_answers(self._con, self.case_id)
        self._con.execute(
            "UPDATE cases SET answers_json = ? WHERE id = ?", (json.dumps(current), self.case_id)
        )
        self._touch()

    def add_turn(self, role: str, text: str, intent: str | None = None) -> int:
        n = self._con.execute(
            "SELECT COALESCE(MAX(n), 0) + 1 FROM turns WHERE case_id = ?", (self.case_id,)
        ).fetchone()[0]
        self._con.execute(
            "INSERT INTO turns (case_id, n, role, text, created_at, intent) VALUES (?, ?, ?, ?, ?, ?)",
            (self.case_id, n, role, text, self._store.stamp(), intent),
        )
        self._touch()
        return int(n)

    def add_draft(
        self,
        plan: PlanOfAction,
        instruction: str = "",
        *,
        parent: int | None = None,
        engine: str | None = None,
        review: Mapping[str, object] | None = None,
    ) -> int:
        """Save ``plan`` as the next version; its parent defaults to the latest version."""
        latest = self._con.execute(
            "SELECT COALESCE(MAX(version), 0) FROM drafts WHERE case_id = ?", (self.case_id,)
        ).fetchone()[0]
        version = latest + 1
        self._con.execute(
            "INSERT INTO drafts (case_id, version, created_at, instruction, plan_json, parent, engine, review_json) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                self.case_id,
                version,
                self._store.stamp(),
                instruction,
                plan.model_dump_json(),
                parent if parent is not None else (latest or None),
                engine or plan.engine,
                json.dumps(dict(review)) if review is not None else None,
            ),
        )
        self._touch()
        return int(version)

    def set_checklist(self, items: list[ChecklistItem]) -> None:
        """The documents checklist from the latest draft; ticks the seller made on kept items stay."""
        done = dict(
            self._con.execute(
                "SELECT item, done FROM checklist WHERE case_id = ?", (self.case_id,)
            ).fetchall()
        )
        self._con.execute("DELETE FROM checklist WHERE case_id = ?", (self.case_id,))
        stamp = self._store.stamp()
        self._con.executemany(
            "INSERT INTO checklist VALUES (?, ?, ?, ?, ?, ?)",
            [(self.case_id, i.id, i.kind, i.detail, int(done.get(i.id, i.done)), stamp) for i in items],
        )

    def tick(self, item: str, done: bool) -> None:
        cur = self._con.execute(
            "UPDATE checklist SET done = ?, updated_at = ? WHERE case_id = ? AND item = ?",
            (int(done), self._store.stamp(), self.case_id, item),
        )
        if cur.rowcount == 0:
            raise StoreError(f"case {self.case_id!r} has no checklist item {item!r}")
        self._touch()


class CaseStore:
    """Cases on disk. ``now`` is injectable so tests do not depend on the clock."""

    def __init__(self, path: Path, *, now: type[datetime] | None = None) -> None:
        self.path = path
        self._now = (now or datetime).now
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            con = sqlite3.connect(path, timeout=30)
            try:
                con.execute("PRAGMA journal_mode=WAL")
                self._migrate(con)
            finally:
                con.close()
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(
                f"cannot open the case store {str(path)!r} ({exc}); check the data folder "
                "(APPEAL_ASSISTANT_DATA_DIR) is writable"
            ) from exc

    # ----------------------------------------------------------------------------------- plumbing

    @staticmethod
    def _migrate(con: sqlite3.Connection) -> None:
        """Upgrade the file to SCHEMA_VERSION in one transaction (a second process waits, then sees it done)."""
        con.isolation_level = None  # transactions below are explicit
        con.execute("BEGIN IMMEDIATE")
        try:
            version = con.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"the case store was written by a newer version (schema {version}, this one reads up to "
                    f"{SCHEMA_VERSION}); update appeal-assistant"
                )
            if version < 1:
                for statement in _statements(_V1):
                    con.execute(statement)
            if version < 2:
                for statement in _statements(_V2):
                    con.execute(statement)
                _migrate_answers(con)
            con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        con = sqlite3.connect(self.path, timeout=30)
        con.execute("PRAGMA foreign_keys = ON")
        try:
            with con:
                yield con
        except sqlite3.Error as exc:
            raise StoreError(f"case store {str(self.path)!r} failed: {exc}") from exc
        finally:
            con.close()

    def stamp(self) -> str:
        return self._now(UTC).isoformat()

    @staticmethod
    def _require(con: sqlite3.Connection, case_id: str) -> tuple[Any, ...]:
        row = con.execute("SELECT * FROM cases WHERE id = ?", (case_id,)).fetchone()
        if row is None:
            raise StoreError(f"no case {case_id!r}; list cases to see their ids")
        return tuple(row)

    @staticmethod
    def _current_answers(con: sqlite3.Connection, case_id: str) -> dict[str, str]:
        current: dict[str, str] = {}
        for question, value in con.execute(
            "SELECT question, value FROM answers WHERE case_id = ? ORDER BY seq", (case_id,)
        ):
            if value is None:
                current.pop(question, None)
            else:
                current[question] = value
        return current

    @contextmanager
    def action(self, case_id: str) -> Iterator[Transaction]:
        """The writes of one user action on an existing case, in one transaction."""
        with self._connect() as con:
            self._require(con, case_id)
            yield Transaction(self, con, case_id)

    # ----------------------------------------------------------------------------------- cases

    @contextmanager
    def create(
        self,
        title: str,
        *,
        marketplace: Marketplace = Marketplace.AMAZON,
        case_id: str | None = None,
        created_at: str | None = None,
    ) -> Iterator[Transaction]:
        """A new case and whatever the caller writes with it (notice, answers, first draft): one transaction."""
        new_id = case_id or uuid.uuid4().hex[:12]
        stamp = created_at or self.stamp()
        with self._connect() as con:
            con.execute(
                "INSERT INTO cases (id, title, created_at, marketplace, updated_at) VALUES (?, ?, ?, ?, ?)",
                (new_id, title, stamp, marketplace.value, stamp),
            )
            yield Transaction(self, con, new_id)

    def create_case(
        self,
        title: str,
        *,
        marketplace: Marketplace = Marketplace.AMAZON,
        notice: Notice | None = None,
        report: HealthReport | None = None,
        answers: dict[str, str] | None = None,
    ) -> str:
        with self.create(title, marketplace=marketplace) as tx:
            tx.update(notice=notice, report=report)
            tx.set_answers(dict(answers or {}), source="created")
        return tx.case_id

    def rename(self, case_id: str, title: str) -> None:
        if not title.strip():
            raise StoreError("a case title cannot be empty")
        with self.action(case_id) as tx:
            tx.update(title=title.strip())

    def delete(self, case_id: str) -> None:
        """Delete the case and every row that belongs to it."""
        with self._connect() as con:
            self._require(con, case_id)
            for table in _CASE_TABLES:
                con.execute(
                    f"DELETE FROM {table} WHERE {'id' if table == 'cases' else 'case_id'} = ?", (case_id,)
                )

    def list_cases(self) -> list[CaseSummary]:
        with self._connect() as con:
            rows = con.execute(
                "SELECT c.id, c.title, c.created_at, c.updated_at, c.marketplace, c.status, c.deadline, "
                "(SELECT COUNT(*) FROM drafts d WHERE d.case_id = c.id) FROM cases c ORDER BY c.updated_at DESC"
            ).fetchall()
        return [
            CaseSummary(
                id=r[0],
                title=r[1],
                created_at=datetime.fromisoformat(r[2]),
                updated_at=datetime.fromisoformat(r[3] or r[2]),
                marketplace=Marketplace(r[4]),
                status=r[5],
                deadline=r[6],
                versions=r[7],
            )
            for r in rows
        ]

    # ----------------------------------------------------------------------------------- single writes

    def update_case(
        self,
        case_id: str,
        *,
        notice: Notice | None = None,
        report: HealthReport | None = None,
        answers: dict[str, str] | None = None,
    ) -> None:
        with self.action(case_id) as tx:
            tx.update(notice=notice, report=report)
            if answers is not None:
                current = self.answers(case_id)
                cleared: dict[str, str | None] = {q: None for q in current if q not in answers}
                tx.set_answers({**cleared, **answers}, source="update")

    def add_turn(self, case_id: str, role: str, text: str, intent: str | None = None) -> int:
        with self.action(case_id) as tx:
            return tx.add_turn(role, text, intent)

    def add_draft(self, case_id: str, plan: PlanOfAction, instruction: str = "", **extra: Any) -> int:
        """Save ``plan`` as the next version of the case's draft; returns its version number."""
        with self.action(case_id) as tx:
            return tx.add_draft(plan, instruction, **extra)

    def tick(self, case_id: str, item: str, done: bool = True) -> None:
        with self.action(case_id) as tx:
            tx.tick(item, done)

    # ----------------------------------------------------------------------------------- reads

    def answers(self, case_id: str) -> dict[str, str]:
        with self._connect() as con:
            self._require(con, case_id)
            return self._current_answers(con, case_id)

    def answer_history(self, case_id: str) -> list[AnswerRecord]:
        with self._connect() as con:
            rows = con.execute(
                "SELECT seq, question, value, source, created_at FROM answers WHERE case_id = ? ORDER BY seq",
                (case_id,),
            ).fetchall()
        return [
            AnswerRecord(
                seq=r[0], question=r[1], value=r[2], source=r[3], created_at=datetime.fromisoformat(r[4])
            )
            for r in rows
        ]

    def turns(self, case_id: str) -> list[Turn]:
        with self._connect() as con:
            rows = con.execute(
                "SELECT n, role, text, created_at, intent FROM turns WHERE case_id = ? ORDER BY n", (case_id,)
            ).fetchall()
        return [
            Turn(n=r[0], role=r[1], text=r[2], created_at=datetime.fromisoformat(r[3]), intent=r[4])
            for r in rows
        ]

    def drafts(self, case_id: str) -> list[DraftVersion]:
        with self._connect() as con:
            rows = con.execute(
                "SELECT version, created_at, instruction, plan_json, parent, engine, review_json FROM drafts "
                "WHERE case_id = ? ORDER BY version",
                (case_id,),
            ).fetchall()
        try:
            return [
                DraftVersion(
                    version=r[0],
                    created_at=datetime.fromisoformat(r[1]),
                    instruction=r[2],
                    plan=PlanOfAction.model_validate_json(r[3]),
                    parent=r[4],
                    engine=r[5] or "offline",
                    review=json.loads(r[6]) if r[6] else None,
                )
                for r in rows
            ]
        except ValidationError as exc:
            raise StoreError(
                f"a saved draft of case {case_id!r} no longer matches the plan schema: {exc}"
            ) from exc

    def checklist(self, case_id: str) -> list[ChecklistItem]:
        with self._connect() as con:
            rows = con.execute(
                "SELECT item, kind, label, done FROM checklist WHERE case_id = ? ORDER BY rowid", (case_id,)
            ).fetchall()
        return [ChecklistItem(id=r[0], kind=r[1], detail=r[2], done=bool(r[3])) for r in rows]

    def report_files(self, case_id: str) -> list[ReportFile]:
        with self._connect() as con:
            rows = con.execute(
                "SELECT name, kind, rows, sha256 FROM report_files WHERE case_id = ? ORDER BY name",
                (case_id,),
            ).fetchall()
        return [ReportFile(name=r[0], kind=r[1], rows=r[2], sha256=r[3]) for r in rows]

    def get_case(self, case_id: str) -> Case:
        with self._connect() as con:
            row = self._require(con, case_id)
            answers = self._current_answers(con, case_id)
        try:
            return Case(
                id=str(row[0]),
                title=str(row[1]),
                created_at=datetime.fromisoformat(str(row[2])),
                marketplace=Marketplace(str(row[3])),
                notice=Notice.model_validate_json(str(row[4])) if row[4] else None,
                report=HealthReport.model_validate_json(str(row[5])) if row[5] else None,
                answers=answers,
                status=str(row[7]),
                deadline=row[8],
                updated_at=datetime.fromisoformat(str(row[9] or row[2])),
                drafts=self.drafts(case_id),
                checklist=self.checklist(case_id),
                report_files=self.report_files(case_id),
            )
        except (ValidationError, ValueError) as exc:
            raise StoreError(f"case {case_id!r} cannot be read: {exc}") from exc
