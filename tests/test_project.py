"""Gating a project: manifest, house policy, acknowledgements, and every output format."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from modelclear import InputError, ModelclearError, Verdict, check_project
from modelclear.manifest import find_manifest, load_manifest
from modelclear.render.project import (
    render_project_github,
    render_project_html,
    render_project_junit,
    render_project_markdown,
    render_project_sarif,
)

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "project" / "modelclear.yaml"

PROFILE = """\
profile:
  commercial: true
  licensee_kind: company
  monthly_active_users: 1000
  annual_revenue_usd: 100000
  licensee_territory: US
  deployment_territories: [US]
  redistributes_weights: false
  fine_tunes: false
  distributes_derivative: false
  offers_hosted_service: true
  trains_on_outputs: false
"""


def _manifest(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "modelclear.yaml"
    path.write_text(PROFILE + body, encoding="utf-8")
    return path


def test_the_bundled_example_project_passes_with_obligations() -> None:
    project = check_project(EXAMPLE)
    assert project.passes and project.verdict is Verdict.ALLOWED_WITH_OBLIGATIONS
    folder = next(r for r in project.results if r.model.startswith("./"))
    # The local fine-tune's card declares its Llama 3.1 base, whose terms bind it.
    assert [s.model for s in folder.report.lineage][1] == "meta-llama/Llama-3.1-8B-Instruct"


def test_unknown_keys_name_the_file_line_and_field(tmp_path: Path) -> None:
    path = _manifest(tmp_path, "models: [mit]\npolicy:\n  deny: []\n  fail_on_reveiw: false\n")
    with pytest.raises(InputError) as err:
        load_manifest(path)
    text = str(err.value)
    assert f"{path}: line 16: policy: unknown field `fail_on_reveiw`" in text


def test_a_profile_fault_in_an_entry_is_reported_at_load(tmp_path: Path) -> None:
    path = _manifest(tmp_path, "models:\n  - {model: mit, profile: {commercial: maybe}}\n")
    with pytest.raises(ModelclearError, match=r"models\[0\]\.profile: commercial"):
        load_manifest(path)


def test_a_model_listed_twice_is_an_input_error(tmp_path: Path) -> None:
    path = _manifest(tmp_path, "models: [mit, MIT]\n")
    with pytest.raises(InputError, match="listed twice"):
        load_manifest(path)


def test_the_manifest_may_live_in_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.modelclear]\nmodels = ["mit"]\n'
        "[tool.modelclear.profile]\ncommercial = true\nredistributes_weights = false\n"
    )
    (tmp_path / ".git").mkdir()
    sub = tmp_path / "src" / "deep"
    sub.mkdir(parents=True)
    assert find_manifest(sub) == tmp_path / "pyproject.toml"
    project = check_project(sub)
    assert project.results[0].report.licenses == ("mit",)


def test_a_denied_openness_category_fails_the_gate(tmp_path: Path) -> None:
    # CC BY-NC 4.0 is non-commercial: the house policy denies the category outright.
    path = _manifest(tmp_path, "models: [cc-by-nc-4.0]\npolicy: {deny: [non-commercial]}\n")
    project = check_project(path)
    assert not project.passes and project.exit_code == 1
    assert "denied by the policy" in project.results[0].policy.denied[0]


def test_an_allow_list_fails_anything_else(tmp_path: Path) -> None:
    path = _manifest(tmp_path, "models: [mit, gemma]\npolicy: {allow: [mit, apache-2.0]}\n")
    project = check_project(path)
    by_model = {r.model: r.policy for r in project.results}
    assert by_model["mit"].passes and not by_model["gemma"].passes


ACK = """\
models: [black-forest-labs/FLUX.1-dev]
policy:
  acknowledgements:
    - model: black-forest-labs/FLUX.1-dev
      clause: flux-1-dev-non-commercial-license/no-end-user-service
      reason: "a written commercial license from the licensor covers the hosted demo"
      reviewed_by: counsel@example.com
      expires: 2027-01-31
    - model: black-forest-labs/FLUX.1-dev
      clause: flux-1-dev-non-commercial-license/non-commercial-only
      reason: same license
      reviewed_by: counsel@example.com
      expires: 2027-01-31
    - model: black-forest-labs/FLUX.1-dev
      clause: flux-1-dev-non-commercial-license/no-such-clause
      reason: a typo
      reviewed_by: counsel@example.com
