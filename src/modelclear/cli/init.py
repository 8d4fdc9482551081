"""``modelclear init``: write a commented starter manifest, asking nothing."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from ..engine import check_use
from ..errors import InputError, ProfileError
from ..manifest import load_manifest
from ..profile import UseProfile, parse_assignment
from ._common import write, write_file

_TEMPLATE = """\
# modelclear project manifest: the models this project ships and the use it declares.
# `modelclear check` (no argument) finds this file and gates every model below.
# modelclear is an aid to license review, not legal advice.

# The use profile shared by every model (see the profile reference for every field).
# A field left out is "not declared": a license that turns on it answers needs-review.
profile:
  commercial: {commercial}
  licensee_kind: {kind}
  licensee_territory: {territory}
  # monthly_active_users: 0
  # annual_revenue_usd: 0
  # deployment_territories: [US, EU]
  redistributes_weights: {redistributes}
  fine_tunes: {fine_tunes}
  distributes_derivative: {redistributes}
  offers_hosted_service: {hosted}
  trains_on_outputs: false

# Registry ids, local model folders or card files (./path), or license expressions. An entry
# may override profile fields: {{model: ./models/ours, profile: {{distributes_derivative: true}}}}
models:
{models}

# House policy on top of the licenses.
policy:
  deny: []              # license ids, families, openness categories or traits, e.g. non-commercial
  allow: []             # when non-empty, every license must match one of these
  fail_on_review: true  # needs-review fails the gate
  acknowledgements: []  # reviewed findings, each as
  # {{model: ..., clause: LICENSE/CLAUSE, reason: ..., reviewed_by: ..., expires: 2027-01-31}}
"""


def add_parser(sub: Any) -> None:
    parser = sub.add_parser("init", help="write a commented starter modelclear.yaml")
    parser.add_argument("--model", action="append", default=[], help="a model to list (repeatable)")
    parser.add_argument("--commercial", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument(
        "--hosted",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="third parties reach the models through a service you run",
    )
    parser.add_argument(
        "--redistributes",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="you hand model weights to others",
    )
    parser.add_argument("--fine-tunes", action=argparse.BooleanOptionalAction, default=False)
    parser.add_argument("--kind", default="company", help="licensee kind (default: company)")
    parser.add_argument("--territory", default="US", help="licensee's country code (default: US)")
    parser.add_argument("--path", type=Path, default=Path("modelclear.yaml"))
    parser.add_argument("--force", action="store_true", help="overwrite an existing manifest")
    parser.add_argument(
        "--interactive",
        action="store_true",
        help="at a terminal: ask exactly the questions the models' licenses turn on",
    )
    parser.set_defaults(run=run)


def _yes(value: bool) -> str:
    return "true" if value else "false"


_LISTS = frozenset({"deployment_territories", "use_cases"})


def ask(models: list[str], read: Callable[[str], str] = input) -> dict[str, Any]:
    """Ask for each fact the models' licenses turn on, and only those, until none is missing.

    The questions come from the checks themselves: a check with what is known so far lists the
    undeclared facts a decision turns on; each answer may settle or raise others.
    """
    answers: dict[str, Any] = {}
    while True:
        missing: dict[str, str] = {}
        for model in models:
            for fact in check_use(model, answers).missing_facts:
                missing.setdefault(fact.field, fact.question)
        pending = [f for f in missing if f not in answers]
        if not pending:
            return answers
        for field in pending:
            while True:
                reply = read(f"{missing[field]}\n  {field} = ").strip()
                try:
                    _, value = parse_assignment(f"{field}={reply}")
                    if reply == "-" and field in _LISTS:
                        value = []
                    if value is None:
                        write("  an answer is needed (for an empty list, write -)\n")
                        continue
                    answers[field] = value
                    UseProfile.from_mapping(answers, source="your answer")
                    break
                except ProfileError as err:
                    answers.pop(field, None)
                    write(f"  {err}\n")


def run(args: argparse.Namespace) -> int:
    if args.path.exists() and not args.force:
        raise InputError(f"{args.path}: exists already; use --force to overwrite it")
    models = args.model or ["meta-llama/Llama-3.1-8B-Instruct"]
    if args.interactive:
        if not sys.stdin.isatty():
            raise InputError("--interactive needs a terminal; use the flags instead")
        answers = ask(models)
        manifest = {"profile": answers, "models": models, "policy": {"fail_on_review": True}}
        header = "# modelclear project manifest, written from your answers (modelclear init).\n"
        write_file(args.path, header + yaml.safe_dump(manifest, sort_keys=False))
        load_manifest(args.path)
        write(f"wrote {args.path}; run `modelclear check` to gate its models\n")
        return 0
    text = _TEMPLATE.format(
        commercial=_yes(args.commercial),
        kind=args.kind,
        territory=f'"{args.territory.upper()}"',
        redistributes=_yes(args.redistributes),
        fine_tunes=_yes(args.fine_tunes),
        hosted=_yes(args.hosted),
        models="\n".join(f"  - {m}" for m in models),
    )
    write_file(args.path, text)
    load_manifest(args.path)  # what was written must load
    write(f"wrote {args.path}; run `modelclear check` to gate its models\n")
    return 0
