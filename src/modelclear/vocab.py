"""The controlled vocabularies: a public contract.

Verdicts, conflict and obligation kinds, use cases, clause kinds and the facts a clause
condition may name. Users and their pipelines depend on these strings: add to them, never rename.
"""

from __future__ import annotations

import enum
from types import MappingProxyType
from typing import Final, Literal, get_args


class _Vocab(str, enum.Enum):
    """A string enum that prints as its value (Python 3.10's ``str, Enum`` does not)."""

    def __str__(self) -> str:
        return str(self.value)


class Verdict(_Vocab):
    """The answer to "may we do this?", from best to worst."""

    ALLOWED = "allowed"
    ALLOWED_WITH_OBLIGATIONS = "allowed-with-obligations"
    NEEDS_REVIEW = "needs-review"
    CONFLICT = "conflict"

    @property
    def rank(self) -> int:
        """0 for ``allowed`` up to 3 for ``conflict``: worst wins when combining."""
        return _VERDICT_RANK[self]


_VERDICT_RANK: Final = MappingProxyType({v: i for i, v in enumerate(Verdict)})

#: How a model derives from its base models: the Hub's four ``base_model_relation`` values
#: (adapter, merge, quantized, finetune) and distillation into a student.
Relation = Literal["finetune", "adapter", "merge", "quantized", "distillation"]
RELATIONS: Final = get_args(Relation)


class ClauseKind(_Vocab):
    """What a clause does when its trigger holds."""

    OBLIGATION = "obligation"  # something you must do
    CONFLICT = "conflict"  # the declared use is not permitted
    REVIEW = "review"  # may forbid the use, but turns on something only counsel can judge


class ConflictKind(_Vocab):
    COMMERCIAL_USE_NOT_PERMITTED = "commercial-use-not-permitted"
    USER_THRESHOLD_EXCEEDED = "user-threshold-exceeded"
    REVENUE_THRESHOLD_EXCEEDED = "revenue-threshold-exceeded"
    TERRITORY_EXCLUDED = "territory-excluded"
    OUTPUT_TRAINING_RESTRICTED = "output-training-restricted"
    REDISTRIBUTION_NOT_PERMITTED = "redistribution-not-permitted"
    DERIVATIVES_NOT_PERMITTED = "derivatives-not-permitted"
    HOSTING_NOT_PERMITTED = "hosting-not-permitted"
    RESTRICTED_USE_CASE = "restricted-use-case"
    DERIVATIVE_NAME_REQUIRED = "derivative-name-required"
    DERIVATIVE_LICENSE_MISMATCH = "derivative-license-mismatch"
    LICENSE_UNIDENTIFIED = "license-unidentified"  # which text applies is not known yet


class ObligationKind(_Vocab):
    INCLUDE_LICENSE_TEXT = "include-license-text"
    RETAIN_NOTICES = "retain-notices"
    DISPLAY_ATTRIBUTION = "display-attribution"
    NAME_PREFIX = "name-prefix"
    PASS_ON_USE_RESTRICTIONS = "pass-on-use-restrictions"
    COMPLY_WITH_USE_POLICY = "comply-with-use-policy"
    STATE_MODIFICATIONS = "state-modifications"
    SHARE_ALIKE = "share-alike"
    CREDIT_AUTHOR = "credit-author"
    IMPLEMENT_SAFEGUARDS = "implement-safeguards"
    DISCLOSE_MACHINE_GENERATED = "disclose-machine-generated"
    REGISTER_WITH_LICENSOR = "register-with-licensor"
    KEEP_MODEL_UPDATED = "keep-model-updated"
    DISCLOSE_KNOWN_RISKS = "disclose-known-risks"
    NO_DOWNSTREAM_RESTRICTIONS = "no-downstream-restrictions"
    INCLUDE_WARRANTY_DISCLAIMER = "include-warranty-disclaimer"


class LicenseeKind(_Vocab):
    """Who takes the license (``UseProfile.licensee_kind``); texts such as FLUX.1 [dev] §1(c)
    and research-only licenses turn on it."""

    INDIVIDUAL = "individual"
    COMPANY = "company"
    CHARITY = "charity"
    NONPROFIT = "nonprofit"
    ACADEMIC = "academic"
    GOVERNMENT = "government"


class Trait(_Vocab):
    """A property a license record declares, so that a clause of another license can ask
    whether a derivative's declared license carries it (``has_trait`` / ``lacks_trait``)."""

    USE_RESTRICTIONS = "use-restrictions"  # binding limits on how the model may be used
    COPYLEFT = "copyleft"  # modified versions must be offered under the same terms (software)
    SHARE_ALIKE = "share-alike"  # adaptations must carry the same or a compatible license
    NON_COMMERCIAL = "non-commercial"  # commercial use is not licensed
    NO_DERIVATIVES = "no-derivatives"  # adapted versions may not be shared


