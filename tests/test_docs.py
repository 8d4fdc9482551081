"""Documentation that is generated from data stays in step with it; examples stay valid."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from modelclear import UseProfile

REPO = Path(__file__).resolve().parents[1]


def test_license_table_is_current() -> None:
    spec = importlib.util.spec_from_file_location("gen_licenses", REPO / "docs" / "gen_licenses.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    page = (REPO / "docs" / "reference" / "licenses.md").read_text(encoding="utf-8")
    assert page == module.render(), "run: python docs/gen_licenses.py > docs/reference/licenses.md"


@pytest.mark.parametrize("path", sorted((REPO / "examples" / "profiles").glob("*.yaml")))
def test_example_profiles_are_valid(path: Path) -> None:
    UseProfile.from_file(path)


def test_every_docs_link_resolves() -> None:
    import re

    for page in (REPO / "docs").rglob("*.md"):
        for target in re.findall(r"\]\(([^)#]+\.md|[^)#]+\.yaml)(?:#[^)]*)?\)", page.read_text()):
            if not target.startswith("http"):
                assert (page.parent / target).resolve().exists(), (page, target)


def test_readme_example_output_is_what_the_command_prints() -> None:
    from modelclear import check_use
    from modelclear.render import render_text

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    command = "$ modelclear check llama3.1 --profile examples/profiles/saas-startup.yaml\n"
    shown = readme.split(command, 1)[1].split("$ echo $?", 1)[0]
    profile = UseProfile.from_file(REPO / "examples" / "profiles" / "saas-startup.yaml")
    assert shown == render_text(check_use("llama3.1", profile))
