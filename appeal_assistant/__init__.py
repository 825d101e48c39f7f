"""appeal_assistant: a local-first account-health and Plan of Action assistant for marketplace sellers."""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
