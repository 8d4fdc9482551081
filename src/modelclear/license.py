"""A license as data: identity, provenance and clauses with declarative trigger conditions.

One YAML file per license version in ``license_db/licenses/``; the YAML keys are the field names
below. Conditions are checked against the fact vocabulary (``vocab.FACTS``) when they load, so a
misspelt field or a value of the wrong type is a load error naming the file and the clause.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    StrictBool,
    StrictInt,
    StringConstraints,
    Tag,
    ValidationInfo,
    model_validator,
)

from .territories import Territories, default_territories
from .vocab import (
    FACTS,
    OPERATORS,
    ClauseKind,
    CommercialUse,
    ConflictKind,
    FactType,
    LicenseeKind,
    ObligationKind,
    Openness,
    Trait,
    UseCase,
)

_Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9.+-]*$")]
_Url = Annotated[str, StringConstraints(pattern=r"^https://\S+$")]
_Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

_SEPARATORS = re.compile(r"[\s_-]+")


def normalise_name(text: str) -> str:
    """Treat runs of spaces, hyphens and underscores as one space (for name tests)."""
    return _SEPARATORS.sub(" ", text.strip())


def squash_name(text: str) -> str:
    """Drop spaces, hyphens and underscores and ignore case, so that ``SD-XL``, ``SD XL`` and
    ``sdxl`` read alike (for ``contains``: a mark is used whatever its spelling)."""
    return _SEPARATORS.sub("", text).casefold()


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --------------------------------------------------------------------------- conditions


class Comparison(_Frozen):
    """A comparison of one fact with a value: ``{field: profile.x, <operator>: value}``."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    field: str
    eq: StrictBool | StrictInt | str | None = None
    ne: StrictInt | None = None
    gt: StrictInt | None = None
    ge: StrictInt | None = None
    lt: StrictInt | None = None
    le: StrictInt | None = None
    in_: tuple[str, ...] | None = Field(None, alias="in", min_length=1)
    any_in: tuple[str, ...] | None = Field(None, min_length=1)
    startswith: str | None = Field(None, min_length=1)
    istartswith: str | None = Field(None, min_length=1)
    contains: str | None = Field(None, min_length=1)
    includes_license: str | None = Field(None, min_length=1)
    has_trait: Trait | None = None
    lacks_trait: Trait | None = None

    # The operator's value made ready for evaluation: region names expanded to countries.
    _values: frozenset[str] = PrivateAttr(default=frozenset())
    # The operator and its value, found once at validation (evaluation reads them often).
    _op: str = PrivateAttr(default="")
    _value: Any = PrivateAttr(default=None)

    @property
    def op(self) -> str:
        if not self._op:
            raise AssertionError("a test without an operator")  # prevented by validation
        return self._op

    @property
    def value(self) -> Any:
        return self._value

    @property
    def values(self) -> frozenset[str]:
        """For ``in`` and ``any_in``: the set tested against (regions expanded)."""
        return self._values

    @model_validator(mode="after")
    def _check(self, info: ValidationInfo) -> Comparison:
        fact_type = FACTS.get(self.field)
        if fact_type is None:
            raise ValueError(
                f"unknown field `{self.field}`; conditions may name: {', '.join(FACTS)}"
            )
        ops = [name for name in _OPS if getattr(self, name) is not None]
        if len(ops) != 1:
            raise ValueError(
                f"`{self.field}`: give exactly one operator, found "
                f"{', '.join(_OP_NAMES[o] for o in ops) or 'none'}"
            )
        op = ops[0]
        self._op, self._value = op, getattr(self, op)
        allowed = OPERATORS[fact_type]
        if _OP_NAMES[op] not in allowed:
            raise ValueError(
                f"`{self.field}` is {fact_type.value}: operator `{_OP_NAMES[op]}` does not apply; "
                f"use {', '.join(sorted(allowed))}"
            )
        value = getattr(self, op)
        if fact_type is FactType.BOOL and not isinstance(value, bool):
            raise ValueError(f"`{self.field}` is a yes/no fact: compare it with true or false")
        if fact_type is FactType.COUNT and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValueError(f"`{self.field}` is a count: compare it with a whole number")
        if fact_type is FactType.TEXT and not isinstance(value, str):
            raise ValueError(f"`{self.field}` is text: compare it with a string")
        if fact_type is FactType.COUNTRY and op == "eq":
            territories = _territories_from(info)
            if value not in territories.countries:
                raise ValueError(territories.unknown_message(value, regions=False))
        if fact_type in (FactType.COUNTRY, FactType.COUNTRIES) and op in ("in_", "any_in"):
            territories = _territories_from(info)
            expanded: set[str] = set()
            for name in value:
                expanded |= territories.expand(name)
            self._values = frozenset(expanded)
        if fact_type is FactType.LICENSEE_KIND:
            kinds = {k.value for k in LicenseeKind}
            given = (value,) if op == "eq" else value
            wrong = [v for v in given if v not in kinds]
            if wrong:
                raise ValueError(
                    f"unknown licensee kind `{wrong[0]}`; allowed: {', '.join(sorted(kinds))}"
                )
            self._values = frozenset(given)
        if fact_type is FactType.USE_CASES:
            known = {u.value for u in UseCase}
            unknown = [v for v in value if v not in known]
            if unknown:
                raise ValueError(
                    f"unknown use case `{unknown[0]}`; allowed: {', '.join(sorted(known))}"
                )
            self._values = frozenset(value)
        return self


