"""What a license is, at a glance: the rows of ``modelclear licenses`` and the reference page.

Every column comes from the record: openness, commercial use and traits as the record states
them, thresholds read off its clauses (a conflict on a count such as monthly active users).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from .conditions import describe
from .license import Comparison, License, iter_comparisons
from .vocab import FACTS, ClauseKind, CommercialUse, FactType, Openness


class LicenseRow(BaseModel):
    """One license in the catalog."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: str
    version: str | None
    publisher: str
    family: str | None
    openness: Openness | None
    osi_approved: bool | None
    commercial_use: CommercialUse | None
    thresholds: tuple[str, ...]
    binds_derivatives: bool
    traits: tuple[str, ...]
    members: tuple[str, ...]
    aliases: tuple[str, ...]
    clauses: int


def thresholds(lic: License) -> tuple[str, ...]:
    """The numeric limits the license's conflict clauses set, e.g. ``monthly_active_users >
    700,000,000``, each once, in clause order."""
    out: list[str] = []
    for clause in lic.clauses:
        if clause.kind is ClauseKind.OBLIGATION:
            continue
        for test in iter_comparisons(clause.when):
            if _is_threshold(test):
                out.append(describe(test))
    return tuple(dict.fromkeys(out))


def _is_threshold(test: Comparison) -> bool:
    return FACTS[test.field] is FactType.COUNT and test.op in ("gt", "ge")


def row(lic: License) -> LicenseRow:
    return LicenseRow(
        id=lic.id,
        name=lic.name,
        version=lic.version,
        publisher=lic.publisher,
        family=lic.family,
        openness=lic.openness,
        osi_approved=lic.osi_approved,
        commercial_use=lic.commercial_use,
        thresholds=thresholds(lic),
        binds_derivatives=lic.binds_derivatives,
        traits=tuple(t.value for t in lic.traits),
        members=lic.members,
        aliases=lic.names[1:],
        clauses=len(lic.clauses),
    )
