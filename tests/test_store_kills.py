"""SIGKILL during a save loop: the store opens, passes its integrity check and keeps every committed version."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from appeal_assistant.case.store import CaseStore

WRITER = """
import sys
from pathlib import Path
from appeal_assistant.case.store import CaseStore
from appeal_assistant.models import PlanItem, PlanOfAction, PlanSection, IssueKind

store = CaseStore(Path(sys.argv[1]))
case_id = sys.argv[2]
n = 0
while True:
    n += 1
    plan = PlanOfAction(sections=[PlanSection(issue=IssueKind.LATE_SHIPMENT_RATE, title="Late shipments",
                        root_causes=[PlanItem(text="x" * 2000 + str(n))])])
    with store.action(case_id) as tx:
        tx.set_answers({"a.b": f"value {n}"}, source="loop")
        tx.add_turn("user", f"message {n}")
        version = tx.add_draft(plan, f"loop {n}")
    print(version, flush=True)
"""


@pytest.mark.slow
def test_kills_during_saves_lose_nothing_committed(tmp_path: Path) -> None:
    path = tmp_path / "cases.sqlite3"
    case_id = CaseStore(path).create_case("kill test")
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    rng = random.Random(7)
    committed = 0
    kills = 100
    for _ in range(kills):
        proc = subprocess.Popen(
            [sys.executable, str(script), str(path), case_id],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        assert proc.stdout is not None
        first = proc.stdout.readline()  # the writer is running and has committed at least once
        assert first.strip().isdigit(), first
        time.sleep(rng.uniform(0.0, 0.05))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=30)
        printed = [int(line) for line in [first, *out.splitlines()] if line.strip().isdigit()]
        committed = max(committed, *printed)
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store = CaseStore(path)
    versions = [d.version for d in store.drafts(case_id)]
    assert versions == list(range(1, len(versions) + 1))  # no gap: every version is whole
    assert len(versions) >= committed  # every version a writer reported committed is there
    history = store.answer_history(case_id)
    turns = store.turns(case_id)
    assert len(history) == len(versions) == len(turns)  # each action all or nothing
