"""Shared fixtures. The corpus of real inputs lives beside the checkout in ../shared/corpus;
tests that read it are skipped where it is absent (a user's clone)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from _dbfactory import build_db

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
