"""The license catalog and license diffs as text and markdown. Pure formatting."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from ..catalog import LicenseRow
from ..diff import ClauseView, LicenseDiff
from ..vocab import NOT_LEGAL_ADVICE


def _value(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


_COLUMNS = ("id", "version", "openness", "commercial_use", "binds_derivatives", "thresholds")
_HEADINGS = {
    "commercial_use": "commercial",
    "binds_derivatives": "binds derivatives",
}


def _cells(row: LicenseRow) -> list[str]:
    out = []
    for column in _COLUMNS:
        value = getattr(row, column)
        out.append("; ".join(value) or "-" if isinstance(value, tuple) else _value(value))
    return out


def render_catalog_text(rows: Sequence[LicenseRow]) -> str:
    table = [[_HEADINGS.get(c, c) for c in _COLUMNS], *(_cells(r) for r in rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(_COLUMNS) - 1)]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=False)) + "  " + line[-1]
        for line in table
    ]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_catalog_markdown(rows: Sequence[LicenseRow]) -> str:
    head = ["name", *(_HEADINGS.get(c, c) for c in _COLUMNS), "publisher"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        cells = _cells(r)
        cells[0] = f"`{cells[0]}`"
        lines.append("| " + " | ".join(_md(c) for c in [r.name, *cells, r.publisher]) + " |")
    return "\n".join(lines) + "\n"


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(
        text, 100, initial_indent=indent, subsequent_indent=indent + "  ", break_long_words=False
    )


def _view(prefix: str, v: ClauseView) -> list[str]:
    lines = _wrap(f"{prefix} {v.kind} {v.finding}, when {v.when} ({v.section})", "    ")
    if v.qualifier:
        lines += _wrap(f"turns on: {v.qualifier}", "      ")
    return lines


def render_diff_text(d: LicenseDiff) -> str:
    def version(v: str | None) -> str:
        return f" {v}" if v else ""

    lines = [f"{d.old}{version(d.old_version)} -> {d.new}{version(d.new_version)}"]
    if not d.same_family:
        lines.append("note: the two records are not versions of one family")
    if d.identical:
        lines.append("no differences in properties or clauses")
    for p in d.properties:
        lines.append(f"~ {p.field}: {p.before} -> {p.after}")
    for c in d.clauses:
        mark = {"added": "+", "removed": "-", "changed": "~"}[c.change]
        lines.append(
            f"{mark} {c.clause} ({c.change}{': ' + ', '.join(c.fields) if c.fields else ''})"
        )
        if c.before is not None:
            lines += _view("was:", c.before)
        if c.after is not None:
            lines += _view("now:" if c.before is not None else "new:", c.after)
            if c.before is None or "summary" in c.fields:
                lines += _wrap(c.after.summary, "      ")
    if d.unchanged:
        lines += textwrap.wrap(f"unchanged: {', '.join(d.unchanged)}", 100, subsequent_indent="  ")
    lines += ["", *textwrap.wrap(NOT_LEGAL_ADVICE, 100)]
    return "\n".join(lines) + "\n"
