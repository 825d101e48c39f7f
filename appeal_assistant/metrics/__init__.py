"""Metrics: the policy table, computations over the seller's reports, and the findings behind them."""

from __future__ import annotations

from appeal_assistant.metrics.analyze import analyze_frames, analyze_paths
from appeal_assistant.metrics.policy import POLICIES, MetricPolicy, classify, policy

__all__ = ["POLICIES", "MetricPolicy", "analyze_frames", "analyze_paths", "classify", "policy"]
