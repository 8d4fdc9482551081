"""Loading and validating the license database, and looking things up in it.

Layout of a database directory (``license_db/`` in the source tree and in the wheel)::

    database.yaml        format version and the modelclear versions it needs
    territories.yaml     country codes and regions
    licenses/<id>.yaml   one license version per file; file name == id
    models/<name>.yaml   known models: license and base models

Every fault in every file is gathered and reported at once (``DatabaseError.problems``).
The default database is parsed once per process.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from . import compiled
from ._version import __version__
from .errors import DatabaseError
from .license import License, iter_comparisons
from .model import ModelFile, ModelRecord
from .resources import DB_ENV, db_root, shipped_root
from .territories import Territories, load_territories
from .validation import load_yaml_text, read_text, validate_model

if TYPE_CHECKING:
    from license_expression import Licensing

#: The database layout this version of modelclear reads.
FORMAT = 1


class DatabaseMeta(BaseModel):
    """``database.yaml``: which layout the files follow and which modelclear can read them."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: int
    requires_modelclear: str
    updated: dt.date

    def unmet_requirement(self) -> str | None:
        """Why this modelclear cannot read the database, or ``None`` when it can."""
        from packaging.specifiers import InvalidSpecifier, SpecifierSet
        from packaging.version import Version

        try:
            wanted = SpecifierSet(self.requires_modelclear)
        except InvalidSpecifier:
            return f"`{self.requires_modelclear}` is not a version specifier such as `>=0.1`"
        if Version(__version__) not in wanted:
            return (
                f"the database needs modelclear `{self.requires_modelclear}`, this is {__version__}"
            )
        return None


@dataclass(frozen=True)
class Database:
    """The licenses, models and territories, indexed for lookup (case-insensitive)."""

    root: Path
    meta: DatabaseMeta
    territories: Territories
    licenses: Mapping[str, License]
    models: Mapping[str, ModelRecord]
    _license_names: Mapping[str, str] = field(repr=False)
    _loose_names: Mapping[str, str] = field(repr=False)
    _model_names: Mapping[str, str] = field(repr=False)
    #: Work that depends only on the database and a subject (parsed expressions, lineage),
    #: kept by the engine so that repeated checks of one model do not redo it.
    plans: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def license(self, name: str) -> License | None:
        """The license an id, SPDX id or alias names; ``None`` if unknown.

        An exact name (case ignored) wins; otherwise the name is compared in the loose form of
        ``loose_license_name``, so ``CC BY-NC 4.0``, ``Apache 2`` and ``The MIT License (MIT)``
        find their records. A loose form two licenses share finds neither.
        """
        key = self._license_names.get(name.strip().lower())
        if key is None:
            key = self._loose_names.get(loose_license_name(name))
        return self.licenses[key] if key else None

    def model(self, name: str) -> ModelRecord | None:
        """The model a Hub id names (``org/name``, or ``name`` alone if unambiguous)."""
        key = self._model_names.get(name.strip().lower())
        return self.models[key] if key is not None else None

    def suggest(self, name: str, n: int = 3) -> tuple[str, ...]:
        """License ids whose names are close to ``name``, best first."""
        return _close_matches(name, self._license_names, n)

    def suggest_model(self, name: str, n: int = 3) -> tuple[str, ...]:
        """Model ids close to ``name``, best first."""
        return _close_matches(name, self._model_names, n)

    @functools.cached_property
    def licensing(self) -> Licensing:
        """A license-expression ``Licensing`` whose symbols are this database's licenses."""
        from license_expression import LicenseSymbol, Licensing

        symbols = [
            LicenseSymbol(lic.id, aliases=tuple(n for n in lic.names if n != lic.id))
            for lic in self.licenses.values()
        ]
        try:
            return Licensing(symbols)
        except ValueError as err:  # names that clash or cannot be expression symbols
            raise DatabaseError(f"{self.root.name}/licenses: {err}") from None

    def parse_expression(self, text: str) -> tuple[Any, str | None]:
        """``(expression, None)``, or ``(None, why)`` when ``text`` is not an SPDX expression.

        license-expression raises ``ExpressionError`` for malformed text, and on some inputs
        (``"( )"``, ``"MIT AND"``) ``IndexError``, ``AttributeError`` or ``TypeError`` from
        known upstream bugs; all of them mean the same thing here, so all are caught.
        """
        try:
            return self.licensing.parse(text), None
        except Exception as err:  # a third-party parser's faults, whatever their type
            return None, str(err) or type(err).__name__

    def expression_keys(self, text: str) -> set[str]:
        """The license keys a license name or expression names (none when it is malformed)."""
        known = self.license(text)
        if known is not None:
            return {known.id}
        expr, _ = self.parse_expression(text)
        return set(self.licensing.license_keys(expr)) if expr is not None else set()

    def __iter__(self) -> Iterator[License]:
        return iter(self.licenses.values())


