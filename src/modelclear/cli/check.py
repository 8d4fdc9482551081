"""``modelclear check MODEL``: the verdict for a declared use."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from ..database import Database
from ..errors import InputError
from ..model import ModelFacts
from ..profile import UseProfile, parse_assignment, read_profile_data
from ..project import ProjectReport, check_one, check_project, check_sbom
from ..render import render_json, render_text
from ..render.project import (
    render_project_github,
    render_project_html,
    render_project_junit,
    render_project_markdown,
    render_project_sarif,
    render_project_text,
)
from ..vocab import EXIT_CONFLICT, EXIT_NEEDS_REVIEW, EXIT_OK, Verdict
from ._common import add_db_option, database, write, write_file

FORMATS = ("text", "json", "markdown", "sarif", "junit", "github", "html")

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
        nargs="?",
        help="a known model id, a model folder or card file, a license id or alias, or an SPDX "
        "expression; without it, every model of the project's manifest is checked",
    )
    parser.add_argument(
        "--manifest",
        metavar="FILE",
        type=Path,
        help="the project manifest (modelclear.yaml or pyproject.toml); found from the current "
        "folder upwards when not given",
    )
    parser.add_argument(
        "--sbom",
        metavar="FILE",
        type=Path,
        help="check every model an SPDX 2.3/3.0 or CycloneDX document lists, with --profile",
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
    parser.add_argument(
        "--format", choices=FORMATS, default="text", help="output format (default: text)"
    )
    parser.add_argument("--output", metavar="FILE", type=Path, help="write the output to FILE")
    parser.add_argument(
        "--write-notice",
        metavar="DIR",
        type=Path,
        help="also write the NOTICE the licenses ask for into DIR (see `modelclear notice`)",
    )
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
    db = database(args)
    if args.sbom is not None:
        if args.model is not None or args.manifest is not None:
            raise InputError("give --sbom alone, without MODEL or --manifest")
        profile, _ = profile_and_facts(args.profile, args.assignments)
        project = check_sbom(args.sbom, profile, database=db)
        _emit(args, _render_project(project, args.format))
        _notice(args, project, db)
        return project.exit_code
    if args.model is None:
        if args.profile or args.assignments:
            raise InputError(
                "--profile and --set apply to one MODEL; a project's profile is in its manifest"
            )
        project = check_project(args.manifest, database=db)
        _emit(args, _render_project(project, args.format))
        _notice(args, project, db)
        return project.exit_code
    if args.manifest is not None:
        raise InputError("give either MODEL or --manifest, not both")
    profile, facts = profile_and_facts(args.profile, args.assignments)
    project = check_one(args.model, profile, facts=facts, database=db)
    report = project.results[0].report
    _notice(args, project, db)
    if args.format in ("text", "json"):
        _emit(args, render_json(report) if args.format == "json" else render_text(report))
        return EXIT_FOR[report.verdict]
    _emit(args, _render_project(project, args.format))
    return project.exit_code


def _notice(args: argparse.Namespace, project: ProjectReport, db: Database) -> None:
    if args.write_notice is None:
        return
    from .notice import notice_text

    try:
        args.write_notice.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise InputError(f"{args.write_notice}: cannot be written: {err.strerror or err}") from None
    write_file(args.write_notice / "NOTICE", notice_text(project, db))


def _render_project(project: ProjectReport, fmt: str) -> str:
    if fmt == "json":
        return project.to_json() + "\n"
    if fmt == "markdown":
        text = render_project_markdown(project)
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with open(summary, "a", encoding="utf-8") as handle:
                handle.write(text)
        return text
    renderers = {
        "sarif": render_project_sarif,
        "junit": render_project_junit,
        "github": render_project_github,
        "html": render_project_html,
    }
    return renderers.get(fmt, render_project_text)(project)


def _emit(args: argparse.Namespace, text: str) -> None:
    if args.output is None:
        write(text)
    else:
        write_file(args.output, text)
