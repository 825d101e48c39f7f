"""Prompt templates: Markdown files in ``prompts/`` with a front-matter contract, rendered strictly.

A template starts with YAML front matter naming a ``description`` and its ``variables`` (name: what
it holds). The body uses ``{{ name }}`` slots and may be split into chat messages by lines that read
exactly ``[system]``, ``[user]`` or ``[assistant]`` (no marker: one user message). Loading fails on a
slot that is not declared or a declared variable the body never uses; rendering fails on a missing or
unexpected value. Values are inserted once, never re-read as template text (a notice that contains
``{{ x }}`` stays as it is).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from appeal_assistant.errors import PromptError
from appeal_assistant.llm.client import ChatMessage, Role

__all__ = ["PROMPTS_DIR", "PromptTemplate", "list_prompts", "load_prompt", "render_prompt"]

#: The repository's prompts/ folder (next to knowledge/).
PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts"

_SLOT = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
_ROLE_LINE = re.compile(r"^\[(system|user|assistant)\]\s*$", re.M)
_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)


@dataclass(frozen=True)
class PromptTemplate:
    name: str
    description: str
    variables: dict[str, str]
    body: str
    path: Path

    def render(self, values: dict[str, str]) -> list[ChatMessage]:
        """The chat messages with every slot filled; PromptError names what is missing or unexpected."""
        missing = sorted(set(self.variables) - set(values))
        extra = sorted(set(values) - set(self.variables))
        if missing or extra:
            parts = []
            if missing:
                parts.append(f"missing variable(s) {missing}")
            if extra:
                parts.append(f"undeclared variable(s) {extra}")
            raise PromptError(
                f"prompt {self.name!r}: {' and '.join(parts)}; it declares {sorted(self.variables)} in {self.path}"
            )
        # Split into messages before filling, so a value holding a '[system]' line stays inside its message.
        return [
            ChatMessage(m.role, _SLOT.sub(lambda s: values[s.group(1)], m.content).strip())
            for m in _split_messages(self.body)
        ]

    def render_text(self, values: dict[str, str]) -> str:
        """The rendered messages as one text: a ``[role]`` line before each message (golden files)."""
        return "\n".join(f"[{m.role}]\n{m.content}\n" for m in self.render(values))


def _split_messages(text: str) -> list[ChatMessage]:
    marks = list(_ROLE_LINE.finditer(text))
    if not marks:
        return [ChatMessage("user", text.strip())]
    messages = []
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        role: Role = mark.group(1)  # type: ignore[assignment]
        messages.append(ChatMessage(role, text[mark.end() : end].strip()))
    return messages


def _parse(name: str, path: Path) -> PromptTemplate:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        known = list_prompts(path.parent)
        raise PromptError(f"prompt {name!r} not found in {path.parent}; known prompts: {known}") from None
    front = _FRONT.match(raw)
    if front is None:
        raise PromptError(f"prompt {name!r} ({path}) lacks its front matter ('---' block with variables)")
    try:
        meta = yaml.safe_load(front.group(1)) or {}
    except yaml.YAMLError as exc:
        raise PromptError(f"prompt {name!r} ({path}) has unreadable front matter: {exc}") from exc
    if not isinstance(meta, dict) or not isinstance(meta.get("description"), str):
        raise PromptError(f"prompt {name!r} ({path}) must declare a 'description' in its front matter")
    declared = meta.get("variables")
    if not isinstance(declared, dict) or not all(isinstance(k, str) for k in declared):
        raise PromptError(f"prompt {name!r} ({path}) must declare 'variables' as a mapping name: description")
    body = raw[front.end() :]
    used = set(_SLOT.findall(body))
    undeclared = sorted(used - set(declared))
    unused = sorted(set(declared) - used)
    if undeclared:
        raise PromptError(f"prompt {name!r} ({path}) uses undeclared variable(s) {undeclared}; declare them")
    if unused:
        raise PromptError(f"prompt {name!r} ({path}) declares variable(s) {unused} its text never uses")
    return PromptTemplate(
        name=name,
        description=meta["description"].strip(),
        variables={k: str(v) for k, v in declared.items()},
        body=body,
        path=path,
    )


@cache
def _load(name: str, directory: Path) -> PromptTemplate:
    return _parse(name, directory / f"{name}.md")


def load_prompt(name: str, *, prompts_dir: Path | None = None) -> PromptTemplate:
    """The template ``prompts/<name>.md``, checked against its declared variables (cached)."""
    return _load(name, (prompts_dir or PROMPTS_DIR).resolve())


def render_prompt(name: str, values: dict[str, str], *, prompts_dir: Path | None = None) -> list[ChatMessage]:
    """Load and render in one step."""
    return load_prompt(name, prompts_dir=prompts_dir).render(values)


def list_prompts(prompts_dir: Path | None = None) -> list[str]:
    """Names of the templates in the prompts folder."""
    directory = prompts_dir or PROMPTS_DIR
    return sorted(p.stem for p in directory.glob("*.md")) if directory.is_dir() else []
