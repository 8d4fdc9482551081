"""Small license databases for tests: the shipped metadata and territories, plus given records."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from modelclear.resources import db_root

GOOD_CLAUSE = {
    "id": "notice",
    "kind": "obligation",
    "obligation": "include-license-text",
    "when": {"field": "profile.redistributes_weights", "eq": True},
    "summary": "Give recipients a copy of the license.",
    "citation": {"section": "§1", "url": "https://example.org/license"},
}


def good_license(**changes: object) -> dict:
    record = {
        "id": "example-1.0",
        "name": "Example Model License",
        "short_name": "Example",
        "publisher": "Example Org",
        "urls": ["https://example.org/license"],
        "aliases": ["LicenseRef-example"],
        "binds_derivatives": True,
        "provenance": [
            {
                "document": "license",
                "url": "https://example.org/license",
                "read_on": "2026-01-01",
                "sha256": "0" * 64,
            }
        ],
        "clauses": [GOOD_CLAUSE],
    }
    record.update(changes)
    return record


def build_db(
    root: Path, *licenses: dict, models: list[dict] | None = None, name: str | None = None
) -> Path:
    (root / "licenses").mkdir(parents=True)
    (root / "models").mkdir()
    for f in ("database.yaml", "territories.yaml"):
        shutil.copy(db_root() / f, root / f)
    for record in licenses:
        stem = name or record.get("id", "unnamed")
        (root / "licenses" / f"{stem}.yaml").write_text(yaml.safe_dump(record, sort_keys=False))
    if models is not None:
        (root / "models" / "m.yaml").write_text(yaml.safe_dump({"models": models}))
    return root
