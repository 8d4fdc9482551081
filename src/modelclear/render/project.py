"""A project's combined checklist as text, markdown, SARIF 2.1.0, JUnit XML and GitHub
workflow commands. Pure functions of a ``ProjectReport``: they format and never decide."""

from __future__ import annotations

import hashlib
import json
import textwrap
from xml.sax.saxutils import escape, quoteattr

from .._version import __version__
from ..project import ModelResult, ProjectReport
from ..report import Finding
from ..vocab import Verdict
from .text import render_text

_MARK = {
    Verdict.ALLOWED: "allowed",
    Verdict.ALLOWED_WITH_OBLIGATIONS: "allowed with obligations",
    Verdict.NEEDS_REVIEW: "needs review",
    Verdict.CONFLICT: "conflict",
}


def _gate(passes: bool) -> str:
    return "passes" if passes else "fails"


# --------------------------------------------------------------------------- text


def render_project_text(project: ProjectReport) -> str:
    lines = [
        f"project: {project.manifest}",
        f"gate: {_gate(project.passes)} ({_MARK[project.verdict]}, after policy)",
        "",
    ]
    for r in project.results:
        lines.append(f"== {r.model}: {_MARK[r.policy.verdict]}, gate {_gate(r.policy.passes)}")
        lines += [f"   policy: {d}" for d in r.policy.denied]
        lines += [f"   acknowledged: {a}" for a in r.policy.acknowledged]
        lines += [f"   acknowledgement expired: {a}" for a in r.policy.expired]
        lines += [f"   acknowledgement no longer matches: {a}" for a in r.policy.stale]
        body = render_text(r.report).rstrip("\n").split("\n")
        lines += ["   " + line if line else "" for line in body[: -_notice_lines(r)]]
        lines.append("")
    if project.unmatched_acknowledgements:
        lines.append("acknowledgements that matched no finding:")
        lines += [f"  - {a}" for a in project.unmatched_acknowledgements]
        lines.append("")
    lines += textwrap.wrap(project.notice, width=100)
    return "\n".join(lines) + "\n"


def _notice_lines(r: ModelResult) -> int:
    # render_text ends with a blank line and the wrapped notice; the project prints it once.
    return len(textwrap.wrap(r.report.notice, width=100)) + 1


# --------------------------------------------------------------------------- markdown


def _cite(f: Finding) -> str:
    return f"[{f.citation.section}]({f.citation.url})"


def _ref(f: Finding) -> str:
    return f"`{f.kind.value}` [{f.license}/{f.clause}]"


def _acknowledged(r: ModelResult, f: Finding) -> bool:
    """Whether the policy acknowledged ``f``: listed with a mark, or left out, never as live."""
    return f.ref in r.policy.acknowledged


def render_project_markdown(project: ProjectReport) -> str:
    out = [
        "# Release checklist",
        "",
        f"Manifest: `{project.manifest}`. Gate: **{_gate(project.passes)}** "
        f"({_MARK[project.verdict]} after policy).",
        "",
    ]
    ordered = sorted(project.results, key=lambda r: -r.policy.verdict.rank)
    for r in ordered:
        rep = r.report
        out += [f"## `{r.model}`: {_MARK[r.policy.verdict]}", ""]
        out += _mermaid(r)
        for d in r.policy.denied:
            out.append(f"- **Policy:** {d}")
        definite = [c for c in rep.conflicts if not c.conditional]
        review = [c for c in rep.conflicts if c.conditional]
        for c in definite:
            why = f" ({'; '.join(c.because)})" if c.because else ""
            ack = " *(acknowledged)*" if _acknowledged(r, c) else ""
            out.append(f"- **Conflict** {_ref(c)}: {c.summary}{why}{ack} {_cite(c)}")
        for c in review:
            ack = " *(acknowledged)*" if _acknowledged(r, c) else ""
            turns = f" Turns on: {c.qualifier}." if c.qualifier else ""
            out.append(f"- **Review** {_ref(c)}: {c.summary}{turns}{ack} {_cite(c)}")
        for u in rep.unknown_licenses:
            out.append(f"- **Unknown** `{u.key}`: {u.reason}")
        for m in rep.missing_facts:
            out.append(f"- **Missing fact** `{m.field}`: {m.question}")
        for o in rep.obligations:
            cond = f" (if {o.condition})" if o.condition else ""
            out.append(
                f"- [ ] `{o.kind.value}` [{o.license}/{o.clause}]: {o.summary}{cond} {_cite(o)}"
            )
        for n in rep.notes:
            out.append(f"- *Note ({n.kind}):* {n.message}")
        out.append("")
    if project.unmatched_acknowledgements:
        out += ["## Acknowledgements that matched no finding", ""]
        out += [f"- {a}" for a in project.unmatched_acknowledgements]
        out.append("")
    out.append(f"*{project.notice}*")
    return "\n".join(out) + "\n"


