"""The use profile: field names, types, validation messages, YAML files and --set overrides."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from modelclear import ProfileError, UseCase, UseProfile
from modelclear.profile import parse_assignment
from modelclear.vocab import FACTS


def test_profile_fields_are_the_public_contract() -> None:
    assert list(UseProfile.model_fields) == [
        "commercial",
        "monthly_active_users",
        "annual_revenue_usd",
        "licensee_territory",
        "licensee_kind",
        "deployment_territories",
        "redistributes_weights",
        "fine_tunes",
        "distributes_derivative",
        "derivative_name",
        "derivative_license",
        "offers_hosted_service",
        "trains_on_outputs",
        "output_trained_model",
        "use_cases",
    ]
    # every profile field is a fact a condition may name, and nothing else is
    assert {k.removeprefix("profile.") for k in FACTS if k.startswith("profile.")} == set(
        UseProfile.model_fields
    )


def test_undeclared_means_none_and_use_cases_default_to_none_declared() -> None:
    p = UseProfile()
    assert p.commercial is None and p.monthly_active_users is None
    assert p.use_cases == ()
    assert p.declared() == {"use_cases": []}


def test_use_case_vocabulary() -> None:
    assert [u.value for u in UseCase] == [
        "military", "weapons", "surveillance", "law-enforcement", "biometric-identification",
        "medical-advice", "legal-advice", "financial-advice", "automated-decision-legal-effect",
        "critical-infrastructure", "generate-misinformation", "impersonation",
        "harass-or-discriminate", "minors-harm", "malware", "spam", "unauthorized-practice",
        "other",
    ]  # fmt: skip


def test_country_codes_are_checked_and_normalised() -> None:
    assert UseProfile(licensee_territory="fr").licensee_territory == "FR"
    with pytest.raises(ProfileError) as err:
        UseProfile.from_mapping({"licensee_territory": "XX"})
    assert "licensee_territory" in str(err.value) and "`XX`" in str(err.value)


def test_region_names_are_allowed_where_a_product_is_offered_but_not_as_domicile() -> None:
    assert UseProfile(deployment_territories=["EU", "us"]).deployment_territories == ("EU", "US")
    with pytest.raises(ProfileError):
        UseProfile.from_mapping({"licensee_territory": "EU"})


def test_yaml_norway_problem_gets_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("licensee_territory: NO\n")
    with pytest.raises(ProfileError) as err:
        UseProfile.from_file(path)
    assert "quote" in str(err.value)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"comercial": True}, "unknown field `comercial` (did you mean `commercial`?)"),
        (
            {"monthly_active_users": -1},
            "monthly_active_users: input should be greater than or equal to 0",
        ),
        ({"monthly_active_users": "800M"}, "monthly_active_users: input should be a valid integer"),
        ({"commercial": "yes please"}, "commercial: input should be a valid boolean"),
        ({"use_cases": ["militar"]}, "use_cases[0]: input should be"),
        ({"deployment_territories": "US"}, "must be a list"),
    ],
)
def test_bad_values_name_the_field_and_what_is_allowed(data: dict, expected: str) -> None:
    with pytest.raises(ProfileError) as err:
        UseProfile.from_mapping(data, source="p.yaml")
    message = str(err.value)
    assert message.startswith("p.yaml: ")
    assert expected in message


def test_every_fault_is_reported_at_once() -> None:
    with pytest.raises(ProfileError) as err:
        UseProfile.from_mapping({"comercial": True, "monthly_active_users": -1, "fine_tunes": 3})
    assert len(err.value.problems) == 3


def test_building_in_code_raises_profile_error_too() -> None:
    with pytest.raises(ProfileError) as err:
        UseProfile(commercial="yes please", mau=5)
    assert len(err.value.problems) == 2
    assert "profile: unknown field `mau`" in str(err.value)


def test_profile_errors_are_value_errors() -> None:
    assert issubclass(ProfileError, ValueError)


def test_from_file_reports_unreadable_and_malformed_files(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="no such file"):
        UseProfile.from_file(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("commercial: [true\n")
    with pytest.raises(ProfileError, match=r"bad.yaml: line \d+: malformed YAML"):
        UseProfile.from_file(bad)
    listy = tmp_path / "list.yaml"
    listy.write_text("- commercial\n")
    with pytest.raises(ProfileError, match="expected a mapping"):
        UseProfile.from_file(listy)
    with pytest.raises(ProfileError, match="is a directory"):
        UseProfile.from_file(tmp_path)


def test_profile_files_that_are_no_regular_file_or_too_large_are_refused(tmp_path: Path) -> None:
    import os

    from modelclear.validation import MAX_YAML_BYTES

    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)  # reading it would block: it must be refused without being opened
    with pytest.raises(ProfileError, match="not a regular file"):
        UseProfile.from_file(fifo)
    big = tmp_path / "big.yaml"
    big.write_text("# " + "x" * MAX_YAML_BYTES + "\ncommercial: true\n")
    with pytest.raises(ProfileError, match="byte limit"):
        UseProfile.from_file(big)


def test_yaml_file_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("commercial: true\nmonthly_active_users: 1_000\nuse_cases: [spam]\n")
    p = UseProfile.from_file(path)
    assert p.commercial is True and p.monthly_active_users == 1000
    assert p.use_cases == (UseCase.SPAM,)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("commercial=true", ("profile.commercial", True)),
        ("commercial=No", ("profile.commercial", False)),
        ("monthly_active_users=800000000", ("profile.monthly_active_users", 800_000_000)),
        ("monthly_active_users=800_000_000", ("profile.monthly_active_users", 800_000_000)),
        ("licensee_territory=NO", ("profile.licensee_territory", "NO")),  # a string, not false
        ("use_cases=military,spam", ("profile.use_cases", ["military", "spam"])),
        ("profile.fine_tunes=false", ("profile.fine_tunes", False)),
        ("model.multimodal=true", ("model.multimodal", True)),
        ("derivative_name=null", ("profile.derivative_name", None)),
    ],
)
def test_assignments(text: str, expected: tuple[str, object]) -> None:
    assert parse_assignment(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("commercial", "expected field=value"),
        ("mau=5", "unknown field `mau`"),
        ("commercial=maybe", "expected true or false"),
        ("monthly_active_users=lots", "expected a whole number"),
    ],
)
def test_bad_assignments(text: str, expected: str) -> None:
    with pytest.raises(ProfileError, match=expected):
        parse_assignment(text)


def test_licensee_kind_vocabulary_is_the_public_contract() -> None:
    from modelclear.vocab import LicenseeKind

    assert [k.value for k in LicenseeKind] == [
        "individual", "company", "charity", "nonprofit", "academic", "government",
    ]  # fmt: skip
    assert UseProfile(licensee_kind="charity").declared()["licensee_kind"] == "charity"
    with pytest.raises(ProfileError) as err:
        UseProfile.from_mapping({"licensee_kind": "university"}, source="p.yaml")
    assert "p.yaml: licensee_kind:" in str(err.value) and "academic" in str(err.value)


def test_new_facts_can_be_set_on_the_command_line() -> None:
    assert parse_assignment("licensee_kind=academic") == ("profile.licensee_kind", "academic")
    assert parse_assignment("output_trained_model=llama3") == (
        "profile.output_trained_model",
        "llama3",
    )


def test_sanctions_regions_may_be_named_where_a_product_is_offered() -> None:
    profile = UseProfile(deployment_territories=["comprehensive-sanctions", "de"])
    assert profile.deployment_territories == ("comprehensive-sanctions", "DE")


def _bomb(levels: int) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (_bomb(9), "aliases are expanded (an alias bomb?)"),
        ("x: " + "[" * 80 + "]" * 80 + "\n", "nested deeper than 64 levels"),
    ],
)
def test_hostile_yaml_is_refused_before_it_is_built(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(text)
    with pytest.raises(ProfileError, match=re.escape(message)):
        UseProfile.from_file(path)


def test_an_oversized_profile_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as handle:
        handle.truncate(5 * 1024 * 1024)
    with pytest.raises(ProfileError, match="larger than the"):
        UseProfile.from_file(path)
