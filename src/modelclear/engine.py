"""``check_use``: evaluate every clause of every license that binds a model, and combine.

The engine knows clause kinds and conditions, never license names. Combining rules:

* a license expression's ``AND`` needs every license; ``OR`` lets the licensee choose, so the
  alternative with the best verdict is taken and reported as ``chosen``;
* the lineage's licenses are joined by ``AND``: a derivative stays bound by its bases;
* within one alternative the worst verdict wins:
  ``conflict`` > ``needs-review`` > ``allowed-with-obligations`` > ``allowed``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .conditions import (
    Compiled,
    Facts,
    LicenseAlternative,
    LicenseAlternatives,
    Outcome,
    Truth,
    compiled,
    describe,
    explain,
    fact_label,
)
from .database import Database, load_database
from .errors import ProfileError
from .license import Clause, Comparison, License
from .lineage import Node, Subject, resolve
from .model import ModelFacts, ModelInfo
from .profile import UseProfile
from .report import (
    Alternative,
    Finding,
    LineageStep,
    MissingFact,
    Note,
    Report,
    UnknownLicense,
)
from .sources import describe_path, is_path
from .vocab import ClauseKind, Verdict

if TYPE_CHECKING:
    from license_expression import LicenseExpression

_HUB_ID = re.compile(r"^[\w.-]+/[\w.-]+$")


def check_use(
    model: str | ModelInfo,
    profile: UseProfile | Mapping[str, Any] | None = None,
    *,
    facts: ModelFacts | Mapping[str, Any] | None = None,
    database: Database | None = None,
) -> Report:
    """Check a planned use of ``model`` against every license that binds it.

    ``model`` is a known model id (``meta-llama/Llama-3.2-11B-Vision``), a license id or alias
    (``llama3.1``, ``Apache-2.0``), an SPDX expression over them, a ``ModelInfo``, or a path to
    a local model folder or card file (``./models/ours``, ``card.md``). ``profile`` declares the
    use; what it leaves undeclared is reported as missing, never assumed. ``facts`` declares or
    overrides facts about the model itself (``multimodal``). Never raises for an unknown
    license or base model: the verdict is then ``needs-review``.
    """
    db = database if database is not None else load_database()
    use = _as_profile(profile)
    notes: list[Note] = []
    questions: list[UnknownLicense] = []
    target: str | ModelInfo = model
    if isinstance(model, str) and db.model(model) is None and is_path(model):
        described = describe_path(model, db)
        target = described.model
        notes += described.notes
        questions += described.open_questions
    plan = _plan(target, db)
    subject = plan.subject
    model_facts = _merge_facts(subject.facts, facts)
    fact_map = build_facts(use, model_facts, db)

    evaluations = [_evaluate(alt, fact_map, db, plan) for alt in plan.alternatives]
    questions += [
        UnknownLicense(
            key=base,
            reason="base model neither in the registry nor described: its license is unknown",
            suggestions=db.suggest_model(base),
        )
        for base in subject.unresolved
    ]
    for evaluation in evaluations:
        evaluation.unknown[:0] = questions
    best = min(range(len(evaluations)), key=lambda i: evaluations[i].sort_key(i))
    chosen = evaluations[best]
    return Report(
        subject=model if isinstance(model, str) else model.id,
        model=subject.model.id if subject.model else None,
        lineage=plan.lineage,
        license_expression=plan.expression,
        licenses=tuple(chosen.license_ids),
        chosen=chosen.expression if len(evaluations) > 1 else None,
        alternatives=tuple(
            Alternative(expression=e.expression, verdict=e.verdict) for e in evaluations
        )
        if len(evaluations) > 1
        else (),
        verdict=chosen.verdict,
        conflicts=tuple(chosen.conflicts),
        obligations=tuple(chosen.obligations),
        missing_facts=chosen.missing_facts(),
        unknown_licenses=tuple(chosen.unknown),
        notes=(*notes, *plan.notes),
        profile=use.declared(),
        model_facts=model_facts.model_dump(mode="json", exclude_none=True),
    )


@dataclass(frozen=True)
class _Plan:
    """What a check of one subject needs that does not depend on the profile."""

    subject: Subject
    alternatives: list[_Alt]
    expression: str
    lineage: tuple[LineageStep, ...]
    notes: tuple[Note, ...]
    via: Mapping[str, tuple[str, ...]]  # license id -> the models in the lineage it comes from


def _plan(target: str | ModelInfo, db: Database) -> _Plan:
    # A ModelInfo is keyed by its JSON: the same description gives the same plan.
    key = target if isinstance(target, str) else f"\0{target.model_dump_json()}"
    if key in db.plans:
        cached: _Plan = db.plans[key]
        return cached
    subject = resolve(target, db)
    parsed = [_parse_node(node, db) for node in subject.nodes]
    alternatives = _alternatives(parsed, db)
    keys = {key for alt in alternatives for key in alt.keys}
    plan = _Plan(
        subject,
        alternatives,
        _joined_expression(parsed, db),
        _lineage(subject),
        tuple(_label_notes(subject, db)),
        {key: _via(key, parsed, db) for key in keys},
    )
    _keep(db.plans, key, plan, 512)
    return plan


# --------------------------------------------------------------------------- inputs


def _as_profile(profile: UseProfile | Mapping[str, Any] | None) -> UseProfile:
    if profile is None:
        return UseProfile()
    if isinstance(profile, UseProfile):
        return profile
    return UseProfile.from_mapping(profile)


def _merge_facts(known: ModelFacts, given: ModelFacts | Mapping[str, Any] | None) -> ModelFacts:
    if given is None:
        return known
    override = given if isinstance(given, ModelFacts) else ModelFacts.from_mapping(given)
    given_facts = override.model_dump(exclude_none=True)
    merged = known.model_dump(exclude_none=True) | given_facts
    if "multimodal" in given_facts and "modalities" not in given_facts:
        merged.pop("modalities", None)  # a declared modality count overrides the registry's list
    return ModelFacts(**merged)


def build_facts(profile: UseProfile, model: ModelFacts, db: Database) -> dict[str, object]:
    """The fact map conditions are evaluated over; ``None`` marks an undeclared fact."""
    facts: dict[str, object] = {
        f"profile.{name}": getattr(profile, name) for name in UseProfile.model_fields
    }
    facts.update({f"model.{name}": getattr(model, name) for name in ModelFacts.model_fields})
    if profile.deployment_territories is not None:
        codes: set[str] = set()
        for name in profile.deployment_territories:
            codes |= db.territories.expand(name)
        facts["profile.deployment_territories"] = frozenset(codes)
    facts["profile.use_cases"] = frozenset(u.value for u in profile.use_cases)
    if profile.licensee_kind is not None:
        facts["profile.licensee_kind"] = profile.licensee_kind.value
    if profile.derivative_license is not None:
        facts["profile.derivative_license"] = license_alternatives(profile.derivative_license, db)
    if profile.output_trained_model is not None:
        facts["profile.output_trained_model"] = model_license_alternatives(
            profile.output_trained_model, db, field="output_trained_model"
        )
    return facts


def license_alternatives(
    text: str, db: Database, *, field: str = "derivative_license"
) -> LicenseAlternatives:
    """The ways an expression can be satisfied, each with its licenses (unknown keys kept).

    Raises ``ProfileError`` when ``text`` is neither a known license nor an SPDX expression.
    """
    known = db.license(text)
    if known is not None:
        return (_alternative([known.id], db),)
    expr, _ = db.parse_expression(text)
    if expr is None or (_HUB_ID.match(text.strip()) and db.model(text) is None):
        raise ProfileError(
            f"profile: {field}: `{text}` is neither a known license nor an SPDX license "
            "expression" + (", nor a known model id" if field == "output_trained_model" else "")
        )
    return tuple(_alternative(keys, db) for keys in _dnf_keys(expr, db))


def model_license_alternatives(text: str, db: Database, *, field: str) -> LicenseAlternatives:
    """Like ``license_alternatives``, but a known model id stands for the licenses of its
    whole lineage (a derivative stays bound by its bases)."""
    if db.model(text) is None:
        return license_alternatives(text, db, field=field)
    parsed = [_parse_node(node, db) for node in resolve(text, db).nodes]
    out = []
    for alt in _alternatives(parsed, db):
        out.append(_alternative(alt.keys, db, complete=not alt.unparsed))
    return tuple(out)


def _alternative(keys: Iterable[str], db: Database, *, complete: bool = True) -> LicenseAlternative:
    ids = frozenset(keys)
    found = [db.licenses.get(k) for k in ids]
    traits = frozenset(t.value for lic in found if lic is not None for t in lic.traits)
    known = all(lic is not None and lic.verified and _settled(lic, db) for lic in found)
    return LicenseAlternative(ids, traits, complete and known)


def _settled(lic: License, db: Database) -> bool:
    """Whether a record's traits are certain: a family's are only when its members agree."""
    if not lic.members:
        return True
    seen = {frozenset(db.licenses[m].traits) for m in lic.members if m in db.licenses}
    return len(seen) <= 1


# --------------------------------------------------------------------------- expressions


@dataclass(frozen=True)
class _Parsed:
    node: Node
    expression: LicenseExpression | None  # None when the text is not an expression
    error: str | None = None
    model_like: bool = False  # unparsed text shaped like a Hub model id (org/name)


def _parse_node(node: Node, db: Database) -> _Parsed:
    known = db.license(node.expression)
    text = known.id if known is not None else node.expression
    expr, err = db.parse_expression(text)
    if err is not None:
        if node.origin is None and _HUB_ID.match(text.strip()):
            reason = "neither a known model nor a license in the database"
            return _Parsed(node, None, reason, model_like=True)
        return _Parsed(node, None, f"not a license id or SPDX expression ({err})")
    if expr is None:
        return _Parsed(node, None, "no license given")
    return _Parsed(node, expr)


def _included(item: _Parsed, db: Database) -> bool:
    """A base model's license binds the derivative unless none of its licenses says so."""
    if not item.node.is_base or item.expression is None:
        return True
    keys = db.licensing.license_keys(item.expression)
    found = [db.licenses.get(k) for k in keys]
    return any(lic is None or lic.binds_derivatives for lic in found)


