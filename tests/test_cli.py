"""The command line: --help everywhere, --version, one-line errors, and draft -> save -> revise versions."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from appeal_assistant import __version__
from appeal_assistant.case.store import CaseStore
from appeal_assistant.cli import COMMAND_MODULES, build_app, main
from appeal_assistant.demo import DemoConfig, generate_demo


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"appeal-assistant {__version__}"
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    names = [c.name for c in build_app().registered_commands]
    assert len(names) >= len(COMMAND_MODULES)
    for name in names:
        assert name in out


def test_every_subcommand_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    for command in build_app().registered_commands:
        assert main([str(command.name), "--help"]) == 0, command.name
        assert "Usage" in capsys.readouterr().out


def test_help_does_not_load_heavy_libraries() -> None:
    code = (
        "import sys\nfrom appeal_assistant.cli import main\n"
        "for c in ('--help', 'draft --help', 'ask --help', 'index --help', 'eval --help'):\n"
        "    main(c.split())\n"
        "print('HEAVY', [m for m in ('torch', 'chromadb', 'litellm', 'sentence_transformers') if m in sys.modules])\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert "HEAVY []" in proc.stdout, proc.stdout + proc.stderr


def test_unknown_option_is_a_one_line_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "--no-such-option"]) == 2
    assert "No such option" in capsys.readouterr().err


def test_draft_save_then_revise_makes_new_versions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo = tmp_path / "demo"
    generate_demo(demo, DemoConfig(orders=3000, seed=2, scenarios=("stock_out",)))
    answers = tmp_path / "answers.yaml"
    answers.write_text("common.owner: Dana Reyes, operations manager\ncommon.prevention_start: 2026-11-17\n")
    code = main(
        [
            "draft",
            "--notice",
            str(demo / "notice_stock_out.txt"),
            "--reports",
            str(demo),
            "--answers",
            str(answers),
            "--no-retrieval",
            "--save",
        ]
    )
    err = capsys.readouterr().err
    assert code == 0 and "saved as case" in err
    case_id = err.split("saved as case ")[1].split(",")[0]
    assert main(["cases"]) == 0
    assert case_id in capsys.readouterr().out
    assert main(["revise", case_id, "more detail on preventive measures"]) == 0
    assert "[version 2]" in capsys.readouterr().err
    assert main(["revise", case_id, "make it shorter"]) == 0
    assert "[version 3]" in capsys.readouterr().err
    assert main(["revise", case_id, "add fact: we now count stock every Monday morning"]) == 0
    assert "every Monday morning" in capsys.readouterr().out
    store = CaseStore(Path(__import__("os").environ["APPEAL_ASSISTANT_DATA_DIR"]) / "cases.sqlite3")
    drafts = store.drafts(case_id)
    assert [d.version for d in drafts] == [1, 2, 3, 4]
    assert [d.instruction for d in drafts][1:] == [
        "more detail on preventive measures",
        "make it shorter",
        "add fact: we now count stock every Monday morning",
    ]
    sizes = [len(d.plan.model_dump_json()) for d in drafts]
    assert sizes[1] > sizes[0] and sizes[2] < sizes[1]
    assert main(["revise", case_id, "sing a song"]) == 2
    assert main(["revise", "nope", "shorter"]) == 2


def test_draft_without_notice_is_an_improvement_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    generate_demo(tmp_path, DemoConfig(orders=3000, seed=2, scenarios=("missing_tracking",)))
    assert main(["draft", "--reports", str(tmp_path), "--no-retrieval", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Performance improvement plan") and "Valid tracking" in out


def test_draft_docx_needs_out_and_writes_a_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    generate_demo(tmp_path, DemoConfig(orders=2000, seed=2, scenarios=("stock_out",)))
    args = ["draft", "--notice", str(tmp_path / "notice_stock_out.txt"), "--no-retrieval", "--format", "docx"]
    assert main(args) == 2
    assert "--out" in capsys.readouterr().err
    assert main([*args, "--out", str(tmp_path / "plan.docx")]) == 0
    assert (tmp_path / "plan.docx").read_bytes()[:2] == b"PK"
