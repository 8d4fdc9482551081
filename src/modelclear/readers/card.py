"""Model cards: the YAML front matter of a Hugging Face ``README.md``.

Only the keys that bear on terms are kept: ``license`` (a string or a list), ``license_name``,
``license_link``, ``base_model`` (a string or a list) and ``base_model_relation``.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

from ..errors import InputError
from ..validation import load_yaml_text
from ..vocab import RELATIONS, Relation

# The first block between two `---` lines; leading whitespace, CRLF/CR and trailing spaces after
# the closing `---` are tolerated, as the Hub's own reader does.
_FRONT_MATTER = re.compile(r"\A\s*---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


class CardFacts(BaseModel):
    """What a card declares about its terms and lineage."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    licenses: tuple[str, ...] = ()
    license_name: str | None = None
    license_link: str | None = None
    base_models: tuple[str, ...] = ()
    relation: Relation | None = None
    has_front_matter: bool = True


def _strings(value: object, key: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise InputError(
                f"{where}: {key}: expected a string or a list of strings, got `{item!r}`"
            )
        out.append(item.strip())
    return tuple(out)


def read_card(text: str, where: str = "README.md") -> CardFacts:
    """The terms-related facts of a card; a card without front matter declares nothing."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return CardFacts(has_front_matter=False)
    try:
        data = load_yaml_text(match.group(1), where)
    except ValueError as err:
        raise InputError(str(err)) from None
    if data is None:
        return CardFacts()
    if not isinstance(data, dict):
        raise InputError(f"{where}: front matter: expected a mapping, got {type(data).__name__}")
    name = _strings(data.get("license_name"), "license_name", where)
    link = _strings(data.get("license_link"), "license_link", where)
    relation = data.get("base_model_relation")
    if relation is not None and relation not in RELATIONS:
        raise InputError(
            f"{where}: base_model_relation: `{relation}` is not one of {', '.join(RELATIONS)}"
        )
    return CardFacts(
        licenses=_strings(data.get("license"), "license", where),
        license_name=name[0] if name else None,
        license_link=link[0] if link else None,
        base_models=_strings(data.get("base_model"), "base_model", where),
        relation=relation,
    )
