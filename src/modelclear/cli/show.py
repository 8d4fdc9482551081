"""``modelclear show LICENSE``: one license record, clause by clause, with citations."""

from __future__ import annotations

import argparse
import textwrap
from typing import Any

from ..conditions import describe
from ..vocab import NOT_LEGAL_ADVICE
from ._common import add_db_option, add_format_option, database, named_license, write


def add_parser(sub: Any) -> None:
    parser = sub.add_parser("show", help="show one license: identity, clauses and citations")
    parser.add_argument("license", metavar="LICENSE", help="a license id or alias")
    add_format_option(parser)
    add_db_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    db = database(args)
    lic = named_license(db, args.license)
    if args.format == "json":
        write(lic.model_dump_json(indent=2, by_alias=True, exclude_none=True) + "\n")
        return 0
    lines = [f"{lic.name} ({lic.id})", f"publisher: {lic.publisher}"]
    if lic.version:
        lines.append(f"version: {lic.version}")
    lines.append(f"urls: {', '.join(lic.urls)}")
    if lic.use_policy_url:
        lines.append(f"use policy: {lic.use_policy_url}")
    lines.append(f"aliases: {', '.join(lic.names[1:]) or '-'}")
    lines.append(f"binds derivatives: {'yes' if lic.binds_derivatives else 'no'}")
    if lic.notes:
        lines += textwrap.wrap(f"notes: {lic.notes}", 100, subsequent_indent="  ")
    lines.append("")
    lines.append("clauses:")
    for clause in lic.clauses:
        lines.append(f"- {clause.id}: {clause.kind.value} {clause.finding_kind.value}")
        lines += textwrap.wrap(clause.summary, 100, initial_indent="    ", subsequent_indent="    ")
        lines.append(f"    when: {describe(clause.when)}")
        if clause.qualifier:
            lines.append(f"    turns on: {clause.qualifier}")
        lines.append(f"    source: {clause.citation.section}, {clause.citation.url}")
    lines += ["", *textwrap.wrap(NOT_LEGAL_ADVICE, 100)]
    write("\n".join(lines) + "\n")
    return 0
