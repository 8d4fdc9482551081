"""The use profile: what a team declares about its planned use of a model.

Every field but ``use_cases`` defaults to ``None``, meaning "not declared". A clause that turns
on an undeclared fact cannot be decided, and the engine answers ``needs-review`` naming it.
Field names are a public contract; see ``docs/reference/profile.md`` for their meanings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    ValidationError,
    field_validator,
)

from .errors import ProfileError
from .territories import default_territories
from .validation import describe_errors, load_yaml_text, read_text
from .vocab import FACTS, FactType, LicenseeKind, UseCase

_Count = Annotated[StrictInt, Field(ge=0)]

# Where the profile being validated came from, for error messages (a file name, "--set", ...).
_SOURCE: ContextVar[str] = ContextVar("profile_source", default="profile")


class UseProfile(BaseModel):
    """The declared use. ``None`` means "not declared"; ``use_cases`` defaults to none."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)

    commercial: StrictBool | None = Field(
        None,
        description="The use serves business operations, products or revenue (internal "
        "production tools and revenue-oriented proofs of concept included).",
    )
    monthly_active_users: _Count | None = Field(
        None,
        description="Monthly active users of the licensee's products or services, as each "
        "license measures them (Llama: the calendar month before the model's release date).",
    )
    annual_revenue_usd: _Count | None = Field(
        None, description="Annual revenue in US dollars, as each license measures it."
    )
    licensee_territory: str | None = Field(
        None,
        description="ISO 3166-1 alpha-2 code of the licensee's domicile or principal place of "
        "business.",
    )
    licensee_kind: LicenseeKind | None = Field(
        None,
        description="Who takes the license: individual, company, charity, nonprofit, academic "
        "or government.",
    )
    deployment_territories: tuple[str, ...] | None = Field(
        None,
        description="Where the product is offered: ISO 3166-1 alpha-2 codes or region names "
        "(EU, EEA).",
    )
    redistributes_weights: StrictBool | None = Field(
        None, description="The licensee gives copies of the weights to others."
    )
    fine_tunes: StrictBool | None = Field(
        None,
        description="The licensee changes the model's own weights: fine-tune, merge, quantize, "
        "prune.",
    )
    distributes_derivative: StrictBool | None = Field(
        None,
        description="The licensee hands a derivative model's weights to others (a model trained "
        "on this model's outputs included); hosting one is `offers_hosted_service`.",
    )
    derivative_name: str | None = Field(
        None, min_length=1, description="The name under which a derivative is distributed."
    )
    derivative_license: str | None = Field(
        None,
        min_length=1,
        description="License key or SPDX expression under which a derivative is distributed.",
    )
    offers_hosted_service: StrictBool | None = Field(
        None,
        description="Third parties reach the model through something the licensee runs (an "
        "employee-only tool is not).",
    )
    trains_on_outputs: StrictBool | None = Field(
        None,
        description="Outputs are used to train or improve a different model of the same kind "
        "(distillation into a student counts).",
    )
    output_trained_model: str | None = Field(
        None,
        min_length=1,
        description="The model that this model's outputs train or improve: a known model id, a "
        "license id or an SPDX expression (the license that model is bound by).",
    )
    use_cases: tuple[UseCase, ...] = Field(
        (),
        description="Restricted categories the product touches; empty means none declared.",
    )

    @field_validator("licensee_territory", mode="before")
    @classmethod
    def _country(cls, value: object) -> object:
        if value is None:
            return None
        territories = default_territories()
        if not isinstance(value, str):
            if isinstance(value, bool):  # YAML's reading of NO
                raise ValueError(territories.unknown_message(value, regions=False))
            raise ValueError(f"must be a country code such as `FR`, got {type(value).__name__}")
        code = value.upper()
        if code not in territories.countries:
            raise ValueError(territories.unknown_message(value, regions=False))
        return code

    @field_validator("deployment_territories", mode="before")
    @classmethod
    def _territories(cls, value: object) -> object:
        if value is None:
            return None
        if isinstance(value, str) or not isinstance(value, Iterable):
            raise ValueError("must be a list of country codes or region names")
        territories = default_territories()
        out: list[str] = []
        for item in value:
            if not isinstance(item, str):
                if isinstance(item, bool):
                    raise ValueError(territories.unknown_message(item, regions=True))
                raise ValueError(f"must list country codes or region names, got `{item!r}`")
            code = item if item in territories.regions else item.upper()
            if code not in territories.countries and code not in territories.regions:
                raise ValueError(territories.unknown_message(item, regions=True))
            out.append(code)
        return tuple(out)

    def __init__(self, **data: Any) -> None:
        """Build a profile; faults raise ``ProfileError`` naming every field at once."""
        try:
            super().__init__(**data)
        except ValidationError as err:
            fields = type(self).model_fields
            raise ProfileError(describe_errors(err, _SOURCE.get(), fields=fields)) from None

    @classmethod
    def from_mapping(cls, data: object, *, source: str = "profile") -> UseProfile:
        """Validate a mapping (parsed YAML or JSON); ``ProfileError`` lists every fault."""
        data = _mapping(data, source)
        odd = [k for k in data if not isinstance(k, str)]
        if odd:
            raise ProfileError(f"{source}: `{odd[0]!r}` is not a field name")
        token = _SOURCE.set(source)
        try:
            return cls(**data)
        finally:
            _SOURCE.reset(token)

    @classmethod
    def from_file(cls, path: str | Path) -> UseProfile:
        """Read a profile from a YAML (or JSON) file."""
        return cls.from_mapping(read_profile_data(path), source=str(path))

    def declared(self) -> dict[str, Any]:
        """The fields this profile declares (``None`` left out), as plain JSON values."""
        return self.model_dump(mode="json", exclude_none=True)


