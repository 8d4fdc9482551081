"""Bad input gets one clear line on stderr and exit 2: never a traceback, never a silent pass.

Each case writes an input file and runs the command line as a user would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROFILE_OK = "commercial: true\n"


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    return subprocess.run(
        [sys.executable, "-m", "modelclear", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def _write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


BOMB = (
    "a0: &a0 ["
    + ", ".join(['"x"'] * 9)
    + "]\n"
    + "".join(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 9))
)

# (name, file name, content, extra args, expected words in the one-line message)
CASES = [
    ("malformed YAML", "p.yaml", "commercial: [true\n", [], "malformed YAML"),
    ("not a mapping", "p.yaml", "- commercial\n", [], "expected a mapping"),
    ("unknown field", "p.yaml", "comercial: true\n", [], "unknown field `comercial`"),
    ("wrong type", "p.yaml", "monthly_active_users: many\n", [], "monthly_active_users"),
    ("negative number", "p.yaml", "monthly_active_users: -5\n", [], "greater than or equal to 0"),
    ("invalid country", "p.yaml", "licensee_territory: XX\n", [], "`XX` is not an ISO 3166-1"),
    ("Norway as a bool", "p.yaml", "licensee_territory: NO\n", [], "quote codes"),
    ("unknown use case", "p.yaml", "use_cases: [piracy]\n", [], "use_cases"),
    ("unknown licensee kind", "p.yaml", "licensee_kind: university\n", [], "licensee_kind"),
    ("binary file", "p.yaml", b"\x00\x01\x02binary", [], "p.yaml"),
    ("invalid UTF-8", "p.yaml", b"commercial: \xff\xfe\n", [], "not UTF-8"),
    ("alias bomb", "p.yaml", BOMB, [], "alias bomb"),
    ("deep nesting", "p.yaml", "x: " + "[" * 100 + "]" * 100 + "\n", [], "nested deeper"),
    (
        "bad derivative license",
        "p.yaml",
        "derivative_license: 'mit AND ('\n",
        [],
        "derivative_license",
    ),
]


@pytest.mark.parametrize(
    ("name", "file", "content", "extra", "words"), CASES, ids=[c[0] for c in CASES]
)
def test_bad_profiles(
    tmp_path: Path, name: str, file: str, content: str | bytes, extra: list[str], words: str
) -> None:
    path = _write(tmp_path / file, content)
    run = _run(["check", "mit", "--profile", str(path), *extra], tmp_path)
    assert run.returncode == 2, (name, run.stdout, run.stderr)
    assert "Traceback" not in run.stderr
    assert words in run.stderr, (name, run.stderr)
    assert run.stderr.count("\n") >= 1 and all(
        line.startswith("modelclear: ") for line in run.stderr.splitlines()
    )


def test_an_empty_profile_is_an_empty_profile(tmp_path: Path) -> None:
    path = _write(tmp_path / "p.yaml", "")
    # Llama 3.1 §2 turns on the user count: undeclared, it needs review (exit 3), not an error.
    assert _run(["check", "llama3.1", "--profile", str(path)], tmp_path).returncode == 3
    # MIT has no term that can forbid a use: its duties are listed as conditional (exit 0).
    mit = _run(["check", "mit", "--profile", str(path)], tmp_path)
    assert mit.returncode == 0 and "applies if" in mit.stdout


def test_an_oversized_profile_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    with open(path, "wb") as handle:
        handle.truncate(5 * 1024 * 1024)
    run = _run(["check", "mit", "--profile", str(path)], tmp_path)
    assert run.returncode == 2 and "larger than the" in run.stderr


MANIFESTS = [
    ("malformed TOML", "pyproject.toml", "[tool.modelclear\nmodels = 1\n", "malformed TOML"),
    ("no models", "modelclear.yaml", "profile: {}\n", "models"),
    ("duplicate models", "modelclear.yaml", "models: [mit, mit]\n", "listed twice"),
    ("unknown policy key", "modelclear.yaml", "models: [mit]\npolicy: {deny_all: 1}\n", "line 2"),
    ("bad acknowledgement", "modelclear.yaml",
     "models: [mit]\npolicy:\n  acknowledgements: [{model: mit, clause: nope}]\n", "clause"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "file", "content", "words"), MANIFESTS, ids=[m[0] for m in MANIFESTS]
)
def test_bad_manifests(tmp_path: Path, name: str, file: str, content: str, words: str) -> None:
    path = _write(tmp_path / file, content)
    run = _run(["check", "--manifest", str(path)], tmp_path)
    assert run.returncode == 2, (name, run.stdout, run.stderr)
    assert "Traceback" not in run.stderr and words in run.stderr, (name, run.stderr)


SBOMS = [
    ("not JSON", "x.cdx.json", '{"bomFormat": "CycloneDX",}', "malformed JSON"),
    ("JSON but no SBOM", "x.json", '{"hello": "world"}', "neither CycloneDX"),
    ("no models", "x.cdx.json", '{"bomFormat": "CycloneDX", "components": []}', "lists no model"),
    ("SPDX that is not", "x.spdx", "this is not tag-value\n", "x.spdx"),
]


@pytest.mark.parametrize(("name", "file", "content", "words"), SBOMS, ids=[s[0] for s in SBOMS])
def test_bad_sboms(tmp_path: Path, name: str, file: str, content: str, words: str) -> None:
    path = _write(tmp_path / file, content)
    run = _run(["check", "--sbom", str(path)], tmp_path)
    assert run.returncode == 2, (name, run.stdout, run.stderr)
    assert "Traceback" not in run.stderr and words in run.stderr, (name, run.stderr)


def test_a_malformed_expression_to_check_needs_review_naming_it(tmp_path: Path) -> None:
    run = _run(["check", "mit AND (apache-2.0", "--set", "commercial=true"], tmp_path)
    assert run.returncode == 3 and "mit AND (apache-2.0" in run.stdout