def _mermaid(r: ModelResult) -> list[str]:
    steps = r.report.lineage
    if len(steps) < 2:
        return []
    ids = {s.model: f"m{i}" for i, s in enumerate(steps)}
    lines = ["```mermaid", "graph TD"]
    for s in steps:
        lines.append(f'  {ids[s.model]}["{s.model}<br/>{s.license}"]')
    for s in steps:
        for b in s.base_models:
            if b in ids:
                lines.append(f"  {ids[s.model]} --> {ids[b]}")
    return [*lines, "```", ""]


# --------------------------------------------------------------------------- SARIF

_RULES = {
    "conflict": ("License term forbids the declared use", "error"),
    "review": ("License term may forbid the declared use: needs review", "warning"),
    "unknown-license": ("License or base model not known: needs review", "warning"),
    "policy": ("House policy denies the license", "error"),
    "obligation": ("Obligation the release must meet", "note"),
}


def _result(rule: str, text: str, uri: str, line: int, key: str) -> dict[str, object]:
    return {
        "ruleId": rule,
        "level": _RULES[rule][1],
        "message": {"text": text},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": {"startLine": max(line, 1)},
                }
            }
        ],
        "partialFingerprints": {
            "primaryLocationLineHash": hashlib.sha256(key.encode()).hexdigest()[:16]
        },
    }


def render_project_sarif(project: ProjectReport, uri: str | None = None) -> str:
    where = uri or (project.manifest or "modelclear.yaml")
    results: list[dict[str, object]] = []
    for r in project.results:
        for d in r.policy.denied:
            results.append(_result("policy", f"{r.model}: {d}", where, r.line, f"{r.model}|{d}"))
        for c in r.report.conflicts:
            if _acknowledged(r, c):
                continue
            rule = "review" if c.conditional else "conflict"
            text = f"{r.model}: {_ref(c)}: {c.summary} ({c.citation.section})"
            results.append(_result(rule, text, where, r.line, f"{r.model}|{c.ref}"))
        for u in r.report.unknown_licenses:
            results.append(
                _result(
                    "unknown-license",
                    f"{r.model}: `{u.key}`: {u.reason}",
                    where,
                    r.line,
                    f"{r.model}|{u.key}",
                )
            )
        for o in r.report.obligations:
            text = f"{r.model}: {o.kind.value} [{o.license}/{o.clause}]: {o.summary}"
            results.append(_result("obligation", text, where, r.line, f"{r.model}|{o.ref}"))
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "modelclear",
                        "semanticVersion": __version__,
                        "informationUri": "https://pypi.org/project/modelclear/",
                        "rules": [
                            {
                                "id": rid,
                                "shortDescription": {"text": short},
                                "fullDescription": {"text": f"{short}. {project.notice}"},
                                "help": {
                                    "text": "See the finding's citation; the license text governs."
                                },
                                "defaultConfiguration": {"level": level},
                            }
                            for rid, (short, level) in _RULES.items()
                        ],
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(doc, indent=2) + "\n"


# --------------------------------------------------------------------------- JUnit


