"""Three-valued evaluation of clause conditions: TRUE, FALSE or UNKNOWN. Pure: no I/O.

A comparison on a fact that was not declared is UNKNOWN, and the outcome names that fact.
``all`` is FALSE as soon as one part is FALSE, ``any`` is TRUE as soon as one part is TRUE
(Kleene's strong logic), so a fact that cannot change the answer is never asked for.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .license import AllOf, AnyOf, Comparison, Condition, Not, normalise_name, squash_name


@dataclass(frozen=True)
class LicenseAlternative:
    """One way to satisfy a declared license expression: the licenses that apply together.

    ``traits`` are the traits of the known licenses among them; ``complete`` is false when one
    of them is not in the database, so that what it carries cannot be known.
    """

    ids: frozenset[str]
    traits: frozenset[str] = frozenset()
    complete: bool = True


#: A declared license expression in disjunctive normal form (see ``engine``).
LicenseAlternatives = tuple[LicenseAlternative, ...]

#: Fact path -> value, or ``None`` when not declared.
Facts = Mapping[str, object]


class Truth(enum.Enum):
    FALSE = 0
    UNKNOWN = 1
    TRUE = 2

    def __invert__(self) -> Truth:
        return {Truth.TRUE: Truth.FALSE, Truth.FALSE: Truth.TRUE}.get(self, Truth.UNKNOWN)


@dataclass(frozen=True)
class Outcome:
    """A condition's truth value; when UNKNOWN, the undeclared facts that left it open."""

    truth: Truth
    missing: frozenset[str] = frozenset()


_TRUE = Outcome(Truth.TRUE)
_FALSE = Outcome(Truth.FALSE)


def evaluate(condition: Condition, facts: Facts) -> Outcome:
    """Evaluate ``condition`` over ``facts``."""
    return compiled(condition)(facts)


Compiled = Callable[[Facts], Outcome]

# Each condition is compiled once into plain closures: evaluation then reads no model
# attribute (pydantic's attribute access is the slow part of a check). The condition itself
# is kept beside its closure so that its id is never reused while the entry lives.
_COMPILED: dict[int, tuple[Condition, Compiled]] = {}


def compiled(condition: Condition) -> Compiled:
    """The condition as a function of the facts (built once per condition object)."""
    found = _COMPILED.get(id(condition))
    if found is not None and found[0] is condition:
        return found[1]
    function = _compile(condition)
    _COMPILED[id(condition)] = (condition, function)
    return function


def _compile(condition: Condition) -> Compiled:
    if isinstance(condition, str):  # "always"
        return lambda facts: _TRUE
    if isinstance(condition, Comparison):
        return _compile_comparison(condition)
    if isinstance(condition, Not):
        inner = compiled(condition.not_)

        def negate(facts: Facts) -> Outcome:
            outcome = inner(facts)
            if outcome.truth is Truth.UNKNOWN:
                return outcome
            return _FALSE if outcome.truth is Truth.TRUE else _TRUE

        return negate
    if isinstance(condition, AllOf):
        return _compile_combination([compiled(c) for c in condition.all], Truth.FALSE)
    if isinstance(condition, AnyOf):
        return _compile_combination([compiled(c) for c in condition.any], Truth.TRUE)
    raise TypeError(f"not a condition: {condition!r}")


def _compile_combination(parts: list[Compiled], decisive: Truth) -> Compiled:
    """``all`` (decisive FALSE) or ``any`` (decisive TRUE), stopping at the first decisive part;
    otherwise UNKNOWN with the facts every undecided part misses, or the other truth value."""
    other = _TRUE if decisive is Truth.FALSE else _FALSE
    decided = Outcome(decisive)

    def combine(facts: Facts) -> Outcome:
        unknown: list[Outcome] = []
        for part in parts:
            outcome = part(facts)
            if outcome.truth is decisive:
                return decided
            if outcome.truth is Truth.UNKNOWN:
                unknown.append(outcome)
        if unknown:
            return Outcome(Truth.UNKNOWN, frozenset().union(*(u.missing for u in unknown)))
        return other

    return combine


def _compile_comparison(test: Comparison) -> Compiled:
    field, op, expected, values = test.field, test.op, test.value, test.values
    missing = Outcome(Truth.UNKNOWN, frozenset({field}))

    def compare(facts: Facts) -> Outcome:
        value = facts.get(field)
        if value is None:
            return missing
        return _TRUE if _compare(op, expected, values, value) else _FALSE

    return compare


