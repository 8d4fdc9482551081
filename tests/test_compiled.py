"""The compiled copy of a database: used only when made from exactly the files on disk."""

from __future__ import annotations

import json
from pathlib import Path

from _dbfactory import good_license

from modelclear import compiled, load_database
from modelclear.resources import shipped_root


def test_the_shipped_compiled_copy_is_current() -> None:
    root = shipped_root()
    wanted = compiled.digest(root, compiled.source_files(root))
    assert compiled.load(root, wanted, shipped=True) is not None, (
        "run: modelclear db compile --db license_db"
    )


def test_a_database_from_elsewhere_is_compiled_into_the_cache(make_db) -> None:  # type: ignore[no-untyped-def]
    root = make_db(good_license())
    load_database(root)
    wanted = compiled.digest(root, compiled.source_files(root))
    cached = compiled.cache_dir() / f"{wanted}.json"
    assert cached.is_file()
    assert "licenses/example-1.0.yaml" in json.loads(cached.read_text())["files"]


def test_an_edited_file_is_never_served_from_the_cache(make_db) -> None:  # type: ignore[no-untyped-def]
    root = make_db(good_license())
    before = compiled.digest(root, compiled.source_files(root))
    load_database(root)
    record = root / "licenses" / "example-1.0.yaml"
    record.write_text(record.read_text().replace("Example Model License", "Edited License"))
    after = compiled.digest(root, compiled.source_files(root))
    assert after != before and compiled.load(root, after, shipped=False) is None


def test_a_corrupt_or_foreign_cache_is_ignored(make_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = make_db(good_license())
    wanted = compiled.digest(root, compiled.source_files(root))
    folder = compiled.cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for text in ("{truncated", json.dumps({"layout": 1, "digest": "0" * 64, "files": {}}), "[]"):
        (folder / f"{wanted}.json").write_text(text)
        assert compiled.load(root, wanted, shipped=False) is None
    # and a load still succeeds, from the YAML, rewriting the cache
    (folder / f"{wanted}.json").write_text("{truncated")
    from modelclear.database import _load

    assert "example-1.0" in _load(root).licenses
    assert compiled.load(root, wanted, shipped=False) is not None
