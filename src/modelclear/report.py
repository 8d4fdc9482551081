"""The answer to a check: verdict, conflicts, obligations and the facts still missing.

A ``Report`` is data (pydantic) so that it serialises to JSON with a schema version; the
renderers in ``modelclear.render`` turn it into text and other formats and decide nothing.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .license import Citation
from .vocab import NOT_LEGAL_ADVICE, ConflictKind, ObligationKind, Verdict

#: Version of the report's JSON layout; a change that removes or renames a key bumps the major.
SCHEMA_VERSION = "1.1"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Finding(_Frozen):
    """One clause that bears on the declared use: a conflict or an obligation."""

    kind: ConflictKind | ObligationKind
    license: str = Field(description="Id of the license the clause belongs to.")
    clause: str = Field(description="Id of the clause within that license.")
    summary: str
    citation: Citation
    conditional: bool = Field(
        description="True when the clause may or may not apply: it turns on undeclared facts "
        "or on a qualifier only counsel can judge."
    )
    condition: str | None = Field(
        None, description="When conditional on facts: the clause's trigger, e.g. what to declare."
    )
    missing: tuple[str, ...] = Field((), description="Undeclared facts the clause turns on.")
    because: tuple[str, ...] = Field(
        (), description="For a definite conflict: the declared facts that triggered it."
    )
    qualifier: str | None = Field(
        None, description="What only counsel can judge, for clauses that turn on one."
    )
    via: tuple[str, ...] = Field(
        (), description="Models in the checked lineage whose license this clause comes from."
    )

    @property
    def ref(self) -> str:
        """``license/clause``: how acknowledgements and reports name the finding."""
        return f"{self.license}/{self.clause}"


class MissingFact(_Frozen):
    """A fact the profile did not declare that a decision turns on."""

    field: str
    question: str
    needed_by: tuple[str, ...] = Field(description="`license-id/clause-id` of each clause.")


class UnknownLicense(_Frozen):
    """A license named by the model or expression that is not in the database."""

    key: str
    reason: str
    suggestions: tuple[str, ...] = ()


class Note(_Frozen):
    """Something the reader should know that does not change the verdict by itself (a label
    that drops its base's terms, a LICENSE file that names another license)."""

    kind: str = Field(description="`label-mismatch`, `license-file` or `input`.")
    model: str | None = Field(None, description="The model the note is about.")
    message: str


class Alternative(_Frozen):
    """One way to satisfy an ``OR`` expression, and the verdict it would give."""

    expression: str
    verdict: Verdict


class LineageStep(_Frozen):
    """A model in the checked chain and the license it declares."""

    model: str
    license: str
    base_models: tuple[str, ...] = ()


class Report(_Frozen):
    """The result of ``check_use``."""

    schema_version: str = SCHEMA_VERSION
    subject: str = Field(description="What was checked, as given.")
    model: str | None = Field(None, description="The model id, when a known model was checked.")
    lineage: tuple[LineageStep, ...] = ()
    license_expression: str = Field(
        description="Every license that applies, with the lineage's licenses joined by AND."
    )
    licenses: tuple[str, ...] = Field(description="Ids of the licenses evaluated.")
    chosen: str | None = Field(
        None, description="When the expression offers a choice (OR): the alternative chosen."
    )
    alternatives: tuple[Alternative, ...] = ()
    verdict: Verdict
    conflicts: tuple[Finding, ...] = ()
    obligations: tuple[Finding, ...] = ()
    missing_facts: tuple[MissingFact, ...] = ()
    unknown_licenses: tuple[UnknownLicense, ...] = ()
    notes: tuple[Note, ...] = ()
    profile: dict[str, Any] = Field(
        default_factory=dict, description="The profile fields that were declared."
    )
    model_facts: dict[str, Any] = Field(
        default_factory=dict, description="The model facts that were known."
    )
    notice: str = NOT_LEGAL_ADVICE

    def to_json(self, *, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent)
