"""Countries and the regions (EU, EEA, ...) that profiles and clause conditions may name.

The lists are data, read from ``territories.yaml`` in the license database.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from .errors import DatabaseError
from .validation import load_yaml_text, read_text, validate_model

_Code = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]


class Region(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    source: str = Field(pattern=r"^https://")
    as_of: dt.date
    countries: tuple[_Code, ...] = Field(min_length=1)


class Territories(BaseModel):
    """ISO 3166-1 alpha-2 codes and named regions (each a set of codes)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    countries: frozenset[_Code]
    regions: dict[str, Region]

    @model_validator(mode="after")
    def _regions_are_countries(self) -> Territories:
        for name, region in self.regions.items():
            if name in self.countries:
                raise ValueError(f"region `{name}` has the name of a country code")
            unknown = sorted(set(region.countries) - self.countries)
            if unknown:
                raise ValueError(f"region `{name}`: not country codes: {', '.join(unknown)}")
        return self

    def expand(self, name: str) -> frozenset[str]:
        """The country codes ``name`` stands for: itself if a country, members if a region."""
        if name in self.countries:
            return frozenset({name})
        region = self.regions.get(name)
        if region is not None:
            return frozenset(region.countries)
        raise ValueError(self.unknown_message(name, regions=True))

    def unknown_message(self, value: object, *, regions: bool) -> str:
        choices = sorted(self.countries) + (sorted(self.regions) if regions else [])
        text = f"`{value}` is not an ISO 3166-1 alpha-2 country code"
        if regions:
            text += f" or a region name ({', '.join(sorted(self.regions))})"
        close = difflib.get_close_matches(str(value).upper(), choices, n=1)
        if close:
            text += f" (did you mean `{close[0]}`?)"
        if isinstance(value, bool):
            text += "; quote codes such as 'NO' in YAML, which otherwise reads them as true/false"
        return text


def load_territories(path: Path, data: object = None) -> Territories:
    """Validate the territories file (its parsed ``data`` when given, else read from ``path``)."""
    where = f"{path.parent.name}/{path.name}"
    if data is None:
        try:
            data = load_yaml_text(read_text(path, where), where)
        except ValueError as err:
            raise DatabaseError(str(err)) from None
    result, problems = validate_model(Territories, data, where)
    if problems:
        raise DatabaseError(problems)
    assert isinstance(result, Territories)
    return result


@functools.cache
def default_territories() -> Territories:
    """The territories shipped with the database (read once per process)."""
    from . import compiled
    from .resources import db_root, shipped_root

    root = db_root()
    try:
        shipped = root.resolve() == shipped_root().resolve()
    except FileNotFoundError:
        shipped = False
    cached = compiled.load(
        root, compiled.digest(root, compiled.source_files(root)), shipped=shipped
    )
    return load_territories(root / "territories.yaml", (cached or {}).get("territories.yaml"))
