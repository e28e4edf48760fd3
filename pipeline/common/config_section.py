"""The base of every table of praksis.toml (pipeline/common/config.py and the tables kept beside it)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
