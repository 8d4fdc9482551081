"""The condition evaluator: three-valued logic over declared and undeclared facts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from modelclear.conditions import LicenseAlternative, Truth, describe, evaluate
from modelclear.license import Condition

T, F, U = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN
_adapter: TypeAdapter[Condition] = TypeAdapter(Condition)


def cond(data: object) -> Condition:
    return _adapter.validate_python(data)


HOSTED = {"field": "profile.offers_hosted_service", "eq": True}
REDIST = {"field": "profile.redistributes_weights", "eq": True}


@pytest.mark.parametrize(
    ("hosted", "redist", "all_", "any_"),
    [
        (True, True, T, T),
        (True, False, F, T),
        (False, False, F, F),
        (True, None, U, T),  # any: one TRUE decides, the unknown does not matter
        (False, None, F, U),  # all: one FALSE decides
        (None, None, U, U),
    ],
)
def test_kleene_and_or(hosted: bool | None, redist: bool | None, all_: Truth, any_: Truth) -> None:
    facts = {"profile.offers_hosted_service": hosted, "profile.redistributes_weights": redist}
    assert evaluate(cond({"all": [HOSTED, REDIST]}), facts).truth is all_
    assert evaluate(cond({"any": [HOSTED, REDIST]}), facts).truth is any_


def test_unknown_names_only_the_facts_that_left_it_open() -> None:
    facts = {"profile.offers_hosted_service": None, "profile.redistributes_weights": None}
    out = evaluate(cond({"all": [HOSTED, REDIST]}), facts)
    assert out.missing == {"profile.offers_hosted_service", "profile.redistributes_weights"}
    decided = evaluate(
        cond({"all": [HOSTED, REDIST]}), {**facts, "profile.redistributes_weights": False}
    )
    assert decided.truth is F and decided.missing == frozenset()


def test_not_flips_true_and_false_but_keeps_unknown() -> None:
    c = cond({"not": HOSTED})
    assert evaluate(c, {"profile.offers_hosted_service": True}).truth is F
    assert evaluate(c, {"profile.offers_hosted_service": False}).truth is T
    out = evaluate(c, {"profile.offers_hosted_service": None})
    assert out.truth is U and out.missing == {"profile.offers_hosted_service"}


def test_always() -> None:
    assert evaluate("always", {}).truth is T


@pytest.mark.parametrize(
    ("op", "users", "expected"),
    [
        ("gt", 700_000_000, F),  # "more than" is strict: exactly at the number is not over it
        ("gt", 700_000_001, T),
        ("ge", 700_000_000, T),
        ("lt", 700_000_000, F),
        ("le", 700_000_000, T),
        ("eq", 700_000_000, T),
        ("ne", 700_000_000, F),
    ],
)
def test_comparisons_at_the_boundary(op: str, users: int, expected: Truth) -> None:
    c = cond({"field": "profile.monthly_active_users", op: 700_000_000})
    assert evaluate(c, {"profile.monthly_active_users": users}).truth is expected


def test_region_membership_uses_region_data() -> None:
    c = cond({"field": "profile.licensee_territory", "in": ["EU"]})
    assert evaluate(c, {"profile.licensee_territory": "FR"}).truth is T
    assert evaluate(c, {"profile.licensee_territory": "NO"}).truth is F  # EEA, not EU
    eea = cond({"field": "profile.licensee_territory", "in": ["EEA"]})
    assert evaluate(eea, {"profile.licensee_territory": "NO"}).truth is T


def test_list_membership() -> None:
    c = cond({"field": "profile.use_cases", "any_in": ["military", "weapons"]})
    assert evaluate(c, {"profile.use_cases": frozenset({"weapons"})}).truth is T
    assert evaluate(c, {"profile.use_cases": frozenset()}).truth is F
    d = cond({"field": "profile.deployment_territories", "any_in": ["EU"]})
    assert evaluate(d, {"profile.deployment_territories": frozenset({"US", "DE"})}).truth is T


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Llama-3.1-Acme", T), ("Llama 3.1 Acme", T), ("llama-acme", F), ("Acme-Llama", F)],
)
def test_startswith_treats_separators_alike_and_keeps_case(name: str, expected: Truth) -> None:
    c = cond({"field": "profile.derivative_name", "startswith": "Llama"})
    assert evaluate(c, {"profile.derivative_name": name}).truth is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("acme-stable-diffusion-xl", T), ("Stable_Diffusion 3", T), ("StableLM-fork", F)],
)
def test_contains_ignores_case_and_separators(name: str, expected: Truth) -> None:
    c = cond({"field": "profile.derivative_name", "contains": "Stable Diffusion"})
    assert evaluate(c, {"profile.derivative_name": name}).truth is expected


def _alt(*ids: str, traits: tuple[str, ...] = (), complete: bool = True) -> LicenseAlternative:
    return LicenseAlternative(frozenset(ids), frozenset(traits), complete)


def test_includes_license_needs_it_in_every_alternative() -> None:
    c = cond({"field": "profile.derivative_license", "includes_license": "gemma"})
    both = (_alt("gemma", "apache-2.0"),)
    either = (_alt("gemma"), _alt("apache-2.0"))
    assert evaluate(c, {"profile.derivative_license": both}).truth is T
    assert evaluate(c, {"profile.derivative_license": either}).truth is F


RESTRICTED = ("use-restrictions",)


@pytest.mark.parametrize(
    ("alternatives", "has", "lacks"),
    [
        ((_alt("gemma", traits=RESTRICTED),), T, F),
        # AND with a restricted license: the alternative carries the restrictions
        ((_alt("gemma", "apache-2.0", traits=RESTRICTED),), T, F),
        # OR: a recipient may take the permissive alternative
        ((_alt("gemma", traits=RESTRICTED), _alt("apache-2.0")), F, T),
        ((_alt("mit"),), F, T),
        # an unknown license may carry anything: neither has nor lacks is certain
        ((_alt("mit", "acme-terms", complete=False),), F, F),
    ],
)
def test_traits_of_license_alternatives(
    alternatives: tuple[LicenseAlternative, ...], has: Truth, lacks: Truth
) -> None:
    facts = {"profile.derivative_license": alternatives}
    has_c = cond({"field": "profile.derivative_license", "has_trait": "use-restrictions"})
    lacks_c = cond({"field": "profile.derivative_license", "lacks_trait": "use-restrictions"})
    assert evaluate(has_c, facts).truth is has
    assert evaluate(lacks_c, facts).truth is lacks


def test_unknown_trait_is_a_load_error() -> None:
    with pytest.raises(ValidationError, match="use-restrictions"):
        cond({"field": "profile.derivative_license", "has_trait": "restrictive"})


@pytest.mark.parametrize(
    ("name", "prefix", "expected"),
    [
        ("Llama-3-Acme", "Llama 3", T),
        ("Llama-3.1-Acme", "Llama 3", T),
        ("Llama_3", "Llama 3", T),
        # review finding: `Llama-30B` must not pass as beginning with "Llama 3"
        ("Llama-30B-Acme", "Llama 3", F),
        ("Llama-3B-Acme", "Llama 3", F),
        ("LlamaGuard-Acme", "Llama", T),
    ],
)
def test_startswith_needs_a_boundary_after_a_number(
    name: str, prefix: str, expected: Truth
) -> None:
    c = cond({"field": "profile.derivative_name", "startswith": prefix})
    assert evaluate(c, {"profile.derivative_name": name}).truth is expected


@pytest.mark.parametrize(
    ("name", "sensitive", "insensitive"),
    [("Llama-Acme", T, T), ("llama-acme", F, T), ("LLaMA-2-acme", F, T), ("Acme-llama", F, F)],
)
def test_istartswith_ignores_case(name: str, sensitive: Truth, insensitive: Truth) -> None:
    facts = {"profile.derivative_name": name}
    assert (
        evaluate(cond({"field": "profile.derivative_name", "startswith": "Llama"}), facts).truth
        is sensitive
    )
    assert (
        evaluate(cond({"field": "profile.derivative_name", "istartswith": "Llama"}), facts).truth
        is insensitive
    )


@pytest.mark.parametrize(
    ("name", "mark", "expected"),
    [
        # review finding (Stability §IV(c)(i)): separators must not hide a mark
        ("SD-3.5-Large-Turbo-Anime", "SD3", T),
        ("SD-XL-anime", "SDXL", T),
        ("StableDiffusion-XL-anime", "Stable Diffusion", T),
        ("Acme-Painter", "SDXL", F),
    ],
)
def test_contains_ignores_separators_entirely(name: str, mark: str, expected: Truth) -> None:
    c = cond({"field": "profile.derivative_name", "contains": mark})
    assert evaluate(c, {"profile.derivative_name": name}).truth is expected


def test_licensee_kind_values_are_checked() -> None:
    c = cond({"field": "profile.licensee_kind", "in": ["academic", "government"]})
    assert evaluate(c, {"profile.licensee_kind": "academic"}).truth is T
    assert evaluate(c, {"profile.licensee_kind": "company"}).truth is F
    assert evaluate(c, {}).truth is U
    with pytest.raises(ValidationError, match="unknown licensee kind `university`"):
        cond({"field": "profile.licensee_kind", "eq": "university"})


def test_describe_reads_like_the_condition() -> None:
    c = cond(
        {
            "any": [
                HOSTED,
                {
                    "all": [
                        REDIST,
                        {"not": {"field": "profile.derivative_name", "startswith": "Llama"}},
                    ]
                },
            ]
        }
    )
    assert describe(c) == (
        "offers_hosted_service is true or (redistributes_weights is true and "
        'not (derivative_name starts with "Llama"))'
    )
    assert describe(cond({"field": "profile.monthly_active_users", "gt": 700_000_000})) == (
        "monthly_active_users > 700,000,000"
    )


_FIELDS = ["profile.offers_hosted_service", "profile.redistributes_weights", "profile.fine_tunes"]
_leaf = st.sampled_from(_FIELDS).map(lambda f: {"field": f, "eq": True})
_tree = st.recursive(
    _leaf,
    lambda sub: st.one_of(
        st.lists(sub, min_size=1, max_size=3).map(lambda xs: {"all": xs}),
        st.lists(sub, min_size=1, max_size=3).map(lambda xs: {"any": xs}),
        sub.map(lambda x: {"not": x}),
    ),
    max_leaves=8,
)
_truth = st.sampled_from([True, False, None])


@given(tree=_tree, values=st.tuples(_truth, _truth, _truth))
def test_a_decided_outcome_holds_whatever_the_missing_facts_are(
    tree: dict[str, object], values: tuple[bool | None, ...]
) -> None:
    """Soundness of the three-valued logic: TRUE or FALSE with facts unknown means every way
    of declaring them gives the same answer; UNKNOWN names only facts that were undeclared."""
    c = cond(tree)
    facts = dict(zip(_FIELDS, values, strict=True))
    out = evaluate(c, facts)
    undeclared = {f for f, v in facts.items() if v is None}
    assert out.missing <= undeclared
    if out.truth is U:
        assert out.missing
        return
    choices = [[v] if v is not None else [True, False] for v in values]
    for a in choices[0]:
        for b in choices[1]:
            for d in choices[2]:
                assert evaluate(c, dict(zip(_FIELDS, (a, b, d), strict=True))).truth is out.truth
