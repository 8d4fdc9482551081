"""``modelclear licenses``: the licenses the database knows."""

from __future__ import annotations

import argparse
import json
from typing import Any

from ._common import add_db_option, add_format_option, database, write


def add_parser(sub: Any) -> None:
    parser = sub.add_parser("licenses", help="list the licenses modelclear knows")
    add_format_option(parser)
    add_db_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    db = database(args)
    rows: list[dict[str, Any]] = [
        {
            "id": lic.id,
            "name": lic.name,
            "version": lic.version,
            "publisher": lic.publisher,
            "aliases": list(lic.names[1:]),
            "clauses": len(lic.clauses),
        }
        for lic in db
    ]
    if args.format == "json":
        write(json.dumps(rows, indent=2) + "\n")
        return 0
    width = max((len(lic.id) for lic in db), default=2)
    lines = [f"{'id'.ljust(width)}  name"]
    lines += [f"{str(r['id']).ljust(width)}  {r['name']}" for r in rows]
    write("\n".join(lines) + "\n")
    return 0
