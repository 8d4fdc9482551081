"""House policy applied to a report: deny and allow lists, review as failure, acknowledgements.

The licenses decide what a report says; the policy decides whether the gate passes. A denied
license is a failure whatever the licenses allow. An acknowledged finding (model + clause, with
a reason and a reviewer) stops counting until it expires, or until the model's license changes
when the acknowledgement pins it. Expired and unmatched acknowledgements are reported; an
expired one fails again.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from pydantic import BaseModel, ConfigDict

from .database import Database
from .manifest import Acknowledgement, Policy, entry_key
from .report import Finding, Report
from .vocab import Verdict


class PolicyOutcome(BaseModel):
    """What the policy made of one model's report."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    verdict: Verdict  # after acknowledgements and deny/allow rules
    passes: bool  # whether the gate passes for this model
    denied: tuple[str, ...] = ()  # why a deny or allow rule failed it
    acknowledged: tuple[str, ...] = ()  # `license/clause` findings no longer counted
    expired: tuple[str, ...] = ()  # acknowledgements past their date
    stale: tuple[str, ...] = ()  # acknowledgements whose pin no longer matches
    pin: str


def pin_of(report: Report) -> str:
    """A short hash of what a review looked at: the licenses that bind the model."""
    text = f"{report.license_expression}|{','.join(report.licenses)}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _matches(rule: str, license_id: str, db: Database) -> bool:
    lic = db.licenses.get(license_id)
    if rule.lower() == license_id.lower():
        return True
    if lic is None:
        return False
    named = db.license(rule)
    if named is not None and named.id == lic.id:
        return True
    return rule in {
        lic.family,
        lic.openness.value if lic.openness else None,
        *(t.value for t in lic.traits),
    }


def apply_policy(
    report: Report,
    policy: Policy,
    db: Database,
    *,
    model: str,
    today: dt.date | None = None,
) -> PolicyOutcome:
    today = today or dt.date.today()
    pin = pin_of(report)
    acks = [a for a in policy.acknowledgements if entry_key(a.model) == entry_key(model)]
    acknowledged, expired, stale = [], [], []
    live: dict[str, Acknowledgement] = {}
    for ack in acks:
        if ack.expires is not None and ack.expires < today:
            expired.append(f"{ack.clause} (expired {ack.expires})")
        elif ack.pin is not None and ack.pin != pin:
            stale.append(f"{ack.clause} (pinned {ack.pin}, the licenses now give {pin})")
        else:
            live[ack.clause] = ack

    def counted(f: Finding) -> bool:
        if f.ref in live:
            acknowledged.append(f.ref)
            return False
        return True

    conflicts = [f for f in report.conflicts if counted(f)]
    denied = [
        f"`{lic}` is denied by the policy (`{rule}`)"
        for lic in report.licenses
        for rule in policy.deny
        if _matches(rule, lic, db)
    ]
    if policy.allow:
        denied += [
            f"`{lic}` is not in the policy's allow list"
            for lic in report.licenses
            if not any(_matches(rule, lic, db) for rule in policy.allow)
        ]
    if denied or any(not f.conditional for f in conflicts):
        verdict = Verdict.CONFLICT
    elif conflicts or report.unknown_licenses or expired or stale:
        verdict = Verdict.NEEDS_REVIEW
    elif report.obligations:
        verdict = Verdict.ALLOWED_WITH_OBLIGATIONS
    else:
        verdict = Verdict.ALLOWED
    passes = verdict.rank < Verdict.NEEDS_REVIEW.rank or (
        verdict is Verdict.NEEDS_REVIEW and not policy.fail_on_review
    )
    return PolicyOutcome(
        verdict=verdict,
        passes=passes,
        denied=tuple(dict.fromkeys(denied)),
        acknowledged=tuple(dict.fromkeys(acknowledged)),
        expired=tuple(expired),
        stale=tuple(stale),
        pin=pin,
    )


def unmatched_acknowledgements(policy: Policy, used: dict[str, set[str]]) -> tuple[str, ...]:
    """Acknowledgements that matched no finding of their model (a typo, or a fixed finding)."""
    out = []
    for ack in policy.acknowledgements:
        if ack.clause not in used.get(entry_key(ack.model), set()):
            out.append(f"{ack.model}: {ack.clause}")
    return tuple(out)