_OPS = (
    "eq",
    "ne",
    "gt",
    "ge",
    "lt",
    "le",
    "in_",
    "any_in",
    "startswith",
    "istartswith",
    "contains",
    "includes_license",
    "has_trait",
    "lacks_trait",
)
_OP_NAMES = {name: name.rstrip("_") for name in _OPS}


def _territories_from(info: ValidationInfo) -> Territories:
    context = info.context or {}
    found = context.get("territories")
    return found if isinstance(found, Territories) else default_territories()


class AllOf(_Frozen):
    all: tuple[Condition, ...] = Field(min_length=1)


class AnyOf(_Frozen):
    any: tuple[Condition, ...] = Field(min_length=1)


class Not(_Frozen):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    not_: Condition = Field(alias="not")


def _condition_tag(value: Any) -> str | None:
    if isinstance(value, BaseModel):
        return {AllOf: "all-of", AnyOf: "any-of", Not: "not-of", Comparison: "comparison"}.get(
            type(value)
        )
    if value == "always":
        return "always"
    if isinstance(value, dict):
        for key, tag in (("all", "all-of"), ("any", "any-of"), ("not", "not-of")):
            if key in value:
                return tag
        if "field" in value:
            return "comparison"
    return None


Condition = Annotated[
    Annotated[AllOf, Tag("all-of")]
    | Annotated[AnyOf, Tag("any-of")]
    | Annotated[Not, Tag("not-of")]
    | Annotated[Comparison, Tag("comparison")]
    | Annotated[Literal["always"], Tag("always")],
    Discriminator(
        _condition_tag,
        custom_error_type="invalid_condition",
        custom_error_message=(
            "a condition is `always`, {all: [...]}, {any: [...]}, {not: ...} "
            "or {field: <fact>, <operator>: <value>}"
        ),
    ),
]

AllOf.model_rebuild()
AnyOf.model_rebuild()
Not.model_rebuild()


# --------------------------------------------------------------------------- records


class Citation(_Frozen):
    """Where in the official text a clause comes from."""

    section: _Text
    url: _Url


class Clause(_Frozen):
    """One term of a license, as a trigger over the declared use and what follows from it."""

    id: _Slug
    kind: ClauseKind
    conflict: ConflictKind | None = None
    obligation: ObligationKind | None = None
    when: Condition
    qualifier: _Text | None = Field(
        None,
        description="For a review: what only counsel can judge. For an obligation: the "
        "circumstance it applies in that no fact expresses (a family member's own duty, say); "
        "such an obligation is reported as conditional.",
    )
    summary: _Text
    citation: Citation

    @model_validator(mode="after")
    def _kinds(self) -> Clause:
        if self.kind is ClauseKind.OBLIGATION:
            if self.obligation is None or self.conflict is not None:
                raise ValueError(
                    "an obligation clause names an `obligation` kind and no `conflict`"
                )
        elif self.conflict is None or self.obligation is not None:
            raise ValueError(
                f"a {self.kind.value} clause names a `conflict` kind and no `obligation`"
            )
        if self.kind is ClauseKind.REVIEW and self.qualifier is None:
            raise ValueError("a review clause names the `qualifier` that only counsel can judge")
        if self.kind is ClauseKind.CONFLICT and self.qualifier is not None:
            raise ValueError(
                "a conflict clause carries no `qualifier` (make it a review clause instead)"
            )
        return self

    @property
    def finding_kind(self) -> ConflictKind | ObligationKind:
        kind = self.obligation if self.kind is ClauseKind.OBLIGATION else self.conflict
        assert kind is not None
        return kind


