"""Legal scenarios: tests/scenarios/<license-id>.yaml, one file per license.

Each case names the license (or model), a use profile, the expected verdict and findings, and the
citation that justifies the expectation. Expectations come from the license texts, never from
what the engine happens to return. The loader rejects unknown keys, so a typo cannot pass.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel, ConfigDict, Field

from modelclear import check_use, load_database
from modelclear.vocab import ConflictKind, ObligationKind, Verdict

SCENARIOS = Path(__file__).parent / "scenarios"


class Want(BaseModel):
    model_config = ConfigDict(extra="forbid")

    verdict: Verdict
    # Each list, when given, must match exactly (as a set of kinds or clause ids).
    conflicts: list[ConflictKind] | None = None  # definite conflicts
    reviews: list[ConflictKind] | None = None  # conflicts that need review
    obligations: list[ObligationKind] | None = None  # obligations that apply outright
    conditional_obligations: list[ObligationKind] | None = None
    missing: list[str] | None = None  # undeclared facts a decision turns on
    clauses: list[str] = Field(default_factory=list)  # clause ids that must be among findings
    absent_clauses: list[str] = Field(default_factory=list)  # clause ids that must not appear
    chosen: str | None = None
    unknown: list[str] | None = None


class Case(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: str
    model: str | None = None
    profile: dict[str, Any] = Field(default_factory=dict)
    facts: dict[str, Any] | None = None
    want: Want
    citation: str = Field(min_length=10)


class ScenarioFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    license: str
    # Named base profiles, for YAML anchors (`&saas`) that cases merge (`<<: *saas`).
    profiles: dict[str, dict[str, Any]] = Field(default_factory=dict)
    cases: list[Case] = Field(min_length=1)


def _load() -> list[tuple[str, str, Case]]:
    out = []
    for path in sorted(SCENARIOS.glob("*.yaml")):
        data = ScenarioFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        for i, case in enumerate(data.cases):
            out.append((f"{path.stem}[{i}]", case.model or data.license, case))
    return out


CASES = _load()


@pytest.mark.parametrize(("name", "subject", "case"), CASES, ids=[c[0] for c in CASES])
def test_scenario(name: str, subject: str, case: Case) -> None:
    report = check_use(subject, case.profile, facts=case.facts)
    want = case.want
    context = f"{case.note}\n(cited: {case.citation})\n{report.to_json()}"
    assert report.verdict is want.verdict, context
    definite = {f.kind for f in report.conflicts if not f.conditional}
    review = {f.kind for f in report.conflicts if f.conditional}
    outright = {f.kind for f in report.obligations if not f.conditional}
    conditional = {f.kind for f in report.obligations if f.conditional}
    if want.conflicts is not None:
        assert definite == set(want.conflicts), context
    if want.reviews is not None:
        assert review == set(want.reviews), context
    if want.obligations is not None:
        assert outright == set(want.obligations), context
    if want.conditional_obligations is not None:
        assert conditional == set(want.conditional_obligations), context
    if want.missing is not None:
        assert {m.field for m in report.missing_facts} == set(want.missing), context
    found = {f.clause for f in (*report.conflicts, *report.obligations)}
    assert set(want.clauses) <= found, context
    assert not set(want.absent_clauses) & found, context
    if want.chosen is not None:
        assert report.chosen == want.chosen, context
    if want.unknown is not None:
        assert [u.key for u in report.unknown_licenses] == want.unknown, context


def test_every_license_has_scenarios() -> None:
    """Like trove-classifiers' data checks: no license ships without legal scenarios."""
    covered = {path.stem for path in SCENARIOS.glob("*.yaml")}
    assert {lic.id for lic in load_database()} <= covered


def test_scenario_files_name_their_license() -> None:
    for path in SCENARIOS.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["license"] == path.stem, path


def test_enough_scenarios() -> None:
    assert len(CASES) >= 60
