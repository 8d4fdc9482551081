"""Helpers shared by the command modules: database choice and output writing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DatabaseError

if TYPE_CHECKING:
    from ..database import Database
    from ..license import License


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="DIR",
        type=Path,
        help="use the license database in DIR instead of the one shipped with modelclear",
    )


def add_format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )


def database(args: argparse.Namespace) -> Database:
    from ..database import load_database

    try:
        return load_database(args.db)
    except FileNotFoundError as err:
        raise DatabaseError(str(err)) from None


def write(text: str) -> None:
    sys.stdout.write(text)


def write_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path``; a path that cannot be written is an input error naming it."""
    from ..errors import InputError

    try:
        path.write_text(text, encoding="utf-8")
    except OSError as err:
        raise InputError(f"{path}: cannot be written: {err.strerror or err}") from None


def named_license(db: Database, name: str) -> License:
    """The license ``name`` names, or an input error with close matches."""
    from ..errors import InputError

    lic = db.license(name)
    if lic is None:
        hint = db.suggest(name)
        tail = f"; did you mean {', '.join(hint)}?" if hint else "; see `modelclear licenses`"
        raise InputError(f"unknown license `{name}`{tail}")
    return lic