def render_project_junit(project: ProjectReport) -> str:
    cases = []
    failures = 0
    for r in project.results:
        name = quoteattr(r.model)
        if r.policy.passes:
            cases.append(f'    <testcase classname="modelclear" name={name} time="0"/>')
            continue
        failures += 1
        problems = [*r.policy.denied, *r.policy.expired, *r.policy.stale]
        problems += [
            f"{c.kind.value} [{c.license}/{c.clause}]: {c.summary}"
            for c in r.report.conflicts
            if not _acknowledged(r, c)
        ]
        problems += [f"{u.key}: {u.reason}" for u in r.report.unknown_licenses]
        message = quoteattr(f"{_MARK[r.policy.verdict]}")
        cases.append(
            f'    <testcase classname="modelclear" name={name} time="0">\n'
            f"      <failure message={message}>{escape(chr(10).join(problems))}</failure>\n"
            "    </testcase>"
        )
    head = (
        '<?xml version="1.0" encoding="utf-8"?>\n<testsuites>\n'
        f'  <testsuite name="modelclear" tests="{len(project.results)}" failures="{failures}" '
        'errors="0" skipped="0" time="0">'
    )
    return "\n".join([head, *cases, "  </testsuite>", "</testsuites>"]) + "\n"


# --------------------------------------------------------------------------- GitHub