def _dnf_keys(expr: LicenseExpression, db: Database) -> list[list[str]]:
    """Alternatives of ``expr`` in disjunctive normal form, in order of first appearance."""
    licensing = db.licensing
    normal = licensing.dnf(expr)
    branches = normal.args if isinstance(normal, licensing.OR) else (normal,)
    order = {key: i for i, key in reversed(list(enumerate(_symbol_keys(expr, licensing))))}
    out: list[list[str]] = []
    for branch in branches:
        keys = list(dict.fromkeys(_symbol_keys(branch, licensing)))
        keys.sort(key=lambda k: order.get(k, len(order)))
        if keys not in out:
            out.append(keys)
    out.sort(key=lambda keys: [order.get(k, len(order)) for k in keys])
    return out


def _symbol_keys(expr: LicenseExpression, licensing: Any) -> list[str]:
    return [_symbol_key(s) for s in licensing.license_symbols(expr, unique=False)]


def _symbol_key(symbol: Any) -> str:
    from license_expression import LicenseWithExceptionSymbol

    if isinstance(symbol, LicenseWithExceptionSymbol):
        return f"{symbol.license_symbol.key} WITH {symbol.exception_symbol.key}"
    return str(symbol.key)


@dataclass(frozen=True)
class _Alt:
    keys: tuple[str, ...]
    unparsed: tuple[_Parsed, ...] = ()


