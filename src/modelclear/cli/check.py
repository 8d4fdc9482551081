"""``modelclear check MODEL``: the verdict for a declared use."""

from __future__ import annotations

import argparse
from typing import Any

from ..engine import check_use
from ..model import ModelFacts
from ..profile import UseProfile, parse_assignment, read_profile_data
from ..render import render_json, render_text
from ..vocab import EXIT_CONFLICT, EXIT_NEEDS_REVIEW, EXIT_OK, Verdict
from ._common import add_db_option, add_format_option, database, write

EXIT_FOR = {
    Verdict.ALLOWED: EXIT_OK,
    Verdict.ALLOWED_WITH_OBLIGATIONS: EXIT_OK,
    Verdict.NEEDS_REVIEW: EXIT_NEEDS_REVIEW,
    Verdict.CONFLICT: EXIT_CONFLICT,
}


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "check",
        help="check a model or license against a use profile",
        description="Check a planned use of a model against every license that binds it. "
        "Exit 0: allowed (with or without obligations); 1: conflict; 3: needs review; "
        "2: usage or input error.",
    )
    parser.add_argument(
        "model",
        metavar="MODEL",
        help="a known model id, a license id or alias, or an SPDX expression",
    )
    parser.add_argument("--profile", metavar="FILE", help="a YAML use profile")
    parser.add_argument(
        "--set",
        metavar="FIELD=VALUE",
        action="append",
        default=[],
        dest="assignments",
        help="declare or override one profile field (lists comma-separated), or a model fact "
        "as model.multimodal=true; repeatable",
    )
    add_format_option(parser)
    add_db_option(parser)
    parser.set_defaults(run=run)


def profile_and_facts(
    profile_file: str | None, assignments: list[str]
) -> tuple[UseProfile, ModelFacts | None]:
    data = read_profile_data(profile_file) if profile_file is not None else {}
    source = profile_file or "profile"
    facts: dict[str, Any] = {}
    for text in assignments:
        path, value = parse_assignment(text)
        scope, _, name = path.partition(".")
        target = facts if scope == "model" else data
        if value is None:
            target.pop(name, None)
        else:
            target[name] = value
    if assignments and profile_file is not None:
        source = f"{profile_file} with --set"
    elif assignments:
        source = "--set"
    profile = UseProfile.from_mapping(data, source=source)
    return profile, (ModelFacts.from_mapping(facts, source="--set") if facts else None)


def run(args: argparse.Namespace) -> int:
    profile, facts = profile_and_facts(args.profile, args.assignments)
    report = check_use(args.model, profile, facts=facts, database=database(args))
    write(render_json(report) if args.format == "json" else render_text(report))
    return EXIT_FOR[report.verdict]
