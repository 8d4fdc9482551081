"""The report as short, readable text: verdict first, then conflicts, obligations, missing facts."""

from __future__ import annotations

import textwrap

from ..report import Finding, Report
from ..vocab import ConflictKind, Verdict

_CONFLICT_KINDS = frozenset(ConflictKind)

_WIDTH = 100

_HEADLINE = {
    Verdict.ALLOWED: "allowed: no license term stands in the way of the declared use",
    Verdict.ALLOWED_WITH_OBLIGATIONS: "allowed with obligations: the declared use is permitted "
    "if you do what is listed below",
    Verdict.NEEDS_REVIEW: "needs review: modelclear cannot decide; see what is missing or "
    "unclear below",
    Verdict.CONFLICT: "conflict: a license term forbids the declared use",
}


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(
        text,
        width=_WIDTH,
        initial_indent=indent,
        subsequent_indent=indent + "  ",
        break_on_hyphens=False,
        break_long_words=False,
    ) or [indent]


def _finding(f: Finding) -> list[str]:
    lines = _wrap(f"- {f.kind.value} [{f.license}/{f.clause}]: {f.summary}", "  ")
    if f.qualifier:
        lines += _wrap(f"turns on: {f.qualifier}", "      ")
    if f.condition:
        lines += _wrap(f"applies if: {f.condition}", "      ")
    if f.because and not f.conditional and f.kind in _CONFLICT_KINDS:
        lines += _wrap(f"because: {'; '.join(f.because)}", "      ")
    if f.via:
        lines += _wrap(f"via: {', '.join(f.via)}", "      ")
    lines += _wrap(f"source: {f.citation.section}, {f.citation.url}", "      ")
    return lines


def render_text(report: Report) -> str:
    lines = [f"verdict: {_HEADLINE[report.verdict]}"]
    subject = report.subject if report.model is None else f"{report.model}"
    lines.append(f"checked: {subject}  (licenses: {report.license_expression or 'none'})")
    for step in report.lineage[1:]:
        lines.append(f"  derived from {step.model} under {step.license}")
    if report.chosen:
        options = "; ".join(f"{a.expression} -> {a.verdict.value}" for a in report.alternatives)
        lines += _wrap(f"chosen: {report.chosen} (alternatives: {options})", "")

    definite = [c for c in report.conflicts if not c.conditional]
    possible = [c for c in report.conflicts if c.conditional]
    if definite:
        lines += ["", f"conflicts ({len(definite)}):"]
        for f in definite:
            lines += _finding(f)
    if possible:
        lines += ["", f"to review ({len(possible)}): these may forbid the use"]
        for f in possible:
            lines += _finding(f)
    if report.unknown_licenses:
        lines += ["", f"unknown licenses ({len(report.unknown_licenses)}):"]
        for u in report.unknown_licenses:
            hint = f"; did you mean {', '.join(u.suggestions)}?" if u.suggestions else ""
            lines += _wrap(f"- `{u.key}`: {u.reason}{hint}", "  ")
    if report.obligations:
        lines += ["", f"obligations ({len(report.obligations)}):"]
        for f in report.obligations:
            lines += _finding(f)
    if report.missing_facts:
        lines += ["", f"missing facts ({len(report.missing_facts)}):"]
        for m in report.missing_facts:
            lines += _wrap(f"- {m.question}", "  ")
    lines += ["", *textwrap.wrap(report.notice, width=_WIDTH)]
    return "\n".join(lines) + "\n"
