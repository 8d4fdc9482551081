"""The command line, run as a subprocess: exit codes, output and errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "profiles" / "saas-startup.yaml"
SCRIPT = Path(sys.executable).with_name("modelclear")
PROJECT = REPO / "examples" / "project" / "modelclear.yaml"
UNWRITABLE = REPO / "README.md"  # a file: nothing can be written beneath it


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "modelclear", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def test_allowed_exits_0_and_prints_the_verdict_first() -> None:
    out = run("check", "llama3.1", "--profile", str(EXAMPLE))
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("verdict: allowed with obligations")
    assert "display-attribution [llama3.1/built-with-llama]" in out.stdout
    assert "source: §1.b.i(B)" in out.stdout
    assert "not legal advice" in out.stdout


def test_conflict_exits_1() -> None:
    out = run(
        "check", "llama3.1", "--set", "commercial=true", "--set", "monthly_active_users=800000000"
    )
    assert out.returncode == 1
    assert out.stdout.startswith("verdict: conflict")
    assert "user-threshold-exceeded" in out.stdout


def test_needs_review_exits_3_and_names_the_missing_facts() -> None:
    out = run("check", "llama3.1", "--set", "commercial=true")
    assert out.returncode == 3
    assert "declare monthly_active_users: Llama 3.1 (§2) needs it" in out.stdout


def test_unknown_license_exits_3_with_suggestions() -> None:
    out = run("check", "llama-3.1", "--profile", str(EXAMPLE))
    assert out.returncode == 3
    assert "did you mean llama3.1" in out.stdout


def test_set_overrides_the_profile_file() -> None:
    out = run(
        "check", "llama3.1", "--profile", str(EXAMPLE), "--set", "monthly_active_users=700000001"
    )
    assert out.returncode == 1


def test_model_facts_can_be_set() -> None:
    base = ["check", "llama3.2", "--profile", str(EXAMPLE), "--set", "licensee_territory=DE"]
    assert run(*base, "--set", "model.multimodal=false").returncode == 0
    assert run(*base, "--set", "model.multimodal=true").returncode == 1


def test_json_output_parses_and_carries_the_verdict() -> None:
    out = run("check", "llama3.1", "--profile", str(EXAMPLE), "--format", "json")
    data = json.loads(out.stdout)
    assert data["verdict"] == "allowed-with-obligations"
    assert data["schema_version"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "llama3.1", "--set", "mau=5"], "unknown field `mau`"),
        (["check", "llama3.1", "--set", "commercial=perhaps"], "expected true or false"),
        (
            ["check", "llama3.1", "--profile", "no/such/file.yaml"],
            "no/such/file.yaml: no such file",
        ),
        (["check", "llama3.1", "--set", "licensee_territory=ZZ"], "`ZZ` is not an ISO 3166-1"),
        (["show", "llama-3.1"], "unknown license `llama-3.1`; did you mean llama3.1"),
        (["check", "llama3.1", "--db", "/nonexistent/db"], "not a license database directory"),
        (["check"], "no modelclear.yaml (or [tool.modelclear] in pyproject.toml) here"),
        (["frobnicate"], "invalid choice"),
        (
            ["notice", "--manifest", str(PROJECT), "--output", str(UNWRITABLE / "NOTICE")],
            "NOTICE: cannot be written",
        ),
        (["init", "--path", str(UNWRITABLE / "m.yaml")], "m.yaml: cannot be written"),
    ],
)
def test_usage_and_input_errors_exit_2_on_one_line_without_traceback(
    args: list[str], message: str
) -> None:
    out = run(*args)
    assert out.returncode == 2, out
    assert message in out.stderr
    assert "Traceback" not in out.stderr
    assert out.stdout == ""


def test_bad_profile_file_reports_file_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "p.yaml"
    bad.write_text("commercial: true\nmonthly_active_users: -3\nfoo: 1\n")
    out = run("check", "mit", "--profile", str(bad))
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 2
    assert all(line.startswith(f"modelclear: {bad}: ") for line in lines)


def test_licenses_and_show() -> None:
    listing = run("licenses", "--format", "json")
    assert listing.returncode == 0
    assert "llama3.1" in {row["id"] for row in json.loads(listing.stdout)}
    shown = run("show", "Llama 3.1 Community License Agreement")
    assert shown.returncode == 0
    assert shown.stdout.startswith("Llama 3.1 Community License Agreement (llama3.1)")
    assert "mau-threshold: conflict user-threshold-exceeded" in shown.stdout
    as_json = json.loads(run("show", "gemma", "--format", "json").stdout)
    assert as_json["id"] == "gemma"


def test_db_lint_passes_on_the_shipped_database() -> None:
    out = run("db", "lint")
    assert out.returncode == 0
    assert "no problems" in out.stdout


def test_db_lint_fails_on_a_broken_database(make_db) -> None:
    from _dbfactory import GOOD_CLAUSE, good_license

    clause = {**GOOD_CLAUSE, "when": {"field": "profile.nope", "eq": True}}
    root = make_db(good_license(clauses=[clause]))
    out = run("db", "lint", "--db", str(root))
    assert out.returncode == 1
    assert "unknown field `profile.nope`" in out.stderr


def test_console_script_and_module_behave_the_same() -> None:
    if not SCRIPT.exists():
        pytest.skip("console script not installed beside this interpreter")
    args = ["check", "gemma", "--profile", str(EXAMPLE)]
    script = subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, check=False)
    module = run(*args)
    assert (script.returncode, script.stdout) == (module.returncode, module.stdout)


def test_version() -> None:
    out = run("--version")
    assert out.returncode == 0 and out.stdout.startswith("modelclear ")


def test_interactive_init_asks_exactly_what_the_licenses_turn_on() -> None:
    from modelclear.cli.init import ask

    replies = {
        "commercial": "true",
        "monthly_active_users": "1000",
        "redistributes_weights": "no",
        "fine_tunes": "no",
        "distributes_derivative": "no",
        "offers_hosted_service": "yes",
        "trains_on_outputs": "no",
        "licensee_territory": "US",
        "deployment_territories": "US,CA",
        "derivative_name": "Llama-Acme",
    }
    asked: list[str] = []

    def read(prompt: str) -> str:
        field = prompt.rsplit("\n  ", 1)[1].split(" = ")[0]
        asked.append(field)
        return replies[field]

    answers = ask(["mit"], read)
    assert answers == {} and asked == []  # MIT turns on no fact: nothing is asked
    answers = ask(["llama3.1"], read)
    # Llama 3.1 turns on users (§2), distribution and hosting (§1.b.i), trade compliance
    # (§1.b.iv); never on revenue, which no Llama term names.
    assert "monthly_active_users" in asked and "annual_revenue_usd" not in asked
    assert len(asked) == len(set(asked))
    from modelclear import check_use

    assert not check_use("llama3.1", answers).missing_facts
