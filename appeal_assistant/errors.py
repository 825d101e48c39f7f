"""The exception tree of appeal_assistant.

Every error a user can cause or meet is one of these; the CLI prints ``str(error)`` on one line
and exits with code 2. Messages quote the offending value with ``!r`` and say how to fix it.

::

    AppealAssistantError
    ├── ConfigError                 settings or environment cannot be used
    ├── InputError                  something the user gave us is unusable
    │   ├── ReportFileError         a report file cannot be read (names file, row, column)
    │   │   ├── UnknownReportError  headers match no known report kind
    │   │   └── MissingColumnError  a required column is absent
    │   ├── NoticeError             a notice cannot be read
    │   └── AnswersError            an answers file cannot be read
    ├── DataError                   the data cannot support what was asked (e.g. empty window)
    ├── KnowledgeError              knowledge documents or the index are unusable
    │   └── EmbedderUnavailableError  the local embedding model package is missing
    ├── LLMError                    the language model failed (after retries)
    │   ├── LLMOutputError          the reply did not fit the schema after one repair
    │   └── GroundingError          the reply stated facts absent from the sources
    ├── PromptError                 a prompt template is missing or lacks a variable
    ├── StoreError                  the case store cannot be read or written
    └── EvalError                   evaluation cases are malformed or a floor was missed
"""

from __future__ import annotations

__all__ = [
    "AnswersError",
    "AppealAssistantError",
    "ConfigError",
    "DataError",
    "EmbedderUnavailableError",
    "EvalError",
    "GroundingError",
    "InputError",
    "KnowledgeError",
    "LLMError",
    "LLMOutputError",
    "MissingColumnError",
    "NoticeError",
    "PromptError",
    "ReportFileError",
    "StoreError",
    "UnknownReportError",
]


class AppealAssistantError(Exception):
    """Root of every error this package raises on purpose."""


class ConfigError(AppealAssistantError):
    """Settings or the environment cannot be used."""


class InputError(AppealAssistantError):
    """Something the user gave us is unusable."""


class ReportFileError(InputError):
    """A report file cannot be read; the message names the file, and row or column when known."""

    def __init__(
        self, message: str, *, path: str | None = None, row: int | None = None, column: str | None = None
    ) -> None:
        super().__init__(message)
        self.path = path
        self.row = row
        self.column = column


class UnknownReportError(ReportFileError):
    """The headers of a file match no known report kind."""


class MissingColumnError(ReportFileError):
    """A required column is missing from a report file."""


class NoticeError(InputError):
    """A notice cannot be read."""


class AnswersError(InputError):
    """An answers file cannot be read."""


class DataError(AppealAssistantError):
    """The data cannot support what was asked."""


class KnowledgeError(AppealAssistantError):
    """Knowledge documents or the index are unusable."""


class EmbedderUnavailableError(KnowledgeError):
    """The local embedding model package is missing or broken."""


class LLMError(AppealAssistantError):
    """The language model failed after retries and fallbacks."""


class LLMOutputError(LLMError):
    """The model's reply did not fit the schema, even after one repair attempt."""


class GroundingError(LLMError):
    """The model's reply states numbers, dates, ids or names absent from the sources."""

    def __init__(self, message: str, *, unsupported: list[str] | None = None) -> None:
        super().__init__(message)
        self.unsupported = unsupported or []


class PromptError(AppealAssistantError):
    """A prompt template is missing or lacks a variable."""


class StoreError(AppealAssistantError):
    """The case store cannot be read or written."""


class EvalError(AppealAssistantError):
    """Evaluation cases are malformed, or a pass-rate floor was missed."""