class UseCase(_Vocab):
    """Restricted categories a product may touch (declared in ``UseProfile.use_cases``)."""

    MILITARY = "military"
    WEAPONS = "weapons"
    SURVEILLANCE = "surveillance"
    LAW_ENFORCEMENT = "law-enforcement"
    BIOMETRIC_IDENTIFICATION = "biometric-identification"
    MEDICAL_ADVICE = "medical-advice"
    LEGAL_ADVICE = "legal-advice"
    FINANCIAL_ADVICE = "financial-advice"
    AUTOMATED_DECISION_LEGAL_EFFECT = "automated-decision-legal-effect"
    CRITICAL_INFRASTRUCTURE = "critical-infrastructure"
    GENERATE_MISINFORMATION = "generate-misinformation"
    IMPERSONATION = "impersonation"
    HARASS_OR_DISCRIMINATE = "harass-or-discriminate"
    MINORS_HARM = "minors-harm"
    MALWARE = "malware"
    SPAM = "spam"
    UNAUTHORIZED_PRACTICE = "unauthorized-practice"
    OTHER = "other"


class Openness(_Vocab):
    """Where a license stands on the question users ask first: how open is it?"""

    OPEN_SOURCE = "open-source"  # no restriction on who may use it or for what
    OPEN_WEIGHTS_RESTRICTED = "open-weights-restricted"  # field-of-use, user or revenue limits
    NON_COMMERCIAL = "non-commercial"
    RESEARCH_ONLY = "research-only"
    NO_DERIVATIVES = "no-derivatives"
    UNKNOWN = "unknown"  # placeholder keys (`other`, `unknown`) and families that differ


class CommercialUse(_Vocab):
    """Whether the terms permit commercial use: outright, never, or under conditions."""

    YES = "yes"
    NO = "no"
    CONDITIONAL = "conditional"  # thresholds, registration, territory, or members that differ


class FactType(_Vocab):
    """The type of a fact a condition may name; decides which operators apply to it."""

    BOOL = "bool"
    COUNT = "count"  # a non-negative integer: users, US dollars
    COUNTRY = "country"  # one ISO 3166-1 alpha-2 code
    COUNTRIES = "countries"  # a list of ISO 3166-1 alpha-2 codes
    LICENSEE_KIND = "licensee-kind"  # one of ``LicenseeKind``
    TEXT = "text"
    LICENSE_EXPRESSION = "license-expression"
    USE_CASES = "use-cases"


#: Every fact a clause condition may name, with its type. ``profile.*`` facts come from the
#: use profile (see ``modelclear.profile.UseProfile``); ``model.*`` facts describe the model
#: being checked (see ``modelclear.lineage.ModelFacts``).
FACTS: Final = MappingProxyType(
    {
        "profile.commercial": FactType.BOOL,
        "profile.monthly_active_users": FactType.COUNT,
        "profile.annual_revenue_usd": FactType.COUNT,
        "profile.licensee_territory": FactType.COUNTRY,
        "profile.licensee_kind": FactType.LICENSEE_KIND,
        "profile.deployment_territories": FactType.COUNTRIES,
        "profile.redistributes_weights": FactType.BOOL,
        "profile.fine_tunes": FactType.BOOL,
        "profile.distributes_derivative": FactType.BOOL,
        "profile.derivative_name": FactType.TEXT,
        "profile.derivative_license": FactType.LICENSE_EXPRESSION,
        "profile.offers_hosted_service": FactType.BOOL,
        "profile.trains_on_outputs": FactType.BOOL,
        "profile.output_trained_model": FactType.LICENSE_EXPRESSION,
        "profile.use_cases": FactType.USE_CASES,
        "model.multimodal": FactType.BOOL,
        "model.parameters": FactType.COUNT,
    }
)

#: Which comparison operators each fact type accepts in a condition.
OPERATORS: Final = MappingProxyType(
    {
        FactType.BOOL: frozenset({"eq"}),
        FactType.COUNT: frozenset({"eq", "ne", "gt", "ge", "lt", "le"}),
        FactType.COUNTRY: frozenset({"eq", "in"}),
        FactType.COUNTRIES: frozenset({"any_in"}),
        FactType.LICENSEE_KIND: frozenset({"eq", "in"}),
        FactType.TEXT: frozenset({"eq", "startswith", "istartswith", "contains"}),
        FactType.LICENSE_EXPRESSION: frozenset({"includes_license", "has_trait", "lacks_trait"}),
        FactType.USE_CASES: frozenset({"any_in"}),
    }
)

#: Exit codes of the ``modelclear`` command: a public contract for release pipelines.
EXIT_OK: Final = 0  # allowed, with or without obligations
EXIT_CONFLICT: Final = 1
EXIT_USAGE: Final = 2  # usage or input error
EXIT_NEEDS_REVIEW: Final = 3

NOT_LEGAL_ADVICE: Final = (
    "modelclear is an aid to license review, not legal advice and not a substitute for counsel. "
    "Its findings summarise license terms in its own words; the license texts govern."
)
