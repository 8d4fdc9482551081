"""``modelclear db lint``: integrity checks on the license database."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..lint import lint_database
from ..vocab import EXIT_CONFLICT, EXIT_OK
from ._common import add_db_option, write


def add_parser(sub: Any) -> None:
    parser = sub.add_parser("db", help="license database maintenance")
    commands = parser.add_subparsers(dest="db_command", metavar="DB_COMMAND")
    commands.required = True
    lint = commands.add_parser(
        "lint",
        help="check the database: citations, summaries, kinds, condition fields, duplicates",
        description="Exit 0 when the database is sound, 1 when it has problems (listed on stderr).",
    )
    add_db_option(lint)
    lint.set_defaults(run=run_lint)


def run_lint(args: argparse.Namespace) -> int:
    problems = lint_database(args.db)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return EXIT_CONFLICT
    write("license database: no problems found\n")
    return EXIT_OK
