"""What a seller gives for a case, checked once: the notice (file or text), report files, an answers file.

Every check lives here, so the CLI, the chat, the app and the evaluation refuse the same inputs with
the same one-line messages, each naming the file and the fix.
"""

from __future__ import annotations

import hashlib
import json
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from appeal_assistant.errors import AnswersError, InputError
from appeal_assistant.models import HealthReport, Marketplace, Notice, ReportFile

__all__ = ["CaseInputs", "check_file", "load_answers", "load_inputs", "parse_as_of", "parse_marketplace"]

_NOTICE_TYPES = ".txt, .eml, .html or .pdf"


@dataclass
class CaseInputs:
    """A case's inputs, read and checked: what a workflow starts from."""

    notice: Notice | None = None
    notice_name: str | None = None
    report: HealthReport | None = None
    report_files: list[ReportFile] = field(default_factory=list)
    answers: dict[str, str] = field(default_factory=dict)

    @property
    def marketplace(self) -> Marketplace:
        if self.notice is not None:
            return self.notice.marketplace
        return self.report.marketplace if self.report is not None else Marketplace.AMAZON

    def title(self) -> str:
        """A case title a seller recognises: the notice's subject, its first issue, or the plan kind."""
        if self.notice is not None:
            if self.notice.subject:
                return self.notice.subject[:120]
            if self.notice.issues:
                from appeal_assistant.notice.patterns import ISSUE_LABELS

                return f"{ISSUE_LABELS[self.notice.issues[0].kind]} notice"
            return "Notice"
        return "Performance improvement plan"


def check_file(path: Path, what: str, fix: str) -> Path:
    """``path`` exists and is a regular file (a folder, FIFO or device is refused with the fix)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise InputError(f"{what} {str(path)!r} does not exist; {fix}") from None
    except OSError as exc:
        raise InputError(f"{what} {str(path)!r} cannot be read ({exc.strerror or exc}); {fix}") from None
    if stat.S_ISDIR(mode):
        raise InputError(f"{what} {str(path)!r} is a folder, not a file; {fix}")
    if not stat.S_ISREG(mode):
        raise InputError(f"{what} {str(path)!r} is not a regular file (a pipe or a device); {fix}")
    return path


def parse_as_of(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise InputError(f"--as-of {text!r} is not a date; use YYYY-MM-DD") from None
    if not date(2000, 1, 1) <= day <= date(2100, 12, 31):
        raise InputError(f"--as-of {text!r} is outside the years 2000-2100; give the date of your reports")
    return day


def parse_marketplace(text: str | None) -> Marketplace | None:
    if text is None:
        return None
    try:
        return Marketplace(text.lower())
    except ValueError:
        raise InputError(f"--marketplace {text!r} is unknown; use amazon, ebay or walmart") from None


def load_answers(path: Path) -> dict[str, str]:
    """A YAML or JSON mapping of question id to answer; values are kept as the seller wrote them."""
    check_file(path, "answers file", "give a YAML file of 'question id: answer' lines")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise AnswersError(
            f"answers file {str(path)!r} is not UTF-8 text; save it as a YAML or JSON text file"
        ) from None
    except OSError as exc:
        raise AnswersError(f"cannot read answers file {str(path)!r} ({exc.strerror or exc})") from exc
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError, RecursionError) as exc:
        raise AnswersError(f"answers file {str(path)!r} is not valid YAML/JSON: {str(exc)[:200]}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise AnswersError(
            f"answers file {str(path)!r} must map question ids to answers, e.g. "
            "'common.owner: Dana Reyes, operations manager'"
        )
    answers: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, dict | list):
            raise AnswersError(f"answer {key!r} in {str(path)!r} must be text, not a {type(value).__name__}")
        if value is not None and str(value).strip():
            answers[str(key)] = str(value).strip()
    return answers


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _file_records(report: HealthReport, roots: Sequence[Path]) -> list[ReportFile]:
    """Names, kinds, rows and hashes of the files a report was read from (never their content)."""
    records: list[ReportFile] = []
    for summary in report.files:
        if summary.kind is None:
            continue
        path = Path(summary.path)
        name = path.name
        digest = ""
        if path.is_file():
            digest = _sha256(path)
        else:  # a member of a .zip: hash the archive it came from
            archive = next((r for r in roots if r.is_file() and str(path).startswith(str(r))), None)
            digest = _sha256(archive) if archive is not None else ""
        records.append(ReportFile(name=name, kind=summary.kind, rows=summary.rows_read, sha256=digest))
    return records


def load_inputs(
    *,
    notice: Path | None = None,
    notice_text: str | None = None,
    reports: Sequence[Path] = (),
    answers: Path | None = None,
    answer_map: dict[str, str] | None = None,
    as_of: date | None = None,
    marketplace: Marketplace | None = None,
    map_specs: Sequence[str] = (),
    mapping_file: Path | None = None,
    on_progress: Callable[[str], None] | None = None,
) -> CaseInputs:
    """Read and check everything a case starts from; ``notice`` is a file, ``notice_text`` pasted text."""
    inputs = CaseInputs()
    if notice is not None and notice_text is not None:
        raise InputError("give the notice as a file or as text, not both")
    if notice is not None:
        from appeal_assistant.notice import read_notice

        check_file(notice, "notice file", f"give the path of the notice you saved ({_NOTICE_TYPES})")
        inputs.notice, inputs.notice_name = read_notice(notice), notice.name
    elif notice_text is not None:
        from appeal_assistant.notice import parse_notice

        inputs.notice, inputs.notice_name = parse_notice(notice_text), "pasted text"
    for path in reports:
        if not path.exists():
            raise InputError(f"{str(path)!r} does not exist; give a report file, a folder or a .zip")
    if reports:
        from appeal_assistant.metrics.analyze import analyze_paths

        inputs.report = analyze_paths(
            list(reports),
            as_of=as_of,
            marketplace=marketplace,
            map_specs=map_specs,
            mapping_file=mapping_file,
            on_progress=on_progress,
        )
        inputs.report_files = _file_records(inputs.report, list(reports))
    if answers is not None:
        inputs.answers = load_answers(answers)
    if answer_map:
        inputs.answers = {**inputs.answers, **{k: v for k, v in answer_map.items() if v and v.strip()}}
    return inputs
