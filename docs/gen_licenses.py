"""Print docs/reference/licenses.md from the license database.

    python docs/gen_licenses.py > docs/reference/licenses.md

The test suite fails when the committed page differs from what this prints.
"""

from __future__ import annotations

from modelclear import load_database
from modelclear.catalog import row
from modelclear.conditions import describe


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render() -> str:
    db = load_database()
    out = [
        "# Licenses",
        "",
        "Generated from the license database by `docs/gen_licenses.py`; do not edit by hand.",
        "Summaries are modelclear's own words; the license texts govern. Not legal advice.",
        "",
        "| id | name | version | openness | commercial use | thresholds | publisher |",
        "|---|---|---|---|---|---|---|",
    ]
    for lic in db:
        r = row(lic)
        openness = r.openness.value if r.openness else ""
        commercial = r.commercial_use.value if r.commercial_use else ""
        limits = "; ".join(r.thresholds)
        out.append(
            f"| `{lic.id}` | {_cell(lic.name)} | {lic.version or ''} | {openness} | {commercial} "
            f"| {_cell(limits)} | {_cell(lic.publisher)} |"
        )
    for lic in db:
        out += ["", f"## {lic.id}", "", f"**{lic.name}** ({lic.publisher})", ""]
        out.append(f"- Official text: {', '.join(lic.urls)}")
        if lic.use_policy_url:
            out.append(f"- Use policy: {lic.use_policy_url}")
        out.append(f"- Also known as: {', '.join(f'`{n}`' for n in lic.names[1:]) or '-'}")
        out.append(f"- Binds derivatives: {'yes' if lic.binds_derivatives else 'no'}")
        if lic.openness_basis:
            level = lic.openness.value if lic.openness else "-"
            out.append(f"- Openness: {level}: {_cell(lic.openness_basis)}")
        if lic.members:
            out.append(f"- Family of: {', '.join(f'`{m}`' for m in lic.members)}")
        if not lic.verified:
            out.append("- Text not verified at its source: every check needs review")
        read = sorted({str(p.read_on) for p in lic.provenance})
        out.append(f"- Checked against the text read on: {', '.join(read)}")
        if lic.notes:
            out += ["", _cell(lic.notes)]
        out += ["", "| clause | kind | when | source |", "|---|---|---|---|"]
        for c in lic.clauses:
            kind = f"{c.kind.value}: `{c.finding_kind.value}`"
            out.append(
                f"| `{c.id}` | {kind} | {_cell(describe(c.when))} "
                f"| [{_cell(c.citation.section)}]({c.citation.url}) |"
            )
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(render(), end="")
