"""``modelclear models``: the model registry (id, license, relation, bases, facts)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from ._common import add_db_option, add_format_option, database, write


def add_parser(sub: Any) -> None:
    parser = sub.add_parser("models", help="list the models the registry knows")
    add_format_option(parser)
    add_db_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    db = database(args)
    records = sorted(db.models.values(), key=lambda m: m.id.lower())
    if args.format == "json":
        rows = [m.model_dump(mode="json", exclude_none=True) for m in records]
        write(json.dumps(rows, indent=2) + "\n")
        return 0
    width = max((len(m.id) for m in records), default=2)
    lines = []
    for m in records:
        facts = ", ".join(f"{k}={v}" for k, v in m.facts.model_dump(exclude_none=True).items())
        tail = f"  {m.relation} of {', '.join(m.base_models)}" if m.base_models else ""
        lines.append(
            f"{m.id.ljust(width)}  {m.license}{tail}{'  [' + facts + ']' if facts else ''}"
        )
    write("\n".join(lines) + "\n")
    return 0