"""


def test_an_acknowledgement_holds_until_it_expires(tmp_path: Path) -> None:
    # FLUX.1 [dev] §2(b) and §1(c): commercial use and serving end users conflict; a reviewed
    # exception (a separate commercial license) stops failing the gate until its date.
    path = _manifest(tmp_path, ACK)
    before = check_project(path, today=dt.date(2027, 1, 31))
    flux = before.results[0].policy
    assert "flux-1-dev-non-commercial-license/no-end-user-service" in flux.acknowledged
    assert flux.verdict is not Verdict.CONFLICT
    assert before.unmatched_acknowledgements == (
        "black-forest-labs/FLUX.1-dev: flux-1-dev-non-commercial-license/no-such-clause",
    )
    # The checklists a reviewer reads mark every acknowledged finding, definite ones included.
    for page in (render_project_markdown(before), render_project_html(before)):
        items = re.split(r"\n|<li>", page)
        lines = [item for item in items if "/no-end-user-service]" in item]
        assert lines and all("(acknowledged)" in line for line in lines)
    after = check_project(path, today=dt.date(2027, 2, 1))
    assert after.results[0].policy.verdict is Verdict.CONFLICT and not after.passes
    assert len(after.results[0].policy.expired) == 2


def test_a_pinned_acknowledgement_reopens_when_the_license_changes(tmp_path: Path) -> None:
    body = ACK.replace(
        "expires: 2027-01-31\n", "expires: 2027-01-31\n      pin: '0000000000000000'\n", 1
    )
    project = check_project(_manifest(tmp_path, body), today=dt.date(2027, 1, 1))
    assert project.results[0].policy.stale
    assert project.results[0].policy.verdict is Verdict.CONFLICT  # the other ack is unpinned


@pytest.fixture(scope="module")
def example():  # type: ignore[no-untyped-def]
    return check_project(EXAMPLE)


def test_sarif_validates_as_sarif_2_1_0(example) -> None:  # type: ignore[no-untyped-def]
    # sarif-pydantic models SARIF 2.1.0 (the official JSON schema is not available offline).
    sarif = pytest.importorskip("sarif_pydantic")
    doc = sarif.Sarif.model_validate(json.loads(render_project_sarif(example)))
    assert doc.version == "2.1.0" and doc.runs[0].tool.driver.name == "modelclear"


def test_sarif_has_the_required_structure(example) -> None:  # type: ignore[no-untyped-def]
    doc = json.loads(render_project_sarif(example))
    assert doc["version"] == "2.1.0" and doc["$schema"].endswith("sarif-2.1.0.json")
    driver = doc["runs"][0]["tool"]["driver"]
    rules = {r["id"] for r in driver["rules"]}
    for rule in driver["rules"]:
        assert {"id", "shortDescription", "fullDescription", "help"} <= set(rule)
    for result in doc["runs"][0]["results"]:
        assert result["ruleId"] in rules and result["message"]["text"]
        [loc] = result["locations"]
        assert loc["physicalLocation"]["region"]["startLine"] >= 1
        assert result["partialFingerprints"]["primaryLocationLineHash"]


def test_sarif_results_sit_on_the_manifest_line_naming_the_model(example) -> None:  # type: ignore[no-untyped-def]
    lines = EXAMPLE.read_text().splitlines()
    doc = json.loads(render_project_sarif(example))
    for result in doc["runs"][0]["results"]:
        line = result["locations"][0]["physicalLocation"]["region"]["startLine"]
        model = result["message"]["text"].split(":", 1)[0]
        assert model in lines[line - 1], (model, lines[line - 1])


def test_junit_has_one_case_per_model(example) -> None:  # type: ignore[no-untyped-def]
    root = ET.fromstring(render_project_junit(example))
    suite = root.find("testsuite")
    assert suite is not None and suite.get("tests") == str(len(example.results))
    assert len(suite.findall("testcase")) == len(example.results)


def test_github_annotations_escape_their_properties(tmp_path: Path) -> None:
    project = check_project(_manifest(tmp_path, "models: [cc-by-nc-4.0]\n"))
    text = render_project_github(project)
    assert text.startswith("::error file=") and "line=13" in text  # the `models:` line


@pytest.mark.parametrize("fmt", ["markdown", "json", "sarif", "junit", "github", "text"])
def test_outputs_are_byte_identical_across_hash_seeds(fmt: str) -> None:
    command = [sys.executable, "-m", "modelclear", "check", "--manifest", str(EXAMPLE)]

    def run(seed: str) -> str:
        return subprocess.run(
            [*command, "--format", fmt],
            capture_output=True,
            text=True,
            env={**{k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"},
                 "PYTHONHASHSEED": seed},
        ).stdout  # fmt: skip

    outputs = {run(seed) for seed in ("0", "1", "12345")}
    assert len(outputs) == 1
    [page] = outputs
    if fmt == "markdown":
        assert page.startswith("# Release checklist") and "- [ ] `display-attribution`" in page
        assert "```mermaid" in page


def test_check_without_a_model_finds_the_manifest(tmp_path: Path) -> None:
    _manifest(tmp_path, "models: [mit]\n")
    (tmp_path / ".git").mkdir()
    run = subprocess.run(
        [sys.executable, "-m", "modelclear", "check", "--format", "markdown"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"},
    )
    assert run.returncode == 0, run.stderr
    assert "## `mit`" in run.stdout


SBOMS = {
    # file -> (format, model names, licenses of the first model)
    "cyclonedx-owasp-aibom-tinyllama.cdx.json": (
        "cyclonedx",
        ["TinyLlama/TinyLlama-1.1B-Chat-v1.0"],
    ),
    "spdx3-ai-example01-simplehtr.spdx3.json": ("spdx-3", ["word-model", "line-model"]),
    "spdx23-oci-artifact-merlinite-gguf.spdx.json": ("spdx-2", ["merlinite-7b-lab-Q4_K_M.gguf"]),
}


@pytest.mark.parametrize("name", sorted(SBOMS))
def test_real_sboms_list_their_models(corpus: Path, name: str) -> None:
    from modelclear.readers.sbom import read_sbom

    fmt, models = SBOMS[name]
    facts = read_sbom(corpus / "sbom" / name)
    assert facts.format == fmt and [m.name for m in facts.models] == models


def test_an_sbom_model_without_a_license_needs_review(corpus: Path) -> None:
    # The SPDX 2.3 document says NOASSERTION for the GGUF file: no terms, so no clearance.
    from modelclear import check_sbom

    project = check_sbom(corpus / "sbom" / "spdx23-oci-artifact-merlinite-gguf.spdx.json", {})
    assert project.verdict is Verdict.NEEDS_REVIEW


def test_an_sbom_that_is_not_json_is_a_clear_input_error(corpus: Path) -> None:
    from modelclear import check_sbom

    # As published, this CycloneDX example has a trailing comma: not valid JSON.
    with pytest.raises(InputError, match=r"line 9: malformed JSON"):
        check_sbom(corpus / "sbom" / "cyclonedx-mlbom-opensource-bert-base-cased.cdx.json", {})


def test_a_declared_license_in_an_sbom_is_checked(corpus: Path) -> None:
    from modelclear import check_sbom

    project = check_sbom(
        corpus / "sbom" / "cyclonedx-owasp-aibom-tinyllama.cdx.json",
        {"commercial": True, "redistributes_weights": False, "fine_tunes": False,
         "distributes_derivative": False},
    )  # fmt: skip
    assert project.results[0].report.licenses == ("apache-2.0",)


def test_notice_is_deterministic_and_check_catches_a_stale_file(tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "modelclear", "notice", "--manifest", str(EXAMPLE), *args],
            capture_output=True,
            text=True,
        )

    first, second = run(), run()
    assert first.returncode == 0 and first.stdout == second.stdout
    # Llama 3.1 §1.b.i(B): a product that makes the materials available shows "Built with Llama".
    assert '"Built with Llama"' in first.stdout
    assert "No license text is reproduced here" in first.stdout
    notice = tmp_path / "NOTICE"
    notice.write_text(first.stdout)
    assert run("--check", str(notice)).returncode == 0
    notice.write_text(first.stdout + "edited by hand\n")
    assert run("--check", str(notice)).returncode == 1


def test_html_page_is_self_contained(example) -> None:  # type: ignore[no-untyped-def]
    from html.parser import HTMLParser

    from modelclear.render.project import render_project_html

    page = render_project_html(example)
    tags: list[str] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            tags.append(tag)
            for name, value in attrs:
                if name in ("src", "href") and value and tag != "a":
                    raise AssertionError(f"the page loads {value}")

    Collect().feed(page)
    assert "script" not in tags and "svg" in tags and "link" not in tags
    assert "Built with Llama" in page and example.notice in page


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Chromium from Debian's packages is not installed"
)
def test_html_page_shows_the_verdicts_in_a_real_browser(example, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from modelclear.render.project import render_project_html

    page = tmp_path / "report.html"
    page.write_text(render_project_html(example), encoding="utf-8")
    run = subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    dom = run.stdout
    for result in example.results:
        assert result.model in dom
    assert "Release checklist" in dom and "allowed with obligations" in dom


def test_an_identified_license_ref_replaces_only_its_own_symbol(
    corpus: Path, tmp_path: Path
) -> None:
    # Two LicenseRefs, one id the start of the other: only the one whose text is Apache 2.0
    # becomes apache-2.0; the other, unknown, stays named as it is and the check needs review.
    from modelclear import check_sbom

    apache = (corpus / "licenses" / "apache-2.0.txt").read_text(encoding="utf-8")
    doc = {
        "spdxVersion": "SPDX-2.3",
        "dataLicense": "CC0-1.0",
        "SPDXID": "SPDXRef-DOCUMENT",
        "name": "example",
        "documentNamespace": "https://example.com/spdx/example",
        "creationInfo": {"created": "2026-01-01T00:00:00Z", "creators": ["Tool: example"]},
        "packages": [
            {
                "SPDXID": "SPDXRef-model",
                "name": "vendor-model.safetensors",
                "downloadLocation": "NOASSERTION",
                "licenseConcluded": "LicenseRef-vendor AND LicenseRef-vendor-extra",
                "licenseDeclared": "NOASSERTION",
                "copyrightText": "NOASSERTION",
                "filesAnalyzed": False,
            }
        ],
        "hasExtractedLicensingInfos": [
            {"licenseId": "LicenseRef-vendor", "extractedText": apache},
            {"licenseId": "LicenseRef-vendor-extra", "extractedText": "Terms agreed in writing."},
        ],
    }
    path = tmp_path / "model.spdx.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    report = check_sbom(path, {}).results[0].report
    assert report.license_expression == "apache-2.0 AND LicenseRef-vendor-extra"
    assert report.verdict is Verdict.NEEDS_REVIEW
