"""``modelclear init``: write a commented starter manifest, asking nothing."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..manifest import load_manifest
from ._common import write

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
    parser.set_defaults(run=run)


def _yes(value: bool) -> str:
    return "true" if value else "false"


def run(args: argparse.Namespace) -> int:
    if args.path.exists() and not args.force:
        raise InputError(f"{args.path}: exists already; use --force to overwrite it")
    models = args.model or ["meta-llama/Llama-3.1-8B-Instruct"]
    text = _TEMPLATE.format(
        commercial=_yes(args.commercial),
        kind=args.kind,
        territory=f'"{args.territory.upper()}"',
        redistributes=_yes(args.redistributes),
        fine_tunes=_yes(args.fine_tunes),
        hosted=_yes(args.hosted),
        models="\n".join(f"  - {m}" for m in models),
    )
    args.path.write_text(text, encoding="utf-8")
    load_manifest(args.path)  # what was written must load
    write(f"wrote {args.path}; run `modelclear check` to gate its models\n")
    return 0
