"""``diff_licenses`` and ``modelclear diff``: what a new license version changed."""

from __future__ import annotations

from modelclear import diff_licenses, load_database


def _diff(old: str, new: str):  # type: ignore[no-untyped-def]
    db = load_database()
    return diff_licenses(db.licenses[old], db.licenses[new])


def test_llama3_to_3_1_drops_the_output_training_ban_and_widens_the_name_rule() -> None:
    # Llama 3 §1.b.v bars improving other LLMs with outputs; Llama 3.1 has no §1.b.v.
    # Llama 3 §1.b.i asks for "Llama 3" at the start of a name, Llama 3.1 for "Llama".
    d = _diff("llama3", "llama3.1")
    changes = {c.clause: c for c in d.clauses}
    assert changes["no-improving-other-llms"].change == "removed"
    name = changes["derivative-name"]
    assert name.change == "changed" and "when" in name.fields
    assert name.before is not None and '"Llama 3"' in name.before.when
    assert name.after is not None and '"Llama 3"' not in name.after.when


def test_llama3_1_to_3_2_adds_the_eu_clause_of_the_use_policy() -> None:
    # The Llama 3.2 Acceptable Use Policy withholds §1(a) rights for multimodal models from
    # licensees in the EU; the 3.1 policy has no such paragraph.
    d = _diff("llama3.1", "llama3.2")
    added = {c.clause for c in d.clauses if c.change == "added"}
    assert "eu-multimodal" in added
    assert any(p.field == "use_policy_url" for p in d.properties)


def test_a_record_compared_with_itself_is_identical() -> None:
    d = _diff("gemma", "gemma")
    assert d.identical and d.unchanged


def test_records_of_one_family_say_so() -> None:
    db = load_database()
    for lic in db:
        if lic.family == "llama":
            assert _diff("llama2", lic.id).same_family
