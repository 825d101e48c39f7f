"""SQLite case store: cases, chat turns and every draft version; survives restarts.

One file (``settings.store_path``). Each write is its own transaction, so a crash never loses what was
already saved; nothing is ever updated in place except a case's answers and notice, and drafts are
append-only versions.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, ValidationError

from appeal_assistant.errors import StoreError
from appeal_assistant.models import Case, DraftVersion, HealthReport, Marketplace, Notice, PlanOfAction

__all__ = ["CaseStore", "Turn"]

_SCHEMA = """
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


class Turn(BaseModel):
    n: int
    role: str
    text: str
    created_at: datetime


def _dump(model: BaseModel | None) -> str | None:
    return None if model is None else model.model_dump_json()


class CaseStore:
    """Cases on disk. ``now`` is injectable so tests do not depend on the clock."""

    def __init__(self, path: Path, *, now: type[datetime] | None = None) -> None:
        self.path = path
        self._now = (now or datetime).now
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as con:
                con.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(
                f"cannot open the case store {str(path)!r} ({exc}); check the data folder "
                "(APPEAL_ASSISTANT_DATA_DIR) is writable"
            ) from exc

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        con = sqlite3.connect(self.path, timeout=10)
        try:
            with con:
                yield con
        except sqlite3.Error as exc:
            raise StoreError(f"case store {str(self.path)!r} failed: {exc}") from exc
        finally:
            con.close()

    def _stamp(self) -> str:
        return self._now(UTC).isoformat()

    def create_case(
        self,
        title: str,
        *,
        marketplace: Marketplace = Marketplace.AMAZON,
        notice: Notice | None = None,
        report: HealthReport | None = None,
        answers: dict[str, str] | None = None,
    ) -> str:
        case_id = uuid.uuid4().hex[:12]
        with self._connect() as con:
            con.execute(
                "INSERT INTO cases (id, title, created_at, marketplace, notice_json, report_json, answers_json) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    case_id,
                    title,
                    self._stamp(),
                    marketplace.value,
                    _dump(notice),
                    _dump(report),
                    json.dumps(answers or {}),
                ),
            )
        return case_id

    def _require(self, con: sqlite3.Connection, case_id: str) -> sqlite3.Row | tuple[object, ...]:
        row = con.execute("SELECT * FROM cases WHERE id = ?", (case_id,)).fetchone()
        if row is None:
            raise StoreError(f"no case {case_id!r}; list cases to see their ids")
        return row  # type: ignore[no-any-return]

    def update_case(
        self,
        case_id: str,
        *,
        notice: Notice | None = None,
        report: HealthReport | None = None,
        answers: dict[str, str] | None = None,
    ) -> None:
        with self._connect() as con:
            self._require(con, case_id)
            if notice is not None:
                con.execute("UPDATE cases SET notice_json = ? WHERE id = ?", (_dump(notice), case_id))
            if report is not None:
                con.execute("UPDATE cases SET report_json = ? WHERE id = ?", (_dump(report), case_id))
            if answers is not None:
                con.execute("UPDATE cases SET answers_json = ? WHERE id = ?", (json.dumps(answers), case_id))

    def add_turn(self, case_id: str, role: str, text: str) -> int:
        with self._connect() as con:
            self._require(con, case_id)
            n = con.execute(
                "SELECT COALESCE(MAX(n), 0) + 1 FROM turns WHERE case_id = ?", (case_id,)
            ).fetchone()[0]
            con.execute("INSERT INTO turns VALUES (?, ?, ?, ?, ?)", (case_id, n, role, text, self._stamp()))
        return int(n)

    def turns(self, case_id: str) -> list[Turn]:
        with self._connect() as con:
            rows = con.execute(
                "SELECT n, role, text, created_at FROM turns WHERE case_id = ? ORDER BY n", (case_id,)
            ).fetchall()
        return [Turn(n=r[0], role=r[1], text=r[2], created_at=datetime.fromisoformat(r[3])) for r in rows]

    def add_draft(self, case_id: str, plan: PlanOfAction, instruction: str = "") -> int:
        """Save ``plan`` as the next version of the case's draft; returns its version number."""
        with self._connect() as con:
            self._require(con, case_id)
            version = con.execute(
                "SELECT COALESCE(MAX(version), 0) + 1 FROM drafts WHERE case_id = ?", (case_id,)
            ).fetchone()[0]
            con.execute(
                "INSERT INTO drafts VALUES (?, ?, ?, ?, ?)",
                (case_id, version, self._stamp(), instruction, plan.model_dump_json()),
            )
        return int(version)

    def drafts(self, case_id: str) -> list[DraftVersion]:
        with self._connect() as con:
            rows = con.execute(
                "SELECT version, created_at, instruction, plan_json FROM drafts WHERE case_id = ? "
                "ORDER BY version",
                (case_id,),
            ).fetchall()
        try:
            return [
                DraftVersion(
                    version=r[0],
                    created_at=datetime.fromisoformat(r[1]),
                    instruction=r[2],
                    plan=PlanOfAction.model_validate_json(r[3]),
                )
                for r in rows
            ]
        except ValidationError as exc:
            raise StoreError(
                f"a saved draft of case {case_id!r} no longer matches the plan schema: {exc}"
            ) from exc

    def get_case(self, case_id: str) -> Case:
        with self._connect() as con:
            row = self._require(con, case_id)
        try:
            return Case(
                id=str(row[0]),
                title=str(row[1]),
                created_at=datetime.fromisoformat(str(row[2])),
                marketplace=Marketplace(str(row[3])),
                notice=Notice.model_validate_json(str(row[4])) if row[4] else None,
                report=HealthReport.model_validate_json(str(row[5])) if row[5] else None,
                answers=json.loads(str(row[6])),
                drafts=self.drafts(case_id),
            )
        except (ValidationError, ValueError) as exc:
            raise StoreError(f"case {case_id!r} cannot be read: {exc}") from exc

    def list_cases(self) -> list[tuple[str, str, datetime]]:
        with self._connect() as con:
            rows = con.execute("SELECT id, title, created_at FROM cases ORDER BY created_at DESC").fetchall()
        return [(r[0], r[1], datetime.fromisoformat(r[2])) for r in rows]
