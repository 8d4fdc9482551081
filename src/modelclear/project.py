"""Gating a whole project: every model its manifest names, checked and judged by its policy.

``check_project(path)`` reads the manifest (a ``modelclear.yaml`` or ``pyproject.toml``, or the
one found from ``path`` upwards), checks each model with the shared profile merged with the
model's own, applies the house policy, and combines: the project's result is the worst over all
models after policy. ``check_many(models, profile)`` is the same without a manifest.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from .database import Database, load_database
from .engine import check_use
from .errors import InputError
from .manifest import LoadedManifest, Policy, entry_key, find_manifest, load_manifest
from .model import ModelFacts, ModelInfo
from .policy import PolicyOutcome, apply_policy, unmatched_acknowledgements
from .profile import UseProfile
from .report import Report
from .vocab import EXIT_CONFLICT, EXIT_NEEDS_REVIEW, EXIT_OK, NOT_LEGAL_ADVICE, Verdict


class ModelResult(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    model: str  # as the manifest names it
    line: int  # the manifest line naming it (0 when unknown)
    report: Report
    policy: PolicyOutcome


class ProjectReport(BaseModel):
    """The combined checklist of a project."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    schema_version: str = "1.0"
    manifest: str | None
    results: tuple[ModelResult, ...]
    unmatched_acknowledgements: tuple[str, ...] = ()
    verdict: Verdict
    passes: bool
    notice: str = NOT_LEGAL_ADVICE

    @property
    def exit_code(self) -> int:
        if self.passes:
            return EXIT_OK
        return EXIT_CONFLICT if self.verdict is Verdict.CONFLICT else EXIT_NEEDS_REVIEW

    def to_json(self, *, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent)


def check_project(
    path: str | Path | None = None,
    *,
    database: Database | None = None,
    today: dt.date | None = None,
) -> ProjectReport:
    """Check every model of the project whose manifest is ``path`` (a file), or is found from
    ``path`` (a folder; the current folder by default) upwards."""
    given = Path(path) if path is not None else None
    if given is not None and given.is_file():
        found: Path | None = given
    else:
        found = find_manifest(given)
    if found is None:
        where = given or Path.cwd()
        raise InputError(
            f"{where}: no modelclear.yaml (or [tool.modelclear] in pyproject.toml) here or in "
            "the folders above it up to the repository root; `modelclear init` writes one"
        )
    return check_manifest(load_manifest(found), database=database, today=today)


def check_manifest(
    loaded: LoadedManifest, *, database: Database | None = None, today: dt.date | None = None
) -> ProjectReport:
    db = database if database is not None else load_database()
    results = []
    used: dict[str, set[str]] = {}
    for i, entry in enumerate(loaded.manifest.models):
        subject = entry.model
        if subject.startswith("."):  # a folder or card file, relative to the manifest
            subject = _relative(loaded.folder / subject)
        report = check_use(subject, loaded.profile_for(i), database=db)
        outcome = apply_policy(report, loaded.manifest.policy, db, model=entry.model, today=today)
        used.setdefault(entry_key(entry.model), set()).update(
            f.ref for f in (*report.conflicts, *report.obligations)
        )
        results.append(
            ModelResult(model=entry.model, line=loaded.lines[i], report=report, policy=outcome)
        )
    return _combine(loaded.path, results, unmatched_acknowledgements(loaded.manifest.policy, used))


def check_one(
    model: str,
    profile: UseProfile | Mapping[str, Any] | None = None,
    *,
    facts: ModelFacts | None = None,
    database: Database | None = None,
) -> ProjectReport:
    """One model, no manifest, no house policy: its report as a project of one, for the
    project renderers (markdown, SARIF, JUnit, GitHub, HTML, NOTICE)."""
    db = database if database is not None else load_database()
    report = check_use(model, profile, facts=facts, database=db)
    outcome = apply_policy(report, Policy(), db, model=model)
    return _combine(None, [ModelResult(model=model, line=0, report=report, policy=outcome)], ())