def _alternatives(parsed: list[_Parsed], db: Database) -> list[_Alt]:
    included = [p for p in parsed if _included(p, db)]
    broken = tuple(p for p in included if p.expression is None)
    exprs = [p.expression for p in included if p.expression is not None]
    if not exprs:
        return [_Alt((), broken)]
    combined = exprs[0] if len(exprs) == 1 else db.licensing.AND(*exprs)
    return [_Alt(tuple(keys), broken) for keys in _dnf_keys(combined, db)]


def _joined_expression(parsed: list[_Parsed], db: Database) -> str:
    parts = []
    for p in parsed:
        if not _included(p, db):
            continue
        text = str(p.expression) if p.expression is not None else p.node.expression
        needs_brackets = len(parsed) > 1 and isinstance(p.expression, db.licensing.OR)
        parts.append(f"({text})" if needs_brackets else text)
    return " AND ".join(dict.fromkeys(parts))


# --------------------------------------------------------------------------- evaluation


@dataclass
class _Evaluation:
    expression: str
    license_ids: list[str] = field(default_factory=list)
    conflicts: list[Finding] = field(default_factory=list)
    obligations: list[Finding] = field(default_factory=list)
    unknown: list[UnknownLicense] = field(default_factory=list)
    # undeclared fact -> the conflict or review clauses whose outcome it left open
    needed: dict[str, list[tuple[License, Clause]]] = field(default_factory=dict)

    @property
    def verdict(self) -> Verdict:
        if any(not c.conditional for c in self.conflicts):
            return Verdict.CONFLICT
        if self.conflicts or self.unknown:
            return Verdict.NEEDS_REVIEW
        if self.obligations:
            return Verdict.ALLOWED_WITH_OBLIGATIONS
        return Verdict.ALLOWED

    def sort_key(self, position: int) -> tuple[int, int, int, int, int]:
        return (
            self.verdict.rank,
            len(self.conflicts) + len(self.unknown),
            len(self.needed),
            len(self.obligations),
            position,
        )

    def missing_facts(self) -> tuple[MissingFact, ...]:
        out = []
        for path in sorted(self.needed):
            needs = self.needed[path]
            # One reference per license, its sections each once: "Llama 3.1 (§2; §1.b.iv)".
            sections: dict[str, dict[str, None]] = {}
            for lic, cl in needs:
                for part in cl.citation.section.split("; "):
                    sections.setdefault(lic.short_name, {})[part] = None
            refs = [f"{name} ({'; '.join(parts)})" for name, parts in sections.items()]
            verb = "needs" if len(refs) == 1 else "need"
            out.append(
                MissingFact(
                    field=fact_label(path),
                    question=f"declare {fact_label(path)}: {', '.join(refs)} {verb} it",
                    needed_by=tuple(dict.fromkeys(f"{lic.id}/{cl.id}" for lic, cl in needs)),
                )
            )
        return tuple(out)


