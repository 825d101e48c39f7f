"""Notice understanding: read a marketplace's warning, suspension or rejection notice into a ``Notice``.

``parse_notice(text)`` reads pasted text; ``read_notice(path)`` reads .txt, .eml, .html and .pdf files.
Both work offline with the rule tables in ``patterns``, ``asks`` and ``marketplaces``; an optional
second opinion (e.g. an LLM) may only add issues it can quote. ``render_summary`` and ``notice_json``
show the result to a person or a program.
"""

from __future__ import annotations

from appeal_assistant.notice.parser import SecondOpinion, parse_notice
from appeal_assistant.notice.readers import read_notice, read_notice_bytes
from appeal_assistant.notice.summary import notice_json, render_summary

__all__ = [
    "SecondOpinion",
    "notice_json",
    "parse_notice",
    "read_notice",
    "read_notice_bytes",
    "render_summary",
]
