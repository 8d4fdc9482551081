"""The report as JSON: the pydantic dump, with its schema version."""

from __future__ import annotations

from ..report import Report


def render_json(report: Report) -> str:
    return report.to_json(indent=2) + "\n"
