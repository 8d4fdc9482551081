"""``modelclear notice``: the attribution bundle a release must ship, from the project manifest."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..database import Database
from ..errors import InputError
from ..project import ProjectReport, check_project
from ..render.project import render_notice
from ..vocab import EXIT_CONFLICT, EXIT_OK
from ._common import add_db_option, database, write, write_file


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "notice",
        help="write the NOTICE a release must ship (notices, license texts, attributions)",
        description="Prints the NOTICE for the project's models. With --check FILE, exits 1 "
        "when FILE differs from what would be written (a stale NOTICE).",
    )
    parser.add_argument("--manifest", metavar="FILE", type=Path, help="the project manifest")
    parser.add_argument("--output", metavar="FILE", type=Path, help="write the NOTICE to FILE")
    parser.add_argument("--check", metavar="FILE", type=Path, help="fail when FILE is stale")
    add_db_option(parser)
    parser.set_defaults(run=run)


def notice_text(project: ProjectReport, db: Database) -> str:
    """The NOTICE for ``project``, each license's text pointed to by its official URLs."""
    return render_notice(project, {lic.id: lic.urls for lic in db})


def run(args: argparse.Namespace) -> int:
    db = database(args)
    project = check_project(args.manifest, database=db)
    text = notice_text(project, db)
    if args.check is not None:
        try:
            current = args.check.read_text(encoding="utf-8")
        except OSError as err:
            raise InputError(f"{args.check}: cannot be read: {err.strerror or err}") from None
        if current != text:
            print(
                f"{args.check}: stale; run `modelclear notice --output {args.check}`",
                file=sys.stderr,
            )
            return EXIT_CONFLICT
        write(f"{args.check}: current\n")
        return EXIT_OK
    if args.output is not None:
        write_file(args.output, text)
    else:
        write(text)
    return EXIT_OK