def check_sbom(
    path: str | Path,
    profile: UseProfile | Mapping[str, Any] | None = None,
    *,
    policy: Policy | None = None,
    database: Database | None = None,
    today: dt.date | None = None,
) -> ProjectReport:
    """Check every model an SPDX (2.3 or 3.0) or CycloneDX document lists against ``profile``.

    A model the registry knows is checked with its lineage; any other by the license the SBOM
    declares for it (``LicenseRef-`` texts identified), and one with no license asserted
    needs review.
    """
    from .readers.sbom import read_sbom

    db = database if database is not None else load_database()
    rules = policy or Policy()
    facts = read_sbom(path, knows_license=lambda text: _known_expression(text, db))
    use = profile if isinstance(profile, UseProfile) else UseProfile.from_mapping(profile or {})
    results = []
    for item in facts.models:
        subject: str | ModelInfo
        if db.model(item.name) is not None:
            subject = item.name
        else:
            expression = _with_identified(item.license or "unknown", item.extracted, db)
            subject = ModelInfo(id=item.name, license=expression)
        report = check_use(subject, use, database=db)
        outcome = apply_policy(report, rules, db, model=item.name, today=today)
        results.append(ModelResult(model=item.name, line=0, report=report, policy=outcome))
    if not results:
        raise InputError(f"{path}: lists no model ({facts.format}); nothing to check")
    return _combine(str(path), results, ())


def _with_identified(expression: str, extracted: Mapping[str, str], db: Database) -> str:
    """``expression`` with each ``LicenseRef-`` whose extracted text is identified replaced by
    the license it is, symbol by symbol (never inside a longer id that begins the same way)."""
    from license_expression import LicenseSymbol

    from .identification import identify

    subs = {}
    for ref, text in extracted.items():
        if db.license(ref) is None:
            found = identify(text, db).license
            if found:
                subs[LicenseSymbol(ref)] = LicenseSymbol(found)
    parsed, _ = db.parse_expression(expression) if subs else (None, None)
    return str(parsed.subs(subs)) if parsed is not None else expression


def _known_expression(text: str, db: Database) -> bool:
    keys = db.expression_keys(text)
    return bool(keys) and all(k in db.licenses for k in keys)


def check_card(path: str, profile: Mapping[str, Any]) -> dict[str, Any]:
    """Check one model folder or card file and return a small, picklable summary: the function
    to map over many cards (processes, or Dask's ``bag.map``; see docs/performance.md). Input
    errors become a summary with ``error`` set, so one bad card never stops a scan."""
    from .errors import ModelclearError

    try:
        report = check_use(path, profile)
    except ModelclearError as err:
        return {"path": path, "verdict": None, "error": "; ".join(err.problems)}
    return {
        "path": path,
        "verdict": report.verdict.value,
        "licenses": list(report.licenses),
        "conflicts": [f.ref for f in report.conflicts if not f.conditional],
        "error": None,
    }


def _relative(path: Path) -> str:
    """A path as short as it can be written from the current folder, marked as a path."""
    try:
        text = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path.resolve())
    return text if text.startswith(".") else f"./{text}"


def check_many(
    models: Iterable[str | ModelInfo],
    profile: UseProfile | Mapping[str, Any] | None = None,
    *,
    database: Database | None = None,
) -> list[Report]:
    """Check several models against one profile; the reports, in the order given."""
    db = database if database is not None else load_database()
    return [check_use(m, profile, database=db) for m in models]


def _combine(
    manifest: str | None,
    results: list[ModelResult],
    unmatched: tuple[str, ...],
) -> ProjectReport:
    verdict = max((r.policy.verdict for r in results), key=lambda v: v.rank)
    return ProjectReport(
        manifest=manifest,
        results=tuple(results),
        unmatched_acknowledgements=unmatched,
        verdict=verdict,
        passes=all(r.policy.passes for r in results),
    )
