"""Loading the license database: the shipped one, and broken copies that must fail clearly."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from _dbfactory import GOOD_CLAUSE, good_license

from modelclear import DatabaseError, load_database
from modelclear.lint import lint_database
from modelclear.vocab import FACTS


def problems_of(root: Path) -> list[str]:
    with pytest.raises(DatabaseError) as err:
        load_database(root)
    return list(err.value.problems)


def test_shipped_database_loads_and_lints_clean() -> None:
    db = load_database()
    assert len(db.licenses) >= 17
    assert lint_database() == []


def test_shipped_database_is_parsed_once_per_process() -> None:
    assert load_database() is load_database()


def test_lookup_ignores_case_and_knows_aliases() -> None:
    db = load_database()
    assert db.license("LLAMA3.1").id == "llama3.1"
    assert db.license("Llama 3.1 Community License Agreement").id == "llama3.1"
    assert db.license("Apache-2.0").id == "apache-2.0"
    assert db.license("stabilityai-ai-community").id == "stabilityai-ai-community"
    assert db.license("no-such-license") is None
    assert "llama3.1" in db.suggest("llama-3.1")


def test_models_are_found_by_id_alias_or_short_name() -> None:
    db = load_database()
    assert db.model("meta-llama/Llama-3.1-8B").id == "meta-llama/Llama-3.1-8B"
    assert db.model("meta-llama/Meta-Llama-3.1-8B").id == "meta-llama/Llama-3.1-8B"
    assert (
        db.model("llama-3.2-11b-vision-instruct").id == "meta-llama/Llama-3.2-11B-Vision-Instruct"
    )


def test_a_good_minimal_database_loads(make_db) -> None:
    db = load_database(make_db(good_license()))
    assert list(db.licenses) == ["example-1.0"]


def test_unknown_condition_field_names_file_and_clause(make_db) -> None:
    clause = {**GOOD_CLAUSE, "when": {"field": "profile.mau", "gt": 5}}
    problems = problems_of(make_db(good_license(clauses=[clause])))
    assert problems == [
        "license_db/licenses/example-1.0.yaml: clauses[0].when: unknown field `profile.mau`; "
        "conditions may name: " + ", ".join(FACTS)
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"kind": "warning"}, "clauses[0].kind: input should be"),
        ({"obligation": "be-nice"}, "clauses[0].obligation: input should be"),
        ({"summary": ""}, "clauses[0].summary"),
        ({"citation": None}, "clauses[0].citation"),
        ({"citation": {"section": "§1"}}, "clauses[0].citation.url: field required"),
        ({"colour": "red"}, "clauses[0]: unknown field `colour`"),
        ({"kind": "review", "conflict": "restricted-use-case", "obligation": None}, "qualifier"),
        ({"when": {"field": "profile.commercial", "gt": 1}}, "operator `gt` does not apply"),
    ],
)
def test_clause_faults_are_load_errors(make_db, change: dict, expected: str) -> None:
    clause = {**GOOD_CLAUSE, **change}
    clause = {k: v for k, v in clause.items() if v is not None}
    problems = problems_of(make_db(good_license(clauses=[clause])))
    assert any(expected.lower() in p.lower() for p in problems), problems


def test_a_clause_without_citation_or_summary_fails(make_db) -> None:
    clause = {k: v for k, v in GOOD_CLAUSE.items() if k not in ("citation", "summary")}
    problems = problems_of(make_db(good_license(clauses=[clause])))
    assert any("clauses[0].citation: field required" in p for p in problems)
    assert any("clauses[0].summary: field required" in p for p in problems)


def test_id_must_match_the_file_name(make_db) -> None:
    problems = problems_of(make_db(good_license(), name="other-name"))
    assert problems == [
        "license_db/licenses/other-name.yaml: id: `example-1.0` differs from the file name "
        "`other-name`"
    ]


def test_duplicate_aliases_across_licenses(make_db) -> None:
    root = make_db(good_license())
    second = good_license(id="example-2.0", aliases=["licenseref-EXAMPLE"])
    (root / "licenses" / "example-2.0.yaml").write_text(yaml.safe_dump(second))
    problems = problems_of(root)
    assert any("`licenseref-EXAMPLE` also names `example-1.0`" in p for p in problems)


def test_duplicate_clause_ids(make_db) -> None:
    problems = problems_of(make_db(good_license(clauses=[GOOD_CLAUSE, GOOD_CLAUSE])))
    assert any("duplicate clause id `notice`" in p for p in problems)


def test_malformed_yaml_names_the_line(make_db) -> None:
    root = make_db(good_license())
    (root / "licenses" / "broken.yaml").write_text("id: broken\nclauses: [\n")
    problems = problems_of(root)
    assert any(p.startswith("license_db/licenses/broken.yaml: line ") for p in problems)


def test_every_fault_in_every_file_is_reported_together(make_db) -> None:
    bad_field = {**GOOD_CLAUSE, "when": {"field": "profile.mau", "gt": 5}}
    root = make_db(good_license(clauses=[bad_field]))
    (root / "licenses" / "second.yaml").write_text(
        yaml.safe_dump(good_license(id="second", kind=1))
    )
    assert len(problems_of(root)) >= 2


def test_includes_license_must_name_a_license_id(make_db) -> None:
    clause = {
        **GOOD_CLAUSE,
        "kind": "conflict",
        "conflict": "derivative-license-mismatch",
        "obligation": None,
        "when": {"field": "profile.derivative_license", "includes_license": "nope"},
    }
    clause = {k: v for k, v in clause.items() if v is not None}
    problems = problems_of(make_db(good_license(clauses=[clause])))
    assert any("`nope` is not a license id" in p for p in problems)


def test_models_must_name_known_bases_without_cycles(make_db) -> None:
    models = [
        {
            "id": "a/one",
            "license": "example-1.0",
            "base_models": ["a/two"],
            "source": "https://x.org",
        },
        {
            "id": "a/two",
            "license": "example-1.0",
            "base_models": ["a/one"],
            "source": "https://x.org",
        },
        {
            "id": "a/three",
            "license": "example-1.0",
            "base_models": ["a/none"],
            "source": "https://x.org",
        },
    ]
    problems = problems_of(make_db(good_license(), models=models))
    assert any("unknown model `a/none`" in p for p in problems)
    assert any("loops back" in p for p in problems)


def test_database_requires_a_compatible_modelclear(make_db) -> None:
    root = make_db(good_license())
    (root / "database.yaml").write_text(
        "format: 1\nrequires_modelclear: '>=99'\nupdated: 2026-01-01\n"
    )
    problems = problems_of(root)
    assert any("needs modelclear `>=99`" in p for p in problems)


def test_not_a_directory(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="not a license database directory"):
        load_database(tmp_path / "nothing")


def test_database_errors_are_value_errors() -> None:
    assert issubclass(DatabaseError, ValueError)


def test_the_shipped_database_suits_this_version() -> None:
    assert load_database().meta.unmet_requirement() is None


def test_a_malformed_version_requirement_is_reported(make_db) -> None:
    root = make_db(good_license())
    (root / "database.yaml").write_text(
        "format: 1\nrequires_modelclear: 'soon'\nupdated: 2026-01-01\n"
    )
    assert any("`soon` is not a version specifier" in p for p in problems_of(root))


# The EU's outermost regions and the Aland Islands are EU territory with ISO codes of their own
# (TFEU Art. 349 and 355(4)); the review of the shipped records found them missing.
EU_TERRITORY_OWN_CODES = {"RE", "GP", "MQ", "GF", "YT", "MF", "AX"}
# Overseas countries and territories associated with the EU are not EU territory.
NOT_EU = {"NC", "PF", "BL", "GL", "AW", "PM", "WF", "TF", "CH", "NO", "GB"}


def test_eu_region_is_territory_not_a_list_of_member_states() -> None:
    territories = load_database().territories
    eu = territories.expand("EU")
    assert eu >= EU_TERRITORY_OWN_CODES
    assert not NOT_EU & eu
    assert len(eu) == 27 + len(EU_TERRITORY_OWN_CODES)
    eea = territories.expand("EEA")
    assert eu | {"IS", "LI", "NO"} == eea


def test_sanctions_regions_are_dated_and_cited() -> None:
    regions = load_database().territories.regions
    for name in ("comprehensive-sanctions", "export-controls"):
        assert regions[name].source.startswith("https://ofac.treasury.gov/")
        assert regions[name].as_of.year >= 2026
    # OFAC's comprehensive programmes: Cuba, Iran, North Korea (Syria's ended 1 July 2025).
    assert set(regions["comprehensive-sanctions"].countries) == {"CU", "IR", "KP"}


# The 83 license keys of the Hugging Face Hub (hub-docs docs/hub/repositories-licenses.md at
# 242f4a1e): each must name a record of its own.
_HUB_KEY_LIST = """
apache-2.0 mit openrail bigscience-openrail-m creativeml-openrail-m bigscience-bloom-rail-1.0
bigcode-openrail-m afl-3.0 artistic-2.0 bsl-1.0 bsd bsd-2-clause bsd-3-clause bsd-3-clause-clear
c-uda cc cc0-1.0 cc-by-2.0 cc-by-2.5 cc-by-3.0 cc-by-4.0 cc-by-sa-3.0 cc-by-sa-4.0 cc-by-nc-2.0
cc-by-nc-3.0 cc-by-nc-4.0 cc-by-nd-4.0 cc-by-nc-nd-3.0 cc-by-nc-nd-4.0 cc-by-nc-sa-2.0
cc-by-nc-sa-3.0 cc-by-nc-sa-4.0 cdla-sharing-1.0 cdla-permissive-1.0 cdla-permissive-2.0 wtfpl
ecl-2.0 epl-1.0 epl-2.0 etalab-2.0 eupl-1.1 eupl-1.2 agpl-3.0 gfdl gpl gpl-2.0 gpl-3.0 lgpl
lgpl-2.1 lgpl-3.0 isc h-research intel-research lppl-1.3c ms-pl apple-ascl apple-amlr mpl-2.0
odc-by odbl openmdw-1.0 openmdw-1.1 openrail++ osl-3.0 postgresql ofl-1.1 ncsa unlicense zlib
pddl lgpl-lr deepfloyd-if-license fair-noncommercial-research-license llama2 llama3 llama3.1
llama3.2 llama3.3 llama4 grok2-community gemma unknown other
"""
HUB_KEYS = _HUB_KEY_LIST.split()


def test_every_hub_license_key_resolves_to_its_own_record() -> None:
    db = load_database()
    assert len(HUB_KEYS) == 83
    assert [k for k in HUB_KEYS if db.license(k) is None or db.license(k).id != k] == []


def test_the_database_is_broad() -> None:
    db = load_database()
    assert len(db.licenses) >= 90 and len(db.models) >= 300


def test_records_state_where_they_stand() -> None:
    for lic in load_database():
        assert lic.openness is not None and lic.commercial_use is not None, lic.id