_PARENTHESISED = re.compile(r"\s*\([^)]*\)")
_LEADING_THE = re.compile(r"^the\s+")
_LICENSE_WORDS = re.compile(r"\b(?:licen[cs]e|agreement)\b")
_VERSION_WORD = re.compile(r"\b(?:version|ver|v)\s*(?=\d)")
_ZERO_MINORS = re.compile(r"(\d)(?:\.0)+\b")
_PUNCTUATION = re.compile(r"[\s_,/-]+")


def loose_license_name(name: str) -> str:
    """A license name reduced to what people vary least: case, spaces, hyphens, underscores,
    commas, a leading "The", the words "License" and "Agreement", parenthesised short names and
    the way a version is written (``v2``, ``2.0``, ``Version 2.0``) are set aside.

    ``The MIT License (MIT)`` -> ``mit``; ``CC BY-NC 4.0`` and ``cc-by-nc-4.0`` -> ``cc by nc 4``.
    """
    text = _PARENTHESISED.sub(" ", name.casefold()).strip()
    text = _PUNCTUATION.sub(" ", text).strip()
    text = _LEADING_THE.sub("", text)
    text = _LICENSE_WORDS.sub(" ", text)
    text = _VERSION_WORD.sub("", text)
    text = _ZERO_MINORS.sub(r"\1", text)
    return _PUNCTUATION.sub(" ", text).strip()


def _close_matches(name: str, index: Mapping[str, str], n: int) -> tuple[str, ...]:
    """Targets of the ``index`` keys (lower-case names) closest to ``name``, each once."""
    close = difflib.get_close_matches(name.strip().lower(), list(index), n=n * 3, cutoff=0.6)
    return tuple(dict.fromkeys(index[c] for c in close))[:n]


def load_database(root: str | Path | None = None) -> Database:
    """Load and validate a database directory (the shipped one by default, read once)."""
    if root is None:
        return _load_cached(_default_root(os.environ.get(DB_ENV)))
    return _load_cached(str(Path(root).resolve()))


@functools.lru_cache(maxsize=8)
def _default_root(env: str | None) -> str:
    # Keyed by $MODELCLEAR_DB, so that changing it between calls is honoured.
    return str(db_root().resolve())


@functools.cache
def _load_cached(root: str) -> Database:
    # The shipped database is checked against this version by the test suite, so only a
    # database from elsewhere pays for reading its version requirement.
    try:
        shipped = str(shipped_root().resolve())
    except FileNotFoundError:
        shipped = None
    return _load(Path(root), check_requirement=root != shipped)


def _label(root: Path, path: Path) -> str:
    return path.relative_to(root.parent).as_posix()


class _Reader:
    """The parsed data of a database's files: from its compiled copy when that copy was made
    from exactly these files, otherwise from the YAML (then compiled for next time)."""

    def __init__(self, root: Path, *, shipped: bool) -> None:
        self.root, self.shipped = root, shipped
        self.digest = compiled.digest(root, compiled.source_files(root))
        self.cached = compiled.load(root, self.digest, shipped=shipped)
        self.parsed: dict[str, Any] = {}

    def __call__(self, path: Path, problems: list[str]) -> Any:
        rel = path.relative_to(self.root).as_posix()
        if self.cached is not None and rel in self.cached:
            return self.cached[rel]
        where = _label(self.root, path)
        try:
            data = load_yaml_text(read_text(path, where), where)
        except ValueError as err:
            problems.append(str(err))
            return None
        self.parsed[rel] = data
        return data

    def keep(self) -> None:
        """After a load without problems: compile a database from elsewhere into the cache."""
        if self.cached is None and not self.shipped:
            compiled.store(self.digest, self.parsed)


