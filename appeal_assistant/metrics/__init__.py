"""Metrics: the policy table, computations over the seller's reports, and the findings behind them.

Imports are lazy so that `appeal_assistant.metrics.policy` (the thresholds) loads without pandas.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["POLICIES", "MetricPolicy", "analyze_frames", "analyze_paths", "classify", "policy"]

_HOME = {
    "POLICIES": "policy",
    "MetricPolicy": "policy",
    "classify": "policy",
    "policy": "policy",
    "analyze_frames": "analyze",
    "analyze_paths": "analyze",
}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(importlib.import_module(f"appeal_assistant.metrics.{_HOME[name]}"), name)
    raise AttributeError(f"module 'appeal_assistant.metrics' has no attribute {name!r}")
