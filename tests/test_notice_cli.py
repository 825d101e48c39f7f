"""`appeal-assistant notice FILE [--json]`: summary, JSON, stdin, errors, and no heavy imports."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from appeal_assistant import cli
from appeal_assistant.models import Notice

NOTICES = Path(__file__).resolve().parent / "fixtures" / "notices"
ROOT = Path(__file__).resolve().parent.parent
REAL_COMMANDS = cli.COMMAND_MODULES  # read before the fixture below narrows it


@pytest.fixture(autouse=True)
def _only_the_notice_command(monkeypatch: pytest.MonkeyPatch) -> None:
    """Register just this command, so the test does not depend on other commands being importable."""
    monkeypatch.setattr(cli, "COMMAND_MODULES", ("notice",))


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_notice_is_registered_in_the_real_cli() -> None:
    assert "notice" in REAL_COMMANDS


def test_summary_says_what_when_and_next(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["notice", str(NOTICES / "amazon_uk_inauthentic_current.txt")], capsys)
    assert code == 0
    assert out.startswith("Notice: Amazon (amazon.co.uk), account deactivated")
    assert "Product authenticity" in out
    assert (
        "Invoices or receipts from your supplier (dated within the last 365 days; as PDF, JPG, PNG, GIF)"
        in out
    )
    assert "Deadline: none stated" in out
    assert "What to do next:" in out and "appeal-assistant draft" in out


def test_summary_warns_about_phishing(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["notice", str(NOTICES / "phishing_giftcard.eml")], capsys)
    assert code == 0
    assert "WARNING: this may be phishing" in out
    assert "do not click its links, reply, pay or share a password" in out
    assert "Send everything before the deadline" not in out


def test_json_has_the_promised_fields(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["notice", str(NOTICES / "amazon_us_rejection_root_cause.txt"), "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    for key in (
        "marketplace",
        "status",
        "issues",
        "asins",
        "order_ids",
        "complaint_ids",
        "deadline",
        "deadline_days",
        "requested_documents",
        "rejection",
        "phishing_signals",
    ):
        assert key in data, key
    assert data["status"] == "deactivated" and data["rejection"] is not None
    assert data["issues"][0]["kind"] == "inauthentic" and data["issues"][0]["evidence"]
    assert data["deadline"] == "2026-10-06" and data["deadline_days"] == 14
    assert data["requested_documents"][0] == {
        "kind": "plan_of_action",
        "detail": data["requested_documents"][0]["detail"],
    }
    assert data["rejection"]["weak_parts"] == ["root_cause", "preventive_measures"]
    assert "text" not in data
    Notice.model_validate({**data, "text": ""})


def test_stdin_and_notice_date(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    text = (NOTICES / "amazon_us_inauthentic_old.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text)))
    code, out, _ = run(["notice", "-", "--json", "--date", "2026-11-03"], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["deadline_days"] == 17 and data["deadline"] == "2026-11-20"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["notice", "no/such/notice.txt"], "not found"),
        (["notice", str(NOTICES / "amazon_us_patent.txt"), "--date", "3 Nov"], "YYYY-MM-DD"),
    ],
)
def test_errors_exit_2_with_one_line(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(argv, capsys)
    assert code == 2 and out == ""
    assert err.startswith("error: ") and message in err and err.count("\n") == 1


def test_notice_command_imports_nothing_heavy() -> None:
    script = (
        "import sys\n"
        "from appeal_assistant import cli\n"
        "cli.COMMAND_MODULES = ('notice',)\n"
        f"code = cli.main(['notice', {str(NOTICES / 'amazon_it_odr_pdf.pdf')!r}, '--json'])\n"
        "heavy = [m for m in ('torch', 'chromadb', 'litellm', 'sentence_transformers') if m in sys.modules]\n"
        "print('HEAVY', heavy, code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "HEAVY [] 0"
