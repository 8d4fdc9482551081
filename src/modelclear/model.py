"""Models as data: the registry entries in ``license_db/models/`` and the facts about a model.

A registry entry names a model's declared license and the models it was derived from, so that
a check covers every license in its lineage. ``ModelFacts`` are the ``model.*`` facts clause
conditions may name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    field_validator,
    model_validator,
)

from .errors import ProfileError
from .validation import validate_model
from .vocab import Relation

_Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
_Url = Annotated[str, StringConstraints(pattern=r"^https://\S+$")]

_HubId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")]

Modality = Literal["text", "image", "audio", "video", "code", "3d", "tabular", "time-series"]


class ModelFacts(BaseModel):
    """What is known about the model itself; ``None`` means unknown."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    multimodal: StrictBool | None = Field(
        None, description="The model takes or produces more than one modality (e.g. image+text)."
    )
    modalities: tuple[Modality, ...] | None = Field(
        None, description="What the model takes in and puts out, as its publisher states it."
    )
    parameters: Annotated[int, Field(ge=0)] | None = Field(
        None, description="Parameter count, where the publisher gives one."
    )

    @model_validator(mode="after")
    def _consistent(self) -> ModelFacts:
        several = self.modalities is not None and len(set(self.modalities)) > 1
        if self.modalities is not None and self.multimodal not in (None, several):
            raise ValueError(
                f"multimodal: `{self.multimodal}` does not fit modalities "
                f"{', '.join(self.modalities)}"
            )
        return self

    @classmethod
    def from_mapping(cls, data: Mapping[str, object], *, source: str = "model facts") -> ModelFacts:
        result, problems = validate_model(cls, dict(data), source)
        if problems:
            raise ProfileError(problems)
        assert isinstance(result, ModelFacts)
        return result


class ModelRecord(BaseModel):
    """A known model: its license and the models it derives from."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: _HubId
    aliases: tuple[_HubId, ...] = Field((), description="Earlier or other ids of the same repo.")
    license: _Text = Field(description="License id or SPDX expression over database ids.")
    base_models: tuple[str, ...] = ()
    relation: Relation | None = Field(None, description="How it derives from its base models.")
    facts: ModelFacts = ModelFacts()
    source: _Url = Field(description="Where the license and facts were read (the model card).")


class ModelFile(BaseModel):
    """One file of ``license_db/models/``: a list of models, usually from one publisher."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    models: tuple[ModelRecord, ...] = Field(min_length=1)


class ModelInfo(BaseModel):
    """A model described in code, by build tools that already know their models.

    A base given as a string is a registry id; a base given as a mapping validates into a
    ``ModelInfo``, so a whole lineage can be written as nested data.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: _Text
    license: _Text = Field(description="License id, alias or SPDX expression over database ids.")
    base_models: list[ModelInfo | str] = []
    relation: Relation | None = None
    facts: ModelFacts | None = None

    @field_validator("facts", mode="before")
    @classmethod
    def _facts(cls, value: Any) -> Any:
        return value if value is None or isinstance(value, ModelFacts) else dict(value)

    def __init__(self, *args: Any, **data: Any) -> None:
        if args:  # ModelInfo("acme/x", "apache-2.0", ...) reads as id, license, base_models, ...
            names = ("id", "license", "base_models", "relation", "facts")
            data = dict(zip(names, args, strict=False)) | data
        super().__init__(**data)


ModelInfo.model_rebuild()
