"""PEFT adapter configs (``adapter_config.json``): the base model an adapter was trained on."""

from __future__ import annotations

import json

from pydantic import BaseModel, ConfigDict

from ..errors import InputError


class AdapterFacts(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    base_model: str | None
    peft_type: str | None = None


def read_adapter_config(text: str, where: str = "adapter_config.json") -> AdapterFacts:
    """The base model an adapter names (``base_model_name_or_path``); nothing else is used."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"{where}: line {err.lineno}: malformed JSON: {err.msg}") from None
    if not isinstance(data, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(data).__name__}")
    base = data.get("base_model_name_or_path")
    if base is not None and (not isinstance(base, str) or not base.strip()):
        raise InputError(f"{where}: base_model_name_or_path: expected a model id, got `{base!r}`")
    peft = data.get("peft_type")
    return AdapterFacts(
        base_model=base.strip() if isinstance(base, str) else None,
        peft_type=peft if isinstance(peft, str) else None,
    )
