"""``modelclear diff OLD NEW``: what changed, clause by clause, between two license records."""

from __future__ import annotations

import argparse
from typing import Any

from ..diff import diff_licenses
from ..render.catalog import render_diff_text
from ._common import add_db_option, add_format_option, database, named_license, write


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "diff", help="compare two licenses clause by clause (e.g. two versions of one family)"
    )
    parser.add_argument("old", metavar="OLD", help="a license id or alias")
    parser.add_argument("new", metavar="NEW", help="a license id or alias")
    add_format_option(parser)
    add_db_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    db = database(args)
    result = diff_licenses(named_license(db, args.old), named_license(db, args.new))
    if args.format == "json":
        write(result.model_dump_json(indent=2) + "\n")
    else:
        write(render_diff_text(result))
    return 0
