"""``modelclear db lint`` and ``db fingerprint``: maintaining the license database."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..identification import FINGERPRINTS, fingerprint, load_fingerprints
from ..lint import lint_database
from ..readers import read_inside
from ..vocab import EXIT_CONFLICT, EXIT_OK
from ._common import add_db_option, database, named_license, write, write_file


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
    fp = commands.add_parser(
        "fingerprint",
        help="record the fingerprint of a license's canonical text (hashes only, no text)",
        description="Hash the normalised text of FILE and store the hashes for LICENSE in the "
        f"database's {FINGERPRINTS}, so that `modelclear identify` recognises copies of it. "
        "The text itself is not stored.",
    )
    fp.add_argument("license", metavar="LICENSE", help="the license id the text belongs to")
    fp.add_argument("file", metavar="FILE", type=Path, help="the canonical text, as published")
    add_db_option(fp)
    fp.set_defaults(run=run_fingerprint)
    comp = commands.add_parser(
        "compile",
        help="write the database's compiled copy (compiled.json) so checks need not parse YAML",
        description="Validates the database, then writes compiled.json beside it: the parsed "
        "data of every file and the digest of their bytes. It is used only while the digest "
        "matches, so editing a file never serves stale data.",
    )
    add_db_option(comp)
    comp.set_defaults(run=run_compile)


def run_lint(args: argparse.Namespace) -> int:
    problems = lint_database(args.db)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return EXIT_CONFLICT
    write("license database: no problems found\n")
    return EXIT_OK


def run_fingerprint(args: argparse.Namespace) -> int:
    db = database(args)
    lic = named_license(db, args.license)
    entries = load_fingerprints(db.root)
    entries[lic.id] = fingerprint(read_inside(args.file))  # type: ignore[assignment]
    ordered = {k: entries[k] for k in sorted(entries)}
    write_file(db.root / FINGERPRINTS, json.dumps(ordered, indent=1) + "\n")
    write(f"{lic.id}: fingerprint stored in {db.root.name}/{FINGERPRINTS}\n")
    return EXIT_OK


def run_compile(args: argparse.Namespace) -> int:
    from .. import compiled
    from ..validation import load_yaml_text, read_text

    db = database(args)  # validates every file first
    files = compiled.source_files(db.root)
    data = {}
    for path in files:
        where = path.relative_to(db.root).as_posix()
        data[where] = load_yaml_text(read_text(path, where), where)
    digest = compiled.digest(db.root, files)
    write_file(db.root / compiled.COMPILED, compiled.render(digest, data) + "\n")
    write(f"{db.root.name}/{compiled.COMPILED}: {len(files)} files compiled\n")
    return EXIT_OK
