"""Renderers: pure functions from a ``Report`` to text. They format; they never decide."""

from __future__ import annotations

from .json import render_json
from .text import render_text

__all__ = ["render_json", "render_text"]
