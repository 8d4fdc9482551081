"""``modelclear identify PATH``: which license a LICENSE file is."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..identification import MIN_CONFIDENCE, identify
from ..readers import read_inside
from ..vocab import EXIT_NEEDS_REVIEW, EXIT_OK
from ._common import add_db_option, add_format_option, database, write


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "identify",
        help="identify the license a LICENSE file holds",
        description="Exit 0 when the text is identified with nothing unaccounted for, 3 when it "
        f"is not identified (confidence below {MIN_CONFIDENCE}), ambiguous, or holds text the "
        "license does not account for.",
    )
    parser.add_argument("path", metavar="PATH", type=Path, help="a LICENSE file")
    add_format_option(parser)
    add_db_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    db = database(args)
    result = identify(read_inside(args.path), db)
    if args.format == "json":
        write(result.model_dump_json(indent=2) + "\n")
    else:
        if result.license:
            lines = [
                f"{args.path}: {result.license} ({result.matched}, confidence {result.confidence})"
            ]
        elif result.ambiguous:
            lines = [f"{args.path}: ambiguous between {' and '.join(result.ambiguous)}"]
        else:
            lines = [f"{args.path}: not identified (confidence {result.confidence})"]
        for span in result.unexplained:
            lines.append(
                f"  lines {span.first_line}-{span.last_line}: {span.words} words the license does "
                f'not account for: "{span.excerpt}"'
            )
        write("\n".join(lines) + "\n")
    return EXIT_OK if result.license and not result.unexplained else EXIT_NEEDS_REVIEW
