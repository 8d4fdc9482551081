"""Shared fixtures. The corpus of real inputs lives beside the checkout in ../shared/corpus;
tests that read it are skipped where it is absent (a user's clone)."""

from __future__ import annotations

import os

# The library never needs the network: any attempt to open a connection in a test fails it.
import socket
import tempfile
from pathlib import Path

import pytest
import yaml
from _dbfactory import build_db


class _NoNetwork(socket.socket):
    def connect(self, *args: object, **kwargs: object) -> None:  # type: ignore[override]
        raise AssertionError("modelclear tried to open a network connection")

    def connect_ex(self, *args: object, **kwargs: object) -> int:  # type: ignore[override]
        raise AssertionError("modelclear tried to open a network connection")


socket.socket = _NoNetwork  # type: ignore[misc]

# Compiled copies of test databases go to a folder of their own, never the user's cache.
os.environ["MODELCLEAR_CACHE"] = tempfile.mkdtemp(prefix="modelclear-test-cache-")

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not (CORPUS / "MANIFEST.yaml").is_file():
        pytest.skip("the shared corpus is not beside this checkout")
    return CORPUS


@pytest.fixture(scope="session")
def manifest(corpus: Path) -> dict:
    return yaml.safe_load((corpus / "MANIFEST.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def make_db(tmp_path: Path):
    """Build a database directory named license_db from the given records."""

    made: list[Path] = []

    def make(*licenses: dict, models: list[dict] | None = None, name: str | None = None) -> Path:
        made.append(tmp_path / f"db{len(made)}" / "license_db")  # loads are cached by path
        return build_db(made[-1], *licenses, models=models, name=name)

    return make


def corpus_license_records(manifest: dict) -> list[tuple[str, str, str]]:
    """(record id, corpus path, sha256) for each license text in the corpus that a record was
    checked against: found by the record's provenance hash (a text's own record before a family
    record that also lists it, then the record the corpus key names); by the corpus key where no
    hash matches."""
    from modelclear import load_database

    db = load_database()
    by_hash: dict[str, list[str]] = {}
    for lic in db:
        for p in lic.provenance:
            if p.sha256:
                by_hash.setdefault(p.sha256, []).append(lic.id)
    out = []
    for entry in manifest["files"]:
        if entry["kind"] != "license":
            continue
        keyed = db.license(entry["key"])

        def rank(lic_id: str, keyed_id: str | None = keyed.id if keyed else None) -> tuple:
            return (bool(db.licenses[lic_id].members), lic_id != keyed_id)

        owners = sorted(by_hash.get(entry["sha256"], []), key=rank)
        if owners:
            out.append((owners[0], entry["path"], entry["sha256"]))
        elif db.license(entry["key"]) is not None:
            out.append((db.license(entry["key"]).id, entry["path"], entry["sha256"]))
    return out
