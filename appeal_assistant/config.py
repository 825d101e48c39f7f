"""Settings, read when called (never at import): env prefix ``APPEAL_ASSISTANT_`` and a ``.env`` file."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from appeal_assistant.errors import ConfigError
from appeal_assistant.models import Marketplace

__all__ = ["OFFLINE_ENV", "Settings", "apply_offline_env", "get_settings"]

#: Environment that keeps Hugging Face, litellm and Chroma from reaching the network.
OFFLINE_ENV: dict[str, str] = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    "ANONYMIZED_TELEMETRY": "False",
    "TOKENIZERS_PARALLELISM": "false",
}


def apply_offline_env() -> None:
    """Set the offline variables (unless the user set them) before torch, chromadb or litellm load."""
    for key, value in OFFLINE_ENV.items():
        os.environ.setdefault(key, value)


class Settings(BaseSettings):
    """Everything a user can configure. ``Settings()`` reads the environment at call time."""

    model_config = SettingsConfigDict(
        env_prefix="APPEAL_ASSISTANT_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    data_dir: Path = Field(default_factory=lambda: Path.home() / ".appeal_assistant")
    llm_model: str = "offline"
    llm_api_base: str | None = None
    llm_fallback_models: list[str] = Field(default_factory=list)
    llm_timeout_s: float = 60.0
    llm_max_retries: int = 2
    chroma_host: str = ""
    chroma_port: int = 8000
    marketplace: Marketplace = Marketplace.AMAZON
    #: Judge wording by meaning too (the blame model over sentence vectors), beside the phrase rules.
    meaning_checks: bool = True
    knowledge_dir: Path = Field(default_factory=lambda: Path(__file__).resolve().parent.parent / "knowledge")

    @field_validator("data_dir", "knowledge_dir", mode="after")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return value.expanduser()

    @property
    def llm_enabled(self) -> bool:
        return self.llm_model.strip().lower() not in {"", "offline", "none"}

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def store_path(self) -> Path:
        return self.data_dir / "cases.sqlite3"


def get_settings(**overrides: object) -> Settings:
    """Read settings now; a bad value becomes a ConfigError naming the variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise ConfigError(
            f"setting {field!r} is invalid ({first['msg']}); set APPEAL_ASSISTANT_{field.upper()} "
            "to a valid value"
        ) from exc