class Provenance(_Frozen):
    """The text a record was checked against: where it was read, when, and its hash.

    ``document`` is ``license`` (the license text), ``use-policy`` (a policy it incorporates) or
    ``reference`` (a publisher's page describing a family of licenses). The lint requires a
    hash, or a URL pinned to a commit, which identifies the text just as well.
    """

    document: Literal["license", "use-policy", "reference"]
    url: _Url
    read_on: dt.date
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = None
    note: _Text | None = None


class License(_Frozen):
    """One license version, normalised."""

    id: _Slug
    name: _Text
    short_name: _Text = Field(description="How reports refer to it, e.g. `Llama 3.1`.")
    version: _Text | None = None
    publisher: _Text
    urls: tuple[_Url, ...] = Field(min_length=1)
    use_policy_url: _Url | None = None
    spdx_id: _Text | None = None
    aliases: tuple[_Text, ...] = ()
    binds_derivatives: bool
    traits: tuple[Trait, ...] = Field(
        (),
        description="Properties of the terms that other licenses' clauses may ask about, e.g. "
        "`use-restrictions` when the license carries binding use restrictions.",
    )
    openness: Openness | None = Field(None, description="How open the terms are (see vocab).")
    openness_basis: _Text | None = Field(
        None,
        description="Why: the OSI list for software licenses, or which of the four freedoms of "
        "the Open Source AI Definition (use, study, modify, share) the terms limit.",
    )
    osi_approved: bool | None = Field(
        None, description="On the OSI's list of approved licenses; null for non-software terms."
    )
    commercial_use: CommercialUse | None = None
    family: _Slug | None = Field(
        None, description="Records of one family (`llama`, `cc-by`) carry comparable versions."
    )
    members: tuple[_Slug, ...] = Field(
        (),
        description="For a record that stands for a family of texts (a Hub family key): the "
        "records of the member texts its clauses were derived from.",
    )
    verified: bool = Field(
        True,
        description="False for a record whose text could not be read at its source: it names "
        "the license and where it is published, and every check of it needs review.",
    )
    provenance: tuple[Provenance, ...] = Field(min_length=1)
    notes: _Text | None = None
    clauses: tuple[Clause, ...] = Field(
        description="Every term that bears on a use; none only for a text that sets no "
        "condition at all (a public-domain dedication), which `notes` must then say."
    )

    @model_validator(mode="after")
    def _aliases_are_names(self) -> License:
        for alias in self.aliases:
            if alias.lower() in {"and", "or", "with"}:
                raise ValueError(f"alias `{alias}` is an expression keyword (AND, OR, WITH)")
        return self

    @model_validator(mode="after")
    def _unique_clause_ids(self) -> License:
        seen: set[str] = set()
        for clause in self.clauses:
            if clause.id in seen:
                raise ValueError(f"duplicate clause id `{clause.id}`")
            seen.add(clause.id)
        return self

    def clause(self, clause_id: str) -> Clause:
        for clause in self.clauses:
            if clause.id == clause_id:
                return clause
        raise KeyError(clause_id)

    @property
    def names(self) -> tuple[str, ...]:
        """Every string that identifies this license: id, SPDX id, full name, aliases."""
        out = [self.id]
        if self.spdx_id:
            out.append(self.spdx_id)
        out.append(self.name)
        out.extend(self.aliases)
        return tuple(dict.fromkeys(out))


def iter_comparisons(condition: Condition) -> list[Comparison]:
    """Every comparison inside a condition, depth first."""
    if isinstance(condition, Comparison):
        return [condition]
    if isinstance(condition, AllOf):
        return [t for c in condition.all for t in iter_comparisons(c)]
    if isinstance(condition, AnyOf):
        return [t for c in condition.any for t in iter_comparisons(c)]
    if isinstance(condition, Not):
        return iter_comparisons(condition.not_)
    return []
