"""``modelclear db lint``: integrity checks on a license database, beyond what loading checks.

Loading already rejects unknown keys and kinds, clauses without summary or citation, condition
fields that do not exist, duplicate ids and aliases. The lint adds the rules that span fields:
every cited URL is one of the license's official URLs, a license with a use policy always
obliges compliance with it and lists the `use-restrictions` trait (as does one that obliges
passing use restrictions on), provenance covers every document cited, every alias parses as that
license in an expression, and every model's license expression names known licenses.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path

from .conditions import Truth, evaluate
from .database import Database, load_database
from .errors import DatabaseError
from .license import Clause, License
from .vocab import ClauseKind, LicenseeKind, ObligationKind, Trait, UseCase

#: Summaries are short paraphrases, never passages of the license.
MAX_SUMMARY = 400

_COMMIT = re.compile(r"/(blob|raw|tree)/[0-9a-f]{40}/")


def lint_database(root: str | Path | None = None) -> list[str]:
    """Every problem found in the database at ``root`` (the shipped one by default)."""
    try:
        db = load_database(root)
    except DatabaseError as err:
        return list(err.problems)
    problems: list[str] = []
    for lic in db:
        problems += _lint_license(lic, db)
        problems += _lint_family(lic, db)
    problems += _lint_versions(db)
    problems += _lint_models(db)
    problems += _lint_fingerprints(db)
    return problems


def _lint_fingerprints(db: Database) -> list[str]:
    """Fingerprints belong to records of single texts that exist (a family has no text)."""
    from .identification import load_fingerprints

    where = f"{db.root.name}/fingerprints.json"
    out = []
    for license_id in load_fingerprints(db.root):
        lic = db.licenses.get(license_id)
        if lic is None:
            out.append(f"{where}: `{license_id}` is not a license id")
        elif lic.members:
            out.append(f"{where}: `{license_id}` is a family record, which has no text of its own")
    return out


def _lint_license(lic: License, db: Database) -> list[str]:
    where = f"{db.root.name}/licenses/{lic.id}.yaml"
    out: list[str] = []
    official = set(lic.urls) | ({lic.use_policy_url} if lic.use_policy_url else set())
    documents = {p.document for p in lic.provenance}
    for i, entry in enumerate(lic.provenance):
        if not lic.verified and entry.note is None:
            out.append(f"{where}: provenance[{i}]: an unverified record says in `note` why")
        if lic.verified and entry.sha256 is None and not _COMMIT.search(entry.url):
            out.append(
                f"{where}: provenance[{i}]: give the sha256 of the text read, or a URL pinned to "
                "a commit"
            )
    if not documents & {"license", "reference"}:
        out.append(f"{where}: provenance: no entry for the license text")
    if lic.use_policy_url:
        cited = any(c.citation.url == lic.use_policy_url for c in lic.clauses)
        if cited and "use-policy" not in documents:
            out.append(f"{where}: provenance: clauses cite the use policy but no entry records it")
        if not any(
            c.kind is ClauseKind.OBLIGATION
            and c.obligation is ObligationKind.COMPLY_WITH_USE_POLICY
            and c.when == "always"
            for c in lic.clauses
        ):
            out.append(
                f"{where}: clauses: the license incorporates a use policy but no clause obliges "
                "`comply-with-use-policy` `always`"
            )
    if not lic.verified and not any(
        c.kind is ClauseKind.REVIEW and c.when == "always" for c in lic.clauses
    ):
        out.append(
            f"{where}: verified: an unverified record needs a `review` clause that applies "
            "`always`, so that no check of it is ever cleared"
        )
    if not lic.clauses and not lic.notes:
        out.append(f"{where}: clauses: none; say in `notes` why the text sets no condition")
    passes_on = any(c.obligation is ObligationKind.PASS_ON_USE_RESTRICTIONS for c in lic.clauses)
    if (lic.use_policy_url or passes_on) and Trait.USE_RESTRICTIONS not in lic.traits:
        out.append(
            f"{where}: traits: the license incorporates a use policy or passes use restrictions "
            "on, so it lists `use-restrictions`"
        )
    for i, clause in enumerate(lic.clauses):
        at = f"{where}: clauses[{i}] `{clause.id}`"
        if clause.citation.url not in official:
            out.append(
                f"{at}: citation.url: `{clause.citation.url}` is not one of the license's urls "
                "or its use_policy_url"
            )
        if len(clause.summary) > MAX_SUMMARY:
            out.append(f"{at}: summary: {len(clause.summary)} characters, at most {MAX_SUMMARY}")
    for alias in lic.aliases:
        if alias.lower() in {lic.id.lower(), lic.name.lower(), (lic.spdx_id or "").lower()}:
            out.append(f"{where}: aliases: `{alias}` repeats the id, name or SPDX id")
    for alias in lic.names:
        expr, why = db.parse_expression(alias)
        key = getattr(expr, "key", None)
        reason = f" ({why})" if why is not None else ""
        if key != lic.id:
            out.append(f"{where}: aliases: `{alias}` does not parse as this license{reason}")
    return out


def _lint_models(db: Database) -> list[str]:
    out: list[str] = []
    for model in db.models.values():
        where = f"{db.root.name}/models: `{model.id}`"
        expr, _ = db.parse_expression(model.license)
        if expr is None:
            out.append(f"{where}: license: `{model.license}` is not a license expression")
            continue
        unknown = db.licensing.unknown_license_keys(expr)
        out += [f"{where}: license: unknown license `{key}`" for key in unknown]
    return out


# --------------------------------------------------------------------------- families

_BOOLS = (
    "commercial",
    "redistributes_weights",
    "fine_tunes",
    "distributes_derivative",
    "offers_hosted_service",
    "trains_on_outputs",
)


def sample_facts() -> Iterator[dict[str, object]]:
    """A grid of declared uses that family records are checked on: every combination of the
    yes/no facts, each use case, each kind of licensee, and the common thresholds."""
    base: dict[str, object] = {
        "profile.monthly_active_users": 1_000,
        "profile.annual_revenue_usd": 100_000,
        "profile.licensee_territory": "US",
        "profile.licensee_kind": "company",
        "profile.deployment_territories": frozenset({"US"}),
        "profile.use_cases": frozenset(),
    }
    for values in itertools.product((False, True), repeat=len(_BOOLS)):
        yield base | {f"profile.{name}": v for name, v in zip(_BOOLS, values, strict=True)}
    quiet = base | {f"profile.{name}": False for name in _BOOLS} | {"profile.commercial": True}
    for case in UseCase:
        yield quiet | {"profile.use_cases": frozenset({case.value})}
    for kind in LicenseeKind:
        yield quiet | {"profile.commercial": False, "profile.licensee_kind": kind.value}
    yield quiet | {"profile.monthly_active_users": 10**12, "profile.annual_revenue_usd": 10**12}
    yield quiet | {"profile.licensee_territory": "FR", "model.multimodal": True}


def _fires(clause: Clause, facts: dict[str, object]) -> bool:
    return evaluate(clause.when, facts).truth is Truth.TRUE


def _lint_family(lic: License, db: Database) -> list[str]:
    """A family record's clauses must be shared by every member, and where members differ it
    must ask (a review) rather than answer: it may never be more permissive than a member."""
    if not lic.members:
        return []
    where = f"{db.root.name}/licenses/{lic.id}.yaml"
    out = [f"{where}: members: unknown license `{m}`" for m in lic.members if m not in db.licenses]
    members = [db.licenses[m] for m in lic.members if m in db.licenses]
    found: dict[str, None] = {}
    for facts in sample_facts():
        firing = [c for c in lic.clauses if _fires(c, facts)]
        asks = any(c.kind is ClauseKind.REVIEW for c in firing)
        stops = any(c.kind is ClauseKind.CONFLICT for c in firing)
        for member in members:
            theirs = [c for c in member.clauses if _fires(c, facts)]
            for clause in firing:
                if clause.qualifier is not None:  # a review, or a duty of some members only
                    continue
                if not any(
                    c.kind is clause.kind and c.finding_kind == clause.finding_kind for c in theirs
                ):
                    found[
                        f"{where}: clauses `{clause.id}`: not shared by member `{member.id}` "
                        f"(a use where it applies and the member has no {clause.kind.value} "
                        f"`{clause.finding_kind.value}`)"
                    ] = None
            for c in theirs:
                if c.kind is ClauseKind.CONFLICT and not (stops or asks):
                    found[
                        f"{where}: member `{member.id}` clause `{c.id}` forbids a use the family "
                        "record neither forbids nor sends to review"
                    ] = None
                if (
                    c.kind is ClauseKind.OBLIGATION
                    and not asks
                    and not any(
                        f.kind is ClauseKind.OBLIGATION and f.finding_kind == c.finding_kind
                        for f in firing
                    )
                ):
                    found[
                        f"{where}: member `{member.id}` clause `{c.id}` imposes "
                        f"`{c.finding_kind.value}` where the family record neither does nor asks "
                        "which member applies"
                    ] = None
    return [*out, *found]


def _lint_versions(db: Database) -> list[str]:
    """Records of one family carry versions that ``packaging`` can compare."""
    from packaging.version import InvalidVersion, Version

    out = []
    for lic in db:
        if lic.family is None:
            continue
        try:
            Version(lic.version or "")
        except InvalidVersion:
            out.append(
                f"{db.root.name}/licenses/{lic.id}.yaml: version: `{lic.version}` is not a "
                f"comparable version (family `{lic.family}`); write it as e.g. 2.0 or 2024.7"
            )
    return out
