"""Golden files: the example project's checklist and NOTICE, byte for byte.

A change to a record or a renderer that changes them shows here as a diff to read. To accept
it: `MODELCLEAR_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`, then read the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from modelclear import check_project, load_database
from modelclear.render.project import render_notice, render_project_markdown

REPO = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def project():  # type: ignore[no-untyped-def]
    cwd = os.getcwd()
    os.chdir(REPO)  # paths in the output are written from the repository root
    try:
        return check_project(REPO / "examples" / "project" / "modelclear.yaml")
    finally:
        os.chdir(cwd)


def _compare(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("MODELCLEAR_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, f"{name} changed; see this module's doc"


def test_markdown_checklist(project) -> None:  # type: ignore[no-untyped-def]
    text = render_project_markdown(project).replace(str(REPO) + "/", "")
    _compare("example-project.md", text)


def test_notice(project) -> None:  # type: ignore[no-untyped-def]
    db = load_database()
    _compare("example-project.NOTICE", render_notice(project, {lic.id: lic.urls for lic in db}))


def test_json_report_validates_against_its_own_schema(project) -> None:  # type: ignore[no-untyped-def]
    jsonschema = pytest.importorskip("jsonschema")
    from modelclear import ProjectReport

    data = json.loads(project.to_json())
    jsonschema.validate(data, ProjectReport.model_json_schema())
    for result in data["results"]:
        jsonschema.validate(result["report"], project.results[0].report.model_json_schema())
