"""A compiled copy of a database's parsed YAML, so that a check need not parse YAML again.

The compiled copy holds the parsed data of every file and the digest of the files' bytes; it
is used only when that digest matches the files on disk, and what it holds is validated like
freshly parsed YAML. So it can never serve stale data, and a corrupt, truncated or foreign copy
is ignored (and, for a user cache, rewritten) without making a check fail.

- The shipped database carries ``compiled.json`` beside its YAML (``modelclear db compile``
  writes it; a test fails when it is stale).
- Any other database (``--db DIR``, ``MODELCLEAR_DB``) is compiled on first load into the cache
  folder: ``$MODELCLEAR_CACHE``, else ``$XDG_CACHE_HOME/modelclear``, else
  ``~/.cache/modelclear``, one file per digest. Failing to write it is not an error.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from ._version import __version__

COMPILED = "compiled.json"
#: Bumped when the compiled layout changes; a copy of another layout is ignored.
LAYOUT = 1


def source_files(root: Path) -> list[Path]:
    """The YAML files a database consists of, in a fixed order."""
    files = [root / "database.yaml", root / "territories.yaml"]
    files += sorted((root / "licenses").glob("*.yaml"))
    files += sorted((root / "models").glob("*.yaml"))
    return [f for f in files if f.is_file()]


def digest(root: Path, files: list[Path]) -> str:
    """A hash of the files' names and bytes, and of this modelclear's version."""
    h = hashlib.sha256(f"{LAYOUT}|{__version__}".encode())
    for f in files:
        h.update(f.relative_to(root).as_posix().encode() + b"\0")
        try:
            h.update(f.read_bytes())
        except OSError:
            h.update(b"\1unreadable")
        h.update(b"\0")
    return h.hexdigest()


def cache_dir() -> Path:
    env = os.environ.get("MODELCLEAR_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "modelclear"


def _read(path: Path, wanted: str) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("layout") != LAYOUT or data.get("digest") != wanted:
        return None
    files = data.get("files")
    return files if isinstance(files, dict) else None


def load(root: Path, wanted: str, *, shipped: bool) -> dict[str, Any] | None:
    """The parsed data by relative path, when a compiled copy for ``wanted`` exists."""
    found = _read(root / COMPILED, wanted)
    if found is None and not shipped:
        found = _read(cache_dir() / f"{wanted}.json", wanted)
    return found


def render(wanted: str, files: dict[str, Any]) -> str:
    body = {"layout": LAYOUT, "digest": wanted, "files": files}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)


def store(wanted: str, files: dict[str, Any]) -> None:
    """Write a user-cache copy atomically; any failure leaves things as they were."""
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(render(wanted, files))
        os.replace(tmp, folder / f"{wanted}.json")
    except OSError:
        return
