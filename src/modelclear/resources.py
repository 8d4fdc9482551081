"""Where the shipped license database lives, in a wheel, an editable install or a checkout."""

from __future__ import annotations

import functools
import os
from importlib.resources import files
from pathlib import Path

#: Environment variable naming another database directory (same layout as ``license_db/``).
DB_ENV = "MODELCLEAR_DB"


def db_root() -> Path:
    """The directory holding ``licenses/``, ``models/`` and ``territories.yaml``.

    Order: ``$MODELCLEAR_DB``; the copy inside the installed package (wheels); the
    ``license_db/`` of the source tree (editable installs, where the packaged copy is not
    importable as a resource).
    """
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env)
    return shipped_root()


@functools.cache
def shipped_root() -> Path:
    """The database that came with this copy of modelclear."""
    packaged = files("modelclear") / "license_db"
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[2] / "license_db"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        "the modelclear license database was not found: reinstall the package, "
        f"or set {DB_ENV} to a license_db directory"
    )