def _evaluate(alt: _Alt, facts: Facts, db: Database, plan: _Plan) -> _Evaluation:
    result = _Evaluation(expression=" AND ".join(alt.keys) or "(none)")
    for item in alt.unparsed:
        text = item.node.expression
        result.unknown.append(
            UnknownLicense(
                key=text,
                reason=item.error or "not understood",
                suggestions=db.suggest_model(text) if item.model_like else db.suggest(text),
            )
        )
    for key in alt.keys:
        lic = db.licenses.get(key)
        if lic is None:
            result.unknown.append(
                UnknownLicense(
                    key=key, reason="not in the license database", suggestions=db.suggest(key)
                )
            )
            continue
        result.license_ids.append(lic.id)
        via = plan.via.get(lic.id, ())
        no_use_cases = not facts.get("profile.use_cases")
        for clause, test, use_cases_only in _clauses(lic):
            if use_cases_only and no_use_cases:
                continue  # `any_in` over no declared use case is false
            _apply(clause, test(facts), lic, facts, via, result)
    # Findings were appended license by license, clause by clause; a stable sort puts the
    # definite ones first and keeps that order within each group.
    result.conflicts.sort(key=lambda f: f.conditional)
    result.obligations.sort(key=lambda f: f.conditional)
    return result


def _via(license_id: str, parsed: Iterable[_Parsed], db: Database) -> tuple[str, ...]:
    out = []
    for item in parsed:
        if item.node.origin is None or item.expression is None:
            continue
        if license_id in db.licensing.license_keys(item.expression):
            out.append(item.node.origin)
    return tuple(out)


_CLAUSES: dict[int, tuple[License, list[tuple[Clause, Compiled, bool]]]] = {}


