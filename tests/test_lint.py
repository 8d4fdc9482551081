"""``modelclear db lint``: rules that span fields, run on the shipped data and on broken copies."""

from __future__ import annotations

from _dbfactory import GOOD_CLAUSE, good_license

from modelclear.lint import lint_database


def test_shipped_database_is_clean() -> None:
    assert lint_database() == []


def test_load_errors_are_lint_problems(make_db) -> None:
    clause = {**GOOD_CLAUSE, "when": {"field": "profile.nope", "eq": True}}
    problems = lint_database(make_db(good_license(clauses=[clause])))
    assert len(problems) == 1 and "unknown field `profile.nope`" in problems[0]


def test_citation_must_be_an_official_url(make_db) -> None:
    clause = {**GOOD_CLAUSE, "citation": {"section": "§1", "url": "https://blog.example.com/x"}}
    problems = lint_database(make_db(good_license(clauses=[clause])))
    assert problems == [
        "license_db/licenses/example-1.0.yaml: clauses[0] `notice`: citation.url: "
        "`https://blog.example.com/x` is not one of the license's urls or its use_policy_url"
    ]


def test_a_use_policy_always_obliges_compliance(make_db) -> None:
    record = good_license(use_policy_url="https://example.org/policy")
    problems = lint_database(make_db(record))
    assert any("`comply-with-use-policy` `always`" in p for p in problems)


def test_conditional_compliance_is_not_enough(make_db) -> None:
    clause = {
        **GOOD_CLAUSE,
        "id": "aup",
        "obligation": "comply-with-use-policy",
        "when": {"field": "profile.commercial", "eq": True},
    }
    record = good_license(
        use_policy_url="https://example.org/policy", clauses=[GOOD_CLAUSE, clause]
    )
    assert any("`always`" in p for p in lint_database(make_db(record)))


def test_provenance_needs_a_hash_or_a_pinned_commit(make_db) -> None:
    record = good_license(
        provenance=[
            {"document": "license", "url": "https://example.org/license", "read_on": "2026-01-01"}
        ]
    )
    assert any("sha256" in p for p in lint_database(make_db(record)))
    record["provenance"][0]["url"] = "https://github.com/o/r/blob/" + "a" * 40 + "/LICENSE"
    assert lint_database(make_db(record)) == []


def test_overlong_summaries_are_flagged(make_db) -> None:
    clause = {**GOOD_CLAUSE, "summary": "word " * 100}
    assert any("at most 400" in p for p in lint_database(make_db(good_license(clauses=[clause]))))


def test_aliases_may_not_be_expression_keywords(make_db) -> None:
    problems = lint_database(make_db(good_license(aliases=["with"])))
    assert any("alias `with` is an expression keyword" in p for p in problems)


def test_multi_word_aliases_parse_as_their_license() -> None:
    from modelclear import load_database

    db = load_database()
    for lic in db:
        for name in lic.names:
            assert getattr(db.licensing.parse(name), "key", None) == lic.id, name


def test_model_licenses_must_be_known(make_db) -> None:
    models = [{"id": "a/one", "license": "example-1.0 AND acme-2.0", "source": "https://x.org"}]
    problems = lint_database(make_db(good_license(), models=models))
    assert problems == ["license_db/models: `a/one`: license: unknown license `acme-2.0`"]


def test_a_model_license_that_is_no_expression_is_flagged(make_db) -> None:
    # "( )" makes license-expression raise a stray exception type; lint still names the fault.
    models = [{"id": "a/one", "license": "example-1.0 AND ( )", "source": "https://x.org"}]
    problems = lint_database(make_db(good_license(), models=models))
    assert problems == [
        "license_db/models: `a/one`: license: `example-1.0 AND ( )` is not a license expression"
    ]


def test_aliases_that_repeat_the_id_or_name_are_flagged(make_db) -> None:
    problems = lint_database(make_db(good_license(aliases=["EXAMPLE-1.0"])))
    assert problems == [
        "license_db/licenses/example-1.0.yaml: aliases: `EXAMPLE-1.0` repeats the id, name or "
        "SPDX id"
    ]


def test_use_restrictions_trait_follows_the_clauses(make_db) -> None:
    clause = {**GOOD_CLAUSE, "obligation": "pass-on-use-restrictions"}
    problems = lint_database(make_db(good_license(clauses=[clause])))
    assert problems == [
        "license_db/licenses/example-1.0.yaml: traits: the license incorporates a use policy or "
        "passes use restrictions on, so it lists `use-restrictions`"
    ]
    fixed = good_license(clauses=[clause], traits=["use-restrictions"])
    assert lint_database(make_db(fixed)) == []
