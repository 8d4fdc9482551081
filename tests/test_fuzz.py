"""Fuzzing the readers: whatever the input, only the documented errors (``ModelclearError``).

Bounded in the normal run; `MODELCLEAR_FUZZ_EXAMPLES=5000 python -m pytest tests/test_fuzz.py`
is the longer run for release checks.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modelclear import ModelclearError, UseProfile, Verdict, check_use
from modelclear.readers import read_adapter_config, read_card
from modelclear.validation import load_yaml_text

EXAMPLES = int(os.environ.get("MODELCLEAR_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
)

_yaml_bits = st.sampled_from(
    ["---\n", "license: ", "mit", "other", "[", "]", "{", "}", ": ", "- ", "&a ", "*a", "\n",
     "base_model: ", "license_name: ", "'", '"', "#", "NO", "true", "1e9", "\t", "\x00", "é"]
)  # fmt: skip
yamlish = st.lists(_yaml_bits, max_size=40).map("".join) | st.text(max_size=200)


@FUZZ
@given(yamlish)
def test_cards(text: str) -> None:
    with contextlib.suppress(ModelclearError):
        read_card(text)


@FUZZ
@given(st.text(max_size=200) | st.builds(json.dumps, st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=30), inner, max_size=4),
    max_leaves=12,
)))  # fmt: skip
def test_adapter_configs(text: str) -> None:
    with contextlib.suppress(ModelclearError):
        read_adapter_config(text)


_values = (
    st.none()
    | st.booleans()
    | st.integers(-5, 10**12)
    | st.text(max_size=12)
    | st.lists(st.text(max_size=6), max_size=3)
)
_fields = st.sampled_from(
    ["commercial", "monthly_active_users", "licensee_territory", "licensee_kind",
     "deployment_territories", "derivative_license", "output_trained_model", "use_cases",
     "derivative_name", "bogus"]
)  # fmt: skip


@FUZZ
@given(st.dictionaries(_fields, _values, max_size=5))
def test_profiles(data: dict[str, object]) -> None:
    try:
        profile = UseProfile.from_mapping(data)
        check_use("llama3.1", profile)
    except ModelclearError:
        pass


@FUZZ
@given(yamlish)
def test_yaml(text: str) -> None:
    with contextlib.suppress(ValueError):
        load_yaml_text(text, "fuzz.yaml")


_expr_bits = st.sampled_from(
    [
        "mit",
        "apache-2.0",
        "AND",
        "OR",
        "WITH",
        "(",
        ")",
        " ",
        "llama3.1",
        "LicenseRef-x",
        "gpl-2.0+",
        "acme/model",
        "/",
        "\n",
        "other",
    ]
)


@FUZZ
@given(st.lists(_expr_bits, max_size=12).map(" ".join) | st.text(max_size=40))
def test_license_expressions(text: str) -> None:
    try:  # a text that names a local folder is read as one: an InputError if it holds no model
        report = check_use(text, {"commercial": True})
    except ModelclearError:
        return
    if report.unknown_licenses:
        assert report.verdict in (Verdict.NEEDS_REVIEW, Verdict.CONFLICT)


def _read_as_file(text: str, name: str, reader: Callable[[Path], object]) -> None:
    """Write ``text`` to a file called ``name`` and read it: only documented errors may come."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8")
        with contextlib.suppress(ModelclearError):
            reader(path)


@FUZZ
@given(yamlish)
def test_manifests(text: str) -> None:
    from modelclear.manifest import load_manifest

    _read_as_file(text, "modelclear.yaml", load_manifest)


@FUZZ
@given(st.builds(json.dumps, st.fixed_dictionaries(
    {"bomFormat": st.sampled_from(["CycloneDX", "x"]),
     "components": st.lists(st.dictionaries(
         st.sampled_from(["type", "name", "group", "licenses", "purl"]),
         st.none() | st.text(max_size=10) | st.just("machine-learning-model")
         | st.lists(st.dictionaries(st.sampled_from(["license", "expression"]),
                                    st.text(max_size=8)
                                    | st.dictionaries(st.just("id"), st.text(max_size=8)))),
         max_size=5), max_size=3)})) | st.text(max_size=100))  # fmt: skip
def test_sboms(text: str) -> None:
    from modelclear.readers.sbom import read_sbom

    _read_as_file(text, "bom.json", read_sbom)
