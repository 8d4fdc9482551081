"""``modelclear db lint``: integrity checks on a license database, beyond what loading checks.

Loading already rejects unknown keys and kinds, clauses without summary or citation, condition
fields that do not exist, duplicate ids and aliases. The lint adds the rules that span fields:
every cited URL is one of the license's official URLs, a license with a use policy always
obliges compliance with it and lists the `use-restrictions` trait (as does one that obliges
passing use restrictions on), provenance covers every document cited, every alias parses as that
license in an expression, and every model's license expression names known licenses.
"""

from __future__ import annotations

import re
from pathlib import Path

from .database import Database, load_database
from .errors import DatabaseError
from .license import License
from .vocab import ClauseKind, ObligationKind, Trait

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
    problems += _lint_models(db)
    return problems


def _lint_license(lic: License, db: Database) -> list[str]:
    where = f"{db.root.name}/licenses/{lic.id}.yaml"
    out: list[str] = []
    official = set(lic.urls) | ({lic.use_policy_url} if lic.use_policy_url else set())
    documents = {p.document for p in lic.provenance}
    for i, entry in enumerate(lic.provenance):
        if entry.sha256 is None and not _COMMIT.search(entry.url):
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
    licensing = db.licensing
    for alias in lic.names:
        try:
            key = getattr(licensing.parse(alias), "key", None)
        except Exception as err:  # license-expression raises several types here
            key = None
            reason = f" ({err})"
        else:
            reason = ""
        if key != lic.id:
            out.append(f"{where}: aliases: `{alias}` does not parse as this license{reason}")
    return out


def _lint_models(db: Database) -> list[str]:
    out: list[str] = []
    for model in db.models.values():
        where = f"{db.root.name}/models: `{model.id}`"
        try:
            unknown = db.licensing.unknown_license_keys(model.license)
        except Exception:  # ExpressionError, or AttributeError from a known upstream bug
            out.append(f"{where}: license: `{model.license}` is not a license expression")
            continue
        out += [f"{where}: license: unknown license `{key}`" for key in unknown]
    return out
