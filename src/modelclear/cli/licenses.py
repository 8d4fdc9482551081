"""``modelclear licenses``: the licenses the database knows, with where each stands."""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..catalog import row
from ..render.catalog import render_catalog_markdown, render_catalog_text
from ..vocab import CommercialUse, Openness
from ._common import add_db_option, database, write


def add_parser(sub: Any) -> None:
    parser = sub.add_parser("licenses", help="list the licenses modelclear knows")
    parser.add_argument(
        "--format",
        choices=("text", "json", "markdown"),
        default="text",
        help="output format (default: text)",
    )
    parser.add_argument(
        "--openness",
        action="append",
        choices=[o.value for o in Openness],
        help="only licenses in this openness category (repeat for several)",
    )
    parser.add_argument(
        "--commercial",
        choices=[c.value for c in CommercialUse],
        help="only licenses whose commercial use is this",
    )
    parser.add_argument("--family", help="only licenses of this family (e.g. llama, cc-by)")
    add_db_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    rows = [row(lic) for lic in database(args)]
    if args.openness:
        rows = [r for r in rows if r.openness is not None and r.openness.value in args.openness]
    if args.commercial:
        rows = [
            r
            for r in rows
            if r.commercial_use is not None and r.commercial_use.value == args.commercial
        ]
    if args.family:
        rows = [r for r in rows if r.family == args.family]
    if args.format == "json":
        write(json.dumps([r.model_dump(mode="json") for r in rows], indent=2) + "\n")
    elif args.format == "markdown":
        write(render_catalog_markdown(rows))
    else:
        write(render_catalog_text(rows))
    return 0
