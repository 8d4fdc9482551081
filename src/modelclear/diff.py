"""Two license records compared clause by clause: what a new version changed.

Clauses are matched by id (records of one family keep the ids of the terms they share); a clause
whose kind, finding kind, trigger, qualifier, summary or section differs is reported as changed,
with the fields that differ and both readings. Record-level properties that bear on a verdict
(traits, openness, commercial use, binding derivatives, use policy) are compared too.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from .conditions import describe
from .license import Clause, License


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ClauseView(_Frozen):
    """A clause as the diff shows it."""

    kind: str
    finding: str
    when: str
    qualifier: str | None
    summary: str
    section: str


class ClauseChange(_Frozen):
    clause: str
    change: Literal["added", "removed", "changed"]
    fields: tuple[str, ...] = ()  # for a change: which of the view's fields differ
    before: ClauseView | None = None
    after: ClauseView | None = None


class PropertyChange(_Frozen):
    field: str
    before: str
    after: str


class LicenseDiff(_Frozen):
    """What changed from license ``old`` to license ``new``."""

    old: str
    new: str
    old_version: str | None
    new_version: str | None
    same_family: bool
    properties: tuple[PropertyChange, ...]
    clauses: tuple[ClauseChange, ...]
    unchanged: tuple[str, ...]

    @property
    def identical(self) -> bool:
        return not self.properties and not self.clauses


def view(clause: Clause) -> ClauseView:
    return ClauseView(
        kind=clause.kind.value,
        finding=clause.finding_kind.value,
        when=describe(clause.when),
        qualifier=clause.qualifier,
        summary=clause.summary,
        section=clause.citation.section,
    )


def _properties(lic: License) -> dict[str, str]:
    return {
        "traits": ", ".join(t.value for t in lic.traits) or "-",
        "openness": lic.openness.value if lic.openness else "-",
        "commercial_use": lic.commercial_use.value if lic.commercial_use else "-",
        "binds_derivatives": "yes" if lic.binds_derivatives else "no",
        "use_policy_url": lic.use_policy_url or "-",
    }


def diff_licenses(old: License, new: License) -> LicenseDiff:
    """Compare two records; the order of clauses follows ``new``, then what ``old`` dropped."""
    before = {c.id: view(c) for c in old.clauses}
    after = {c.id: view(c) for c in new.clauses}
    changes: list[ClauseChange] = []
    unchanged: list[str] = []
    for clause_id, now in after.items():
        was = before.get(clause_id)
        if was is None:
            changes.append(ClauseChange(clause=clause_id, change="added", after=now))
            continue
        differ = tuple(f for f in ClauseView.model_fields if getattr(was, f) != getattr(now, f))
        if differ:
            changes.append(
                ClauseChange(
                    clause=clause_id, change="changed", fields=differ, before=was, after=now
                )
            )
        else:
            unchanged.append(clause_id)
    for clause_id, was in before.items():
        if clause_id not in after:
            changes.append(ClauseChange(clause=clause_id, change="removed", before=was))
    old_props, new_props = _properties(old), _properties(new)
    return LicenseDiff(
        old=old.id,
        new=new.id,
        old_version=old.version,
        new_version=new.version,
        same_family=old.family is not None and old.family == new.family,
        properties=tuple(
            PropertyChange(field=k, before=old_props[k], after=new_props[k])
            for k in old_props
            if old_props[k] != new_props[k]
        ),
        clauses=tuple(changes),
        unchanged=tuple(unchanged),
    )