def _load(root: Path, *, check_requirement: bool = True) -> Database:
    if not root.is_dir():
        raise DatabaseError(f"{root}: not a license database directory")
    problems: list[str] = []
    _read = _Reader(root, shipped=not check_requirement)

    meta_path = root / "database.yaml"
    meta_data = _read(meta_path, problems)
    meta, found = validate_model(DatabaseMeta, meta_data, _label(root, meta_path))
    problems += found
    if isinstance(meta, DatabaseMeta):
        if meta.format != FORMAT:
            problems.append(
                f"{_label(root, meta_path)}: format: this modelclear reads format {FORMAT}, "
                f"the database is format {meta.format}"
            )
        unmet = meta.unmet_requirement() if check_requirement else None
        if unmet:
            problems.append(f"{_label(root, meta_path)}: requires_modelclear: {unmet}")

    try:
        territories = load_territories(
            root / "territories.yaml", _read(root / "territories.yaml", problems)
        )
    except DatabaseError as err:
        raise DatabaseError([*problems, *err.problems]) from None
    context = {"territories": territories}

    licenses: dict[str, License] = {}
    for path in sorted((root / "licenses").glob("*.yaml")):
        where = _label(root, path)
        record, found = validate_model(License, _read(path, problems), where, context=context)
        problems += found
        if not isinstance(record, License):
            continue
        if record.id != path.stem:
            problems.append(f"{where}: id: `{record.id}` differs from the file name `{path.stem}`")
        elif record.id in licenses:
            problems.append(f"{where}: id: duplicate license id `{record.id}`")
        else:
            licenses[record.id] = record

    models: dict[str, ModelRecord] = {}
    for path in sorted((root / "models").glob("*.yaml")):
        where = _label(root, path)
        file, found = validate_model(ModelFile, _read(path, problems), where)
        problems += found
        if not isinstance(file, ModelFile):
            continue
        for i, record in enumerate(file.models):
            if record.id in models:
                problems.append(f"{where}: models[{i}].id: duplicate model id `{record.id}`")
            else:
                models[record.id] = record

    license_names = _index_licenses(root, licenses, problems)
    loose_names = _loose_index(licenses)
    model_names = _index_models(models, problems)
    db = Database(
        root,
        meta,  # type: ignore[arg-type]
        territories,
        licenses,
        models,
        license_names,
        loose_names,
        model_names,
    )
    _check_references(db, problems)
    if problems:
        raise DatabaseError(problems)
    _read.keep()
    return db


def _index_licenses(
    root: Path, licenses: Mapping[str, License], problems: list[str]
) -> dict[str, str]:
    names: dict[str, str] = {}
    for lic in licenses.values():
        for name in lic.names:
            key = name.lower()
            owner = names.get(key)
            if owner is not None and owner != lic.id:
                problems.append(
                    f"{root.name}/licenses/{lic.id}.yaml: aliases: `{name}` also names `{owner}`"
                )
            names[key] = lic.id
    return names


def _loose_index(licenses: Mapping[str, License]) -> dict[str, str]:
    """Loose forms of every name; a form two licenses share maps to "" (ambiguous: neither)."""
    owners: dict[str, set[str]] = {}
    for lic in licenses.values():
        for name in lic.names:
            owners.setdefault(loose_license_name(name), set()).add(lic.id)
    return {form: next(iter(ids)) if len(ids) == 1 else "" for form, ids in owners.items()}


def _index_models(models: Mapping[str, ModelRecord], problems: list[str]) -> dict[str, str]:
    """Ids and aliases (case-insensitive), and the part after ``org/`` where it is unambiguous."""
    names: dict[str, str] = {}
    for model in models.values():
        for name in (model.id, *model.aliases):
            owner = names.setdefault(name.lower(), model.id)
            if owner != model.id:
                problems.append(f"models: `{name}` names both `{owner}` and `{model.id}`")
    short: dict[str, set[str]] = {}
    for name, model_id in list(names.items()):
        short.setdefault(name.split("/", 1)[1], set()).add(model_id)
    for name, ids in short.items():
        if len(ids) == 1 and name not in names:
            names[name] = next(iter(ids))
    return names


def _check_references(db: Database, problems: list[str]) -> None:
    """Cross-file checks: licenses named in conditions and base models exist; no cycles.

    The license expressions of models are checked by the lint (``modelclear db lint``), which
    needs the expression parser that a plain load does not import.
    """
    for lic in db:
        for i, clause in enumerate(lic.clauses):
            for test in iter_comparisons(clause.when):
                if test.includes_license is not None and test.includes_license not in db.licenses:
                    problems.append(
                        f"{db.root.name}/licenses/{lic.id}.yaml: clauses[{i}] `{clause.id}`: "
                        f"includes_license: `{test.includes_license}` is not a license id"
                    )
    for model in db.models.values():
        where = f"{db.root.name}/models: `{model.id}`"
        for base in model.base_models:
            if db.model(base) is None:
                problems.append(f"{where}: base_models: unknown model `{base}`")
        if _has_cycle(db, model.id):
            problems.append(f"{where}: base_models: the lineage loops back to this model")


def _has_cycle(db: Database, start: str) -> bool:
    seen: set[str] = set()
    stack = [start]
    while stack:
        current = db.model(stack.pop())
        if current is None:
            continue
        for base in current.base_models:
            found = db.model(base)
            if found is None:
                continue
            if found.id == start:
                return True
            if found.id not in seen:
                seen.add(found.id)
                stack.append(found.id)
    return False
