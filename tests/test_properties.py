"""Fail closed, as properties: over generated profiles, for every license and registry model.

- Removing a declared fact never turns needs-review or conflict into an allowed verdict.
- Declaring one more restricted use case never improves the verdict.
- An unknown license, or a base model nobody can resolve, is never allowed.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modelclear import ModelInfo, UseCase, Verdict, check_use, load_database

DB = load_database()
LICENSES = sorted(DB.licenses)
MODELS = sorted(DB.models)
BAD = {Verdict.NEEDS_REVIEW, Verdict.CONFLICT}
RANK = {v: v.rank for v in Verdict}

_bools = st.one_of(st.none(), st.booleans())
profiles = st.fixed_dictionaries(
    {
        "commercial": _bools,
        "monthly_active_users": st.one_of(
            st.none(), st.sampled_from([0, 1, 100_000_000, 700_000_000, 700_000_001, 10**10])
        ),
        "annual_revenue_usd": st.one_of(st.none(), st.sampled_from([0, 1_000_000, 1_000_001])),
        "licensee_territory": st.one_of(st.none(), st.sampled_from(["US", "FR", "RE", "IR", "CN"])),
        "licensee_kind": st.one_of(
            st.none(),
            st.sampled_from(["individual", "company", "charity", "academic", "government"]),
        ),
        "deployment_territories": st.one_of(
            st.none(), st.sampled_from([[], ["US"], ["EU"], ["RU"]])
        ),
        "redistributes_weights": _bools,
        "fine_tunes": _bools,
        "distributes_derivative": _bools,
        "derivative_name": st.one_of(
            st.none(), st.sampled_from(["Llama-3-Acme", "Acme-7B", "SD-XL-x"])
        ),
        "derivative_license": st.one_of(st.none(), st.sampled_from(["mit", "gemma", "llama3.1"])),
        "offers_hosted_service": _bools,
        "trains_on_outputs": _bools,
        "use_cases": st.lists(st.sampled_from([u.value for u in UseCase]), max_size=2, unique=True),
    }
)

SETTINGS = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


def _declared(profile: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in profile.items() if v is not None}


@SETTINGS
@given(profiles, st.data())
def test_removing_a_fact_never_turns_a_doubt_into_allowed(profile: dict[str, Any], data) -> None:  # type: ignore[no-untyped-def]
    full = _declared(profile)
    keys = [k for k in full if k != "use_cases"]
    if not keys:
        return
    dropped = data.draw(st.sampled_from(keys))
    less = {k: v for k, v in full.items() if k != dropped}
    for subject in (*LICENSES, *MODELS[::7]):
        before = check_use(subject, full).verdict
        if before in BAD:
            after = check_use(subject, less).verdict
            assert after in BAD, (subject, dropped, full, before, after)


@SETTINGS
@given(profiles, st.sampled_from([u.value for u in UseCase]))
def test_one_more_restricted_use_never_improves_the_verdict(
    profile: dict[str, Any], case: str
) -> None:
    base = _declared(profile)
    more = {**base, "use_cases": sorted({*base.get("use_cases", []), case})}
    for subject in (*LICENSES, *MODELS[::7]):
        before = check_use(subject, base).verdict
        after = check_use(subject, more).verdict
        assert RANK[after] >= RANK[before], (subject, case, base, before, after)


@SETTINGS
@given(profiles)
def test_unknown_licenses_and_unresolved_bases_are_never_allowed(profile: dict[str, Any]) -> None:
    use = _declared(profile)
    for subject in ("LicenseRef-acme-secret-terms", "mit AND LicenseRef-acme-secret-terms"):
        assert check_use(subject, use).verdict in BAD
    orphan = ModelInfo(id="acme/ft", license="mit", base_models=["acme/unpublished-base"])
    assert check_use(orphan, use).verdict in BAD
