"""Evaluation runners: cases are files under evals/, scored by small evaluators with a floor."""

from __future__ import annotations

__all__: list[str] = []
