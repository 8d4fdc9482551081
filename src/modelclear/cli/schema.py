"""``modelclear schema``: JSON Schemas generated from the models, for editors and validators."""

from __future__ import annotations

import argparse
import json
from typing import Any

from pydantic import BaseModel

from ..manifest import Manifest
from ..project import ProjectReport
from ..report import Report
from ._common import write

_SCHEMAS: dict[str, type[BaseModel]] = {
    "report": Report,
    "project-report": ProjectReport,
    "manifest": Manifest,
}


def add_parser(sub: Any) -> None:
    parser = sub.add_parser("schema", help="print the JSON Schema of a report or the manifest")
    parser.add_argument("name", choices=sorted(_SCHEMAS), help="which schema")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    write(json.dumps(_SCHEMAS[args.name].model_json_schema(), indent=2) + "\n")
    return 0