def _gh(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def render_project_github(project: ProjectReport) -> str:
    lines = []
    file = _gh(project.manifest or "modelclear.yaml", prop=True)
    for r in project.results:
        loc = f"file={file},line={max(r.line, 1)}"
        for d in r.policy.denied:
            lines.append(
                f"::error {loc},title={_gh('policy', prop=True)}::{_gh(f'{r.model}: {d}')}"
            )
        for c in r.report.conflicts:
            if _acknowledged(r, c):
                continue
            level = "warning" if c.conditional else "error"
            title = _gh(c.ref, prop=True)
            lines.append(f"::{level} {loc},title={title}::{_gh(f'{r.model}: {c.summary}')}")
        for u in r.report.unknown_licenses:
            lines.append(f"::warning {loc},title=unknown::{_gh(f'{r.model}: {u.key}: {u.reason}')}")
    lines.append(f"::notice ::{_gh('modelclear gate ' + _gate(project.passes))}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- NOTICE

_NOTICE_KINDS = (
    "include-license-text",
    "retain-notices",
    "display-attribution",
    "name-prefix",
    "pass-on-use-restrictions",
    "state-modifications",
    "include-warranty-disclaimer",
    "no-downstream-restrictions",
)


def render_notice(project: ProjectReport, licenses: dict[str, tuple[str, ...]]) -> str:
    """What the release must ship, per model: the notices, license texts (by official URL),
    attribution strings and naming rules its obligations ask for. ``licenses`` maps a license
    id to its official URLs. Deterministic: the same project gives the same bytes."""
    out = [
        "NOTICE: what this release ships to meet the licenses of its models",
        "",
        "Prepared by modelclear from each license's obligations; the license texts govern.",
        "No license text is reproduced here: include each text from the official address given,",
        "or the copy the model folder already carries.",
        "",
    ]
    for r in sorted(project.results, key=lambda r: r.model.lower()):
        duties = [o for o in r.report.obligations if o.kind.value in _NOTICE_KINDS]
        out.append(f"== {r.model}")
        out.append(f"   licenses: {r.report.license_expression or '-'}")
        for lic in r.report.licenses:
            for url in licenses.get(lic, ()):
                out.append(f"   license text ({lic}): {url}")
        for o in sorted(duties, key=lambda o: (o.license, o.clause)):
            when = f" [if {o.condition}]" if o.condition else ""
            out += textwrap.wrap(
                f"- {o.kind.value} ({o.license} {o.citation.section}){when}: {o.summary}",
                width=100,
                initial_indent="   ",
                subsequent_indent="     ",
            )
        if not duties:
            out.append("   no notice, attribution or license-copy duty for the declared use")
        out.append("")
    out += textwrap.wrap(project.notice, width=100)
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- HTML

_CSS = """
body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccc}
.v{display:inline-block;padding:0 .4rem;border-radius:.3rem;font-weight:600}
.conflict{background:#fdd}.needs-review{background:#ffe9b3}.allowed,.allowed-with-obligations{background:#dfd}
li{margin:.3rem 0}code{font-size:.9em}svg{display:block;margin:.5rem 0}
.notice{margin-top:2rem;font-style:italic;color:#444}
@media print{body{margin:0}a{color:#000}}
"""


def _h(text: object) -> str:
    return escape(str(text), {'"': "&quot;"})


def _svg(r: ModelResult) -> str:
    """The lineage as a vertical chain of boxes, drawn without scripts."""
    steps = r.report.lineage
    if len(steps) < 2:
        return ""
    height = 56 * len(steps)
    parts = [f'<svg width="560" height="{height}" role="img" aria-label="lineage">']
    for i, s in enumerate(steps):
        y = 8 + 56 * i
        parts.append(
            f'<rect x="4" y="{y}" width="552" height="36" rx="6" fill="#f4f4f8" stroke="#889"/>'
            f'<text x="14" y="{y + 23}" font-size="13">{_h(s.model)} — {_h(s.license)}</text>'
        )
        if i:
            parts.append(
                f'<line x1="280" y1="{y - 20}" x2="280" y2="{y}" stroke="#889" stroke-width="2"/>'
            )
    return "".join(parts) + "</svg>"


def render_project_html(project: ProjectReport) -> str:
    """One self-contained page for a legal reviewer: no scripts, no network, prints cleanly."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>modelclear release checklist</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>Release checklist</h1>",
        f"<p>Manifest: <code>{_h(project.manifest)}</code>. Gate: <strong>"
        f'{_gate(project.passes)}</strong> <span class="v {project.verdict.value}">'
        f"{_MARK[project.verdict]}</span></p>",
    ]
    for r in sorted(project.results, key=lambda r: -r.policy.verdict.rank):
        rep = r.report
        out.append(
            f'<h2><code>{_h(r.model)}</code> <span class="v {r.policy.verdict.value}">'
            f"{_MARK[r.policy.verdict]}</span></h2>"
        )
        out.append(_svg(r))
        items = [f"<li><strong>Policy:</strong> {_h(d)}</li>" for d in r.policy.denied]
        for c in rep.conflicts:
            label = "Review" if c.conditional else "Conflict"
            turns = f" <em>Turns on: {_h(c.qualifier)}.</em>" if c.qualifier else ""
            ack = " <em>(acknowledged)</em>" if _acknowledged(r, c) else ""
            items.append(
                f"<li><strong>{label}</strong> <code>{_h(c.kind.value)}</code> "
                f"[{_h(c.license)}/{_h(c.clause)}]: {_h(c.summary)}{turns}{ack} "
                f'<a href="{_h(c.citation.url)}">{_h(c.citation.section)}</a></li>'
            )
        items += [
            f"<li><strong>Unknown</strong> <code>{_h(u.key)}</code>: {_h(u.reason)}</li>"
            for u in rep.unknown_licenses
        ]
        items += [
            f"<li><strong>Missing fact</strong> {_h(m.question)}</li>" for m in rep.missing_facts
        ]
        for o in rep.obligations:
            cond = f" (if {_h(o.condition)})" if o.condition else ""
            items.append(
                f"<li>☐ <code>{_h(o.kind.value)}</code> [{_h(o.license)}/{_h(o.clause)}]: "
                f'{_h(o.summary)}{cond} <a href="{_h(o.citation.url)}">{_h(o.citation.section)}</a>'
                "</li>"
            )
        out.append("<ul>" + "".join(items) + "</ul>" if items else "<p>No finding.</p>")
    out.append(f'<p class="notice">{_h(project.notice)}</p></body></html>')
    return "\n".join(out) + "\n"


__all__ = [
    "render_notice",
    "render_project_github",
    "render_project_html",
    "render_project_junit",
    "render_project_markdown",
    "render_project_sarif",
    "render_project_text",
]