def _compare(op: str, expected: Any, values: frozenset[str], value: object) -> bool:
    if op == "eq":
        return bool(value == expected)
    if op == "in_":
        return value in values
    if op == "any_in":
        assert isinstance(value, (frozenset, set, tuple, list))
        return any(item in values for item in value)
    if op == "startswith":  # case matters: naming rules give the exact word
        assert isinstance(value, str)
        return begins_with(value, expected)
    if op == "istartswith":
        assert isinstance(value, str)
        return begins_with(value.casefold(), expected.casefold())
    if op == "contains":  # neither case nor separators matter: a mark is used however spelt
        assert isinstance(value, str)
        return squash_name(expected) in squash_name(value)
    if op == "includes_license":
        assert isinstance(value, tuple)
        return bool(value) and all(expected in alt.ids for alt in value)
    if op == "has_trait":  # every alternative carries it
        assert isinstance(value, tuple)
        return bool(value) and all(expected.value in alt.traits for alt in value)
    if op == "lacks_trait":  # some alternative, wholly known, does not carry it
        assert isinstance(value, tuple)
        return any(alt.complete and expected.value not in alt.traits for alt in value)
    assert isinstance(value, int) and isinstance(expected, int)
    if op == "ne":
        return value != expected
    if op == "gt":
        return value > expected
    if op == "ge":
        return value >= expected
    if op == "lt":
        return value < expected
    if op == "le":
        return value <= expected
    raise AssertionError(f"unhandled operator {op}")


def begins_with(name: str, prefix: str) -> bool:
    """Whether ``name`` begins with the words of ``prefix`` (separators alike).

    A prefix that ends in a digit must not run on into another digit, so that ``Llama-30B``
    does not begin with "Llama 3"; the next character is then the end, a separator or ``.``.
    """
    name, prefix = normalise_name(name), normalise_name(prefix)
    if not name.startswith(prefix):
        return False
    rest = name[len(prefix) :]
    if prefix[-1:].isdigit() and rest:
        return rest[0] in " ."
    return True


# --------------------------------------------------------------------------- description

_OP_TEXT = {
    "ne": "is not",
    "gt": ">",
    "ge": ">=",
    "lt": "<",
    "le": "<=",
    "in_": "is in",
    "any_in": "includes any of",
    "startswith": "starts with",
    "istartswith": "starts with (any case)",
    "contains": "contains",
    "includes_license": "includes",
    "has_trait": "has the trait",
    "lacks_trait": "may lack the trait",
}


def fact_label(path: str) -> str:
    """``profile.commercial`` -> ``commercial``; model facts keep their prefix."""
    return path.removeprefix("profile.")


def describe(condition: Condition) -> str:
    """A one-line reading of a condition, e.g. ``redistributes_weights is true``."""
    return _describe(condition, top=True)


def _describe(condition: Condition, *, top: bool = False) -> str:
    if isinstance(condition, str):
        return "always"
    if isinstance(condition, Comparison):
        return _describe_comparison(condition)
    if isinstance(condition, Not):
        return f"not ({_describe(condition.not_, top=True)})"
    joiner, parts = (
        (" and ", condition.all) if isinstance(condition, AllOf) else (" or ", condition.any)
    )
    text = joiner.join(_describe(p) for p in parts)
    return text if top or len(parts) == 1 else f"({text})"


def _describe_comparison(test: Comparison) -> str:
    label = fact_label(test.field)
    op, value = test.op, test.value
    if op == "eq":
        if isinstance(value, bool):
            return f"{label} is {'true' if value else 'false'}"
        return f"{label} is {_fmt(value)}"
    if isinstance(value, tuple):
        shown = value[0] if len(value) == 1 else "[" + ", ".join(value) + "]"
        if op == "any_in" and len(value) == 1:
            return f"{label} includes {shown}"
        return f"{label} {_OP_TEXT[op]} {shown}"
    return f"{label} {_OP_TEXT[op]} {_fmt(value)}"


def _fmt(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"{value:,}"
    return f'"{value}"' if isinstance(value, str) else str(value)


def explain(condition: Condition, facts: Facts) -> list[str]:
    """For a condition that holds: the declared facts that made it hold, with their values,
    e.g. ``monthly_active_users = 800,000,000 (monthly_active_users > 700,000,000)``."""
    if isinstance(condition, str) or evaluate(condition, facts).truth is not Truth.TRUE:
        return []
    if isinstance(condition, Comparison):
        return [
            f"{fact_label(condition.field)} = {_shown(facts.get(condition.field))} "
            f"({_describe_comparison(condition)})"
        ]
    if isinstance(condition, Not):
        inner = condition.not_
        if isinstance(inner, Comparison):
            return [
                f"{fact_label(inner.field)} = {_shown(facts.get(inner.field))} "
                f"(not: {_describe_comparison(inner)})"
            ]
        return [f"not ({describe(inner)})"]
    if isinstance(condition, AllOf):
        return [line for part in condition.all for line in explain(part, facts)]
    for part in condition.any:  # AnyOf: the first part that holds is reason enough
        if evaluate(part, facts).truth is Truth.TRUE:
            return explain(part, facts)
    return []


def _shown(value: object) -> str:
    if isinstance(value, (frozenset, set, tuple, list)):
        items = sorted(str(getattr(v, "ids", v)) for v in value)
        return "[" + ", ".join(items) + "]"
    return _fmt(value)
