"""check_use: combining clauses, expressions and lineage into one report."""

from __future__ import annotations

import json

import pytest
from _profiles import DECLARED

from modelclear import NOT_LEGAL_ADVICE, ModelFacts, ProfileError, UseProfile, Verdict, check_use
from modelclear.report import SCHEMA_VERSION


@pytest.mark.parametrize(
    "subject",
    ["no-such-license", "", "MIT AND (", "acme/unknown-model", "LicenseRef-acme-terms"],
)
def test_unknown_or_malformed_licenses_need_review_and_never_raise(subject: str) -> None:
    report = check_use(subject, DECLARED)
    assert report.verdict is Verdict.NEEDS_REVIEW
    assert report.unknown_licenses


def test_unknown_license_gets_close_suggestions() -> None:
    report = check_use("llama-3.1", DECLARED)
    assert report.unknown_licenses[0].suggestions[0] == "llama3.1"


def test_an_unknown_model_id_says_so() -> None:
    report = check_use("acme/unknown-model", DECLARED)
    assert "neither a known model nor a license" in report.unknown_licenses[0].reason


def test_a_misspelt_model_id_gets_model_suggestions() -> None:
    report = check_use("meta-llama/Llama-3.1-8B-Instrukt", DECLARED)
    assert report.unknown_licenses[0].suggestions[0] == "meta-llama/Llama-3.1-8B-Instruct"


def test_missing_fact_question_names_license_and_section() -> None:
    report = check_use("llama3.1", {**DECLARED, "monthly_active_users": None})
    [fact] = report.missing_facts
    assert fact.field == "monthly_active_users"
    assert fact.question == "declare monthly_active_users: Llama 3.1 (§2) needs it"
    assert fact.needed_by == ("llama3.1/mau-threshold",)


def test_conditional_obligation_says_when_it_applies() -> None:
    report = check_use("apache-2.0", {"commercial": True})
    assert report.verdict is Verdict.ALLOWED_WITH_OBLIGATIONS
    notice = next(o for o in report.obligations if o.clause == "provide-license")
    assert notice.conditional
    assert notice.condition == (
        "redistributes_weights is true or (distributes_derivative is true and fine_tunes is true)"
    )
    assert notice.missing == ("distributes_derivative", "fine_tunes", "redistributes_weights")
    assert not report.missing_facts  # obligations never block, so they ask for nothing


def test_review_clauses_carry_their_qualifier() -> None:
    report = check_use("llama3.1", {**DECLARED, "use_cases": ["impersonation"]})
    [finding] = report.conflicts
    assert finding.conditional and finding.qualifier and "consent" in finding.qualifier


def test_or_reports_the_alternatives_and_the_choice() -> None:
    report = check_use("cc-by-nc-4.0 OR mit", DECLARED)
    assert report.chosen == "mit"
    assert [(a.expression, a.verdict) for a in report.alternatives] == [
        ("cc-by-nc-4.0", Verdict.CONFLICT),
        ("mit", Verdict.ALLOWED),
    ]
    assert report.licenses == ("mit",)


def test_a_single_license_offers_no_choice() -> None:
    report = check_use("mit", DECLARED)
    assert report.chosen is None and report.alternatives == ()


def test_lineage_joins_base_licenses_with_and() -> None:
    report = check_use("sayakpaul/FLUX.1-merged", DECLARED)
    assert report.model == "sayakpaul/FLUX.1-merged"
    assert report.license_expression == "flux-1-dev-non-commercial-license AND apache-2.0"
    assert [step.model for step in report.lineage] == [
        "sayakpaul/FLUX.1-merged",
        "black-forest-labs/FLUX.1-dev",
        "black-forest-labs/FLUX.1-schnell",
    ]
    conflict = next(c for c in report.conflicts if c.clause == "non-commercial-only")
    assert conflict.via == ("sayakpaul/FLUX.1-merged", "black-forest-labs/FLUX.1-dev")


def test_model_facts_from_the_registry_can_be_overridden() -> None:
    profile = {**DECLARED, "licensee_territory": "FR"}
    assert check_use("meta-llama/Llama-3.2-1B", profile).verdict is Verdict.ALLOWED_WITH_OBLIGATIONS
    overridden = check_use("meta-llama/Llama-3.2-1B", profile, facts={"multimodal": True})
    assert overridden.verdict is Verdict.CONFLICT
    assert overridden.model_facts["multimodal"] is True
    assert "modalities" not in overridden.model_facts  # the override replaces the registry's
    assert (
        check_use("llama3.2", profile, facts=ModelFacts(multimodal=True)).verdict
        is Verdict.CONFLICT
    )


def test_profile_may_be_a_model_a_mapping_or_nothing() -> None:
    a = check_use("mit", UseProfile(**DECLARED))
    b = check_use("mit", DECLARED)
    assert a == b
    assert check_use("mit").verdict is Verdict.ALLOWED_WITH_OBLIGATIONS  # conditional notice


def test_report_json_has_schema_version_notice_and_echoes_the_profile() -> None:
    data = json.loads(check_use("llama3.1", DECLARED).to_json())
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["notice"] == NOT_LEGAL_ADVICE
    assert data["profile"]["monthly_active_users"] == 10
    assert data["verdict"] == "allowed-with-obligations"


def test_output_is_deterministic() -> None:
    profile = {"use_cases": ["military", "medical-advice", "spam", "other"]}
    first = check_use("llama3.2 AND gemma", profile).to_json()
    assert all(check_use("llama3.2 AND gemma", profile).to_json() == first for _ in range(3))


def test_definite_conflicts_come_before_conditional_ones() -> None:
    report = check_use("llama3.1", {"use_cases": ["military", "medical-advice"]})
    flags = [c.conditional for c in report.conflicts]
    assert flags == sorted(flags)


@pytest.mark.parametrize(
    "name", ["FLUX.1 [dev] Non-Commercial License", "Apache License, Version 2.0", "gemma"]
)
def test_derivative_license_accepts_names_the_database_knows(name: str) -> None:
    report = check_use("mit", {"distributes_derivative": True, "derivative_license": name})
    assert report.verdict is Verdict.ALLOWED_WITH_OBLIGATIONS


def test_a_malformed_derivative_license_is_an_input_error() -> None:
    with pytest.raises(ProfileError, match="derivative_license: `MIT AND \\(` is neither"):
        check_use("gemma", {"distributes_derivative": True, "derivative_license": "MIT AND ("})


def test_output_trained_model_as_a_model_id_stands_for_its_lineage() -> None:
    # The fine-tune's own entry names llama2 through its base; a Llama 2 derivative may be
    # improved with Llama 2 outputs (Llama 2 §1.b.v, "excluding Llama 2 or derivative works").
    from modelclear import load_database
    from modelclear.engine import model_license_alternatives

    db = load_database()
    alts = model_license_alternatives(
        "meta-llama/Llama-2-7b-chat-hf", db, field="output_trained_model"
    )
    assert [sorted(a.ids) for a in alts] == [["llama2"]]
    assert "use-restrictions" in alts[0].traits and alts[0].complete


def test_output_trained_model_that_is_no_model_or_license_is_an_input_error() -> None:
    with pytest.raises(ProfileError, match="output_trained_model: `acme/student-1b`"):
        check_use("llama2", {**DECLARED, "output_trained_model": "acme/student-1b"})


def test_a_hub_id_is_not_a_derivative_license() -> None:
    with pytest.raises(ProfileError, match="derivative_license: `acme/student-1b`"):
        check_use("gemma", {**DECLARED, "derivative_license": "acme/student-1b"})
