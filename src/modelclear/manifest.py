"""The project manifest: the models a project ships and the use it declares, in one place.

``modelclear.yaml`` at the repository root, or ``[tool.modelclear]`` in ``pyproject.toml``, with
the same schema::

    profile: {commercial: true, monthly_active_users: 250000}   # shared by every model
    models:
      - meta-llama/Llama-3.1-8B-Instruct
      - {model: ./models/our-finetune, profile: {distributes_derivative: true}}
    policy: {deny: [non-commercial], fail_on_review: true, acknowledgements: [...]}

Every fault is reported with the file, the line (YAML) and the field; unknown keys are errors.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import InputError
from .profile import UseProfile
from .readers.files import read_inside
from .validation import describe_errors, format_location, load_yaml_text

MANIFEST_NAMES = ("modelclear.yaml", "modelclear.yml")


def entry_key(model: str) -> str:
    """How model entries and acknowledgements are matched: case and surrounding space ignored."""
    return model.strip().lower()


class Acknowledgement(BaseModel):
    """A finding a reviewer has looked at: it stops failing the gate until it expires."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    model: str = Field(min_length=1, description="The model entry, as the manifest names it.")
    clause: str = Field(
        pattern=r"^[a-z0-9][a-z0-9.+-]*/[a-z0-9][a-z0-9.+-]*$",
        description="`license-id/clause-id` of the finding.",
    )
    reason: str = Field(min_length=1)
    reviewed_by: str = Field(min_length=1)
    expires: dt.date | None = None
    pin: str | None = Field(
        None,
        description="The `pin` the report gave for the model when it was reviewed: a changed "
        "license re-opens the finding.",
    )


class Policy(BaseModel):
    """House rules on top of the licenses, as in cargo-deny."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    deny: tuple[str, ...] = Field(
        (), description="License ids, families, openness categories or traits that fail."
    )
    allow: tuple[str, ...] = Field(
        (), description="When non-empty, every license must match one of these."
    )
    fail_on_review: bool = True
    acknowledgements: tuple[Acknowledgement, ...] = ()


class ModelEntry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    model: str = Field(min_length=1)
    profile: dict[str, Any] = {}


class Manifest(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    profile: dict[str, Any] = {}
    models: tuple[ModelEntry, ...] = Field(min_length=1)
    policy: Policy = Policy()

    @field_validator("models", mode="before")
    @classmethod
    def _entries(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [{"model": v} if isinstance(v, str) else v for v in value]
        return value


class LoadedManifest(BaseModel):
    """A manifest with where it came from: its file, its folder and each model entry's line."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    path: str
    manifest: Manifest
    lines: tuple[int, ...]  # 1-based line of each model entry (0 when unknown)

    @property
    def folder(self) -> Path:
        return Path(self.path).parent

    def profile_for(self, index: int) -> UseProfile:
        entry = self.manifest.models[index]
        data = {**self.manifest.profile, **entry.profile}
        where = (
            f"{self.path}: models[{index}].profile" if entry.profile else f"{self.path}: profile"
        )
        return UseProfile.from_mapping(data, source=where)


def find_manifest(start: Path | None = None) -> Path | None:
    """The manifest of the project around ``start``: this folder, then upwards to the
    repository root (a folder holding ``.git``) or the file system root."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in MANIFEST_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
        if (folder / ".git").exists():
            return None
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        return "modelclear" in _toml(path).get("tool", {})
    except InputError:
        return False


def _toml(path: Path) -> dict[str, Any]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef,import-not-found,unused-ignore]
    try:
        return tomllib.loads(read_inside(path))
    except tomllib.TOMLDecodeError as err:
        raise InputError(f"{path}: malformed TOML: {err}") from None


def load_manifest(path: str | Path) -> LoadedManifest:
    """Read and validate a manifest (YAML, or ``[tool.modelclear]`` of a pyproject.toml)."""
    path = Path(path)
    lines: dict[tuple[int | str, ...], int] = {}
    if path.name == "pyproject.toml":
        data = _toml(path).get("tool", {}).get("modelclear")
        if data is None:
            raise InputError(f"{path}: has no [tool.modelclear] table")
    else:
        text = read_inside(path)
        try:
            data = load_yaml_text(text, str(path))
        except ValueError as err:
            raise InputError(str(err)) from None
        lines = _yaml_lines(text)
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected a mapping with `models`, got {type(data).__name__}")
    try:
        manifest = Manifest.model_validate(data)
    except ValidationError as err:
        raise InputError(_located(err, path, lines)) from None
    entry_lines = tuple(lines.get(("models", i), 0) for i in range(len(manifest.models)))
    loaded = LoadedManifest(path=str(path), manifest=manifest, lines=entry_lines)
    for i in range(len(manifest.models)):
        loaded.profile_for(i)  # every profile is validated now, not when its model is checked
    _no_duplicates(loaded)
    return loaded


def _no_duplicates(loaded: LoadedManifest) -> None:
    seen: dict[str, int] = {}
    for i, entry in enumerate(loaded.manifest.models):
        key = entry_key(entry.model)
        if key in seen:
            raise InputError(
                f"{loaded.path}: models[{i}]: `{entry.model}` is listed twice (also models"
                f"[{seen[key]}]); give one entry per model"
            )
        seen[key] = i


def _located(
    err: ValidationError, path: Path, lines: dict[tuple[int | str, ...], int]
) -> list[str]:
    """The validation messages, each with the line of the key or item it names."""
    where = f"{path}: "
    by_location = {format_location(loc): line for loc, line in lines.items()}
    out = []
    for message in describe_errors(err, str(path), fields=Manifest.model_fields):
        line = _line_of(message[len(where) :], by_location)
        out.append(message.replace(where, f"{where}line {line}: ", 1) if line else message)
    return out or [f"{where}invalid manifest"]


_UNKNOWN = re.compile(r"unknown field `([^`]+)`")


def _line_of(rest: str, by_location: dict[str, int]) -> int | None:
    """``rest`` is ``location: problem`` or, at the top, ``problem``; an unknown field is
    found at its own key, anything else at the deepest location the message names."""
    head = rest.split(": ", 1)[0]
    unknown = _UNKNOWN.search(rest)
    if unknown is not None:
        parent = "" if head.startswith("unknown field") else head
        key = f"{parent}.{unknown.group(1)}" if parent else unknown.group(1)
        return by_location.get(key) or by_location.get(parent)
    while head:
        if head in by_location:
            return by_location[head]
        head = head.rpartition(".")[0] if "." in head else head.rpartition("[")[0]
    return None


def _yaml_lines(text: str) -> dict[tuple[int | str, ...], int]:
    """The 1-based line of every key and list item in a YAML document, by its path."""
    import yaml

    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return {}
    out: dict[tuple[int | str, ...], int] = {}

    def walk(node: Any, path: tuple[int | str, ...]) -> None:
        out.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                sub = (*path, str(key.value))
                out[sub] = key.start_mark.line + 1
                walk(value, sub)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, (*path, i))

    if root is not None:
        walk(root, ())
    return out