def _clauses(lic: License) -> list[tuple[Clause, Compiled, bool]]:
    """A license's clauses with their compiled triggers, worked out once per record, and
    whether the trigger is only a test of declared use cases (false when none is declared)."""
    found = _CLAUSES.get(id(lic))
    if found is None or found[0] is not lic:
        found = (lic, [(c, compiled(c.when), _use_cases_only(c)) for c in lic.clauses])
        _CLAUSES[id(lic)] = found
    return found[1]


def _use_cases_only(clause: Clause) -> bool:
    when = clause.when
    return isinstance(when, Comparison) and when.field == "profile.use_cases"


def _apply(
    clause: Clause,
    outcome: Outcome,
    lic: License,
    facts: Facts,
    via: tuple[str, ...],
    out: _Evaluation,
) -> None:
    if outcome.truth is Truth.FALSE:
        return
    unknown = outcome.truth is Truth.UNKNOWN
    missing = tuple(sorted(fact_label(m) for m in outcome.missing))
    # Which declared facts triggered a definite conflict (obligations need no such account).
    definite_conflict = not unknown and clause.kind is ClauseKind.CONFLICT
    because = tuple(explain(clause.when, facts)) if definite_conflict else ()
    key = (id(clause), lic.id, unknown, missing, because, via)
    cached = _FINDINGS.get(key)
    if cached is not None and cached[0] is clause:
        finding = cached[1]
    else:
        # Built from checked data by typed code: model_construct skips re-validating it.
        finding = Finding.model_construct(
            kind=clause.finding_kind,
            license=lic.id,
            clause=clause.id,
            summary=clause.summary,
            citation=clause.citation,
            conditional=unknown or clause.qualifier is not None,
            condition=_described(clause) if unknown else None,
            missing=missing,
            because=because,
            qualifier=clause.qualifier,
            via=via,
        )
        _keep(_FINDINGS, key, (clause, finding), 4096)
    if clause.kind is ClauseKind.OBLIGATION:
        out.obligations.append(finding)
        return
    out.conflicts.append(finding)
    for path in outcome.missing:
        out.needed.setdefault(path, []).append((lic, clause))


def _label_notes(subject: Subject, db: Database) -> list[Note]:
    """A derivative labelled with a license that leaves out terms of a base that bind it."""
    by_id = {m.id: m for m in subject.chain}
    out = []
    for model in subject.chain:
        own = db.expression_keys(model.license)
        for base_id in model.base_models:
            base = by_id.get(base_id) or by_id.get(getattr(db.model(base_id), "id", ""))
            if base is None:
                continue
            binding = [
                k
                for k in db.expression_keys(base.license)
                if k in db.licenses and db.licenses[k].binds_derivatives
            ]
            dropped = [k for k in binding if k not in own]
            if dropped:
                out.append(
                    Note(
                        kind="label-mismatch",
                        model=model.id,
                        message=f"{model.id} is labelled `{model.license}`, but its base "
                        f"{base.id} is under `{base.license}`, whose terms still bind it; the "
                        "check applies both",
                    )
                )
    return out


def _keep(cache: dict[Any, Any], key: Any, value: Any, size: int) -> None:
    """Remember ``value``; beyond ``size`` entries the oldest goes, so memory stays bounded
    however many subjects a scan checks, and what is checked now stays fast."""
    if len(cache) >= size:
        del cache[next(iter(cache))]
    cache[key] = value


_DESCRIBED: dict[int, tuple[Clause, str]] = {}
# Findings are frozen, so one that a clause gives for the same outcome is shared between checks.
_FINDINGS: dict[tuple[Any, ...], tuple[Clause, Finding]] = {}


def _described(clause: Clause) -> str:
    """``describe(clause.when)``, worked out once per clause."""
    found = _DESCRIBED.get(id(clause))
    if found is None or found[0] is not clause:
        found = (clause, describe(clause.when))
        _keep(_DESCRIBED, id(clause), found, 4096)
    return found[1]


def _lineage(subject: Subject) -> tuple[LineageStep, ...]:
    return tuple(
        LineageStep(model=m.id, license=m.license, base_models=m.base_models) for m in subject.chain
    )
