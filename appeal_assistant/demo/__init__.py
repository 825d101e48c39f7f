"""Seeded, realistic demo seller data in the real report formats, with injected scenarios and truth."""

from __future__ import annotations

from appeal_assistant.demo.generate import DemoResult, generate_demo
from appeal_assistant.demo.simulate import DEFAULT_AS_OF, SCENARIOS, DemoConfig, ScenarioName

__all__ = ["DEFAULT_AS_OF", "SCENARIOS", "DemoConfig", "DemoResult", "ScenarioName", "generate_demo"]