def read_profile_data(path: str | Path) -> dict[str, Any]:
    """The mapping in a YAML (or JSON) profile file, not yet validated; an empty file is ``{}``."""
    where = str(path)
    try:
        data = load_yaml_text(read_text(Path(path), where), where)
    except ValueError as err:
        raise ProfileError(str(err)) from None
    return _mapping(data, where)


def _mapping(data: object, where: str) -> dict[str, Any]:
    """``data`` as a dict of fields; nothing (an empty file) is an empty profile."""
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise ProfileError(
            f"{where}: expected a mapping of profile fields, got {type(data).__name__}"
        )
    return dict(data)


_TRUE = frozenset({"true", "yes"})
_FALSE = frozenset({"false", "no"})


def parse_assignment(text: str) -> tuple[str, object]:
    """Parse a command-line ``field=value`` into a fact path and a typed value.

    ``field`` is a profile field (``commercial``, or ``profile.commercial``) or a model fact
    (``model.multimodal``). ``null`` clears a field. Lists are comma-separated.
    """
    name, sep, raw = text.partition("=")
    name = name.strip()
    if not sep or not name:
        raise ProfileError(f"--set `{text}`: expected field=value, e.g. commercial=true")
    path = name if name.startswith(("profile.", "model.")) else f"profile.{name}"
    fact_type = FACTS.get(path)
    if fact_type is None:
        allowed = sorted(k.removeprefix("profile.") for k in FACTS)
        raise ProfileError(f"--set `{text}`: unknown field `{name}`; allowed: {', '.join(allowed)}")
    raw = raw.strip()
    if raw.lower() in {"null", "none", ""}:
        return path, None
    try:
        return path, _coerce(raw, fact_type)
    except ValueError as err:
        raise ProfileError(f"--set `{text}`: {name}: {err}") from None


def _coerce(raw: str, fact_type: FactType) -> object:
    if fact_type is FactType.BOOL:
        low = raw.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise ValueError(f"expected true or false, got `{raw}`")
    if fact_type is FactType.COUNT:
        try:
            return int(raw.replace("_", "").replace(",", ""))
        except ValueError:
            raise ValueError(f"expected a whole number, got `{raw}`") from None
    if fact_type in (FactType.COUNTRIES, FactType.USE_CASES):
        return [part.strip() for part in raw.split(",") if part.strip()]
    return raw
