"""A local model folder or card file turned into a ``ModelInfo``, with what could not be settled.

The readers say what the files declare; this module decides which license expression they
stand for, in this order: the card's ``license`` key(s); for ``other`` (or none), its
``license_name``, then its ``license_link`` (a known official URL), then identification of the
folder's LICENSE file. A card's list of licenses is read as all of them applying (AND), the
cautious reading. A LICENSE file that names another license adds it (AND) with a note; one that
cannot be identified, or that holds text its license does not account for, makes the check need
review, quoting what was found.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .database import Database
from .errors import InputError
from .identification import Identification, identify, identify_reference
from .model import ModelInfo
from .readers import (
    LICENSE_TEXT_FILES,
    CardFacts,
    FolderFacts,
    read_card,
    read_folder,
    read_inside,
)
from .report import Note, UnknownLicense


@dataclass(frozen=True)
class Described:
    """A model read from files, with the notes and open questions reading it raised."""

    model: ModelInfo
    notes: tuple[Note, ...] = ()
    open_questions: tuple[UnknownLicense, ...] = ()


def is_path(text: str) -> bool:
    """Whether a check argument names a local folder or card file rather than an id."""
    try:
        path = Path(text).expanduser()
        named = text.startswith((".", "/", "~")) and (path.is_dir() or path.is_file())
        # `org/name` that is no registry id but a folder here: a downloaded model. A bare word
        # (`mit`) is never read as a folder, whatever the current folder holds.
        downloaded = "/" in text and path.is_dir()
        return named or downloaded or (text.lower().endswith(".md") and path.is_file())
    except (RuntimeError, OSError, ValueError):  # `~nobody`, names too long, NUL bytes
        return False


def describe_path(text: str, db: Database) -> Described:
    """Read a model folder, or a single card file, into a ``ModelInfo``."""
    path = Path(text).expanduser()
    if path.is_dir():
        return _from_folder(read_folder(path), db)
    card = read_card(read_inside(path), str(path))
    return _from_folder(FolderFacts(path=str(path), card=card), db)


def _from_folder(folder: FolderFacts, db: Database) -> Described:
    notes: list[Note] = []
    questions: list[UnknownLicense] = []
    card = folder.card or CardFacts(has_front_matter=False)
    parts = [key for key in card.licenses if key.lower() != "other"]
    other = any(key.lower() == "other" for key in card.licenses)
    if (other or not parts) and (card.license_name or card.license_link):
        found = identify_reference(card.license_name, card.license_link, db)
        if found.license:
            parts.append(found.license)
        elif card.license_name:
            parts.append(card.license_name)  # unknown to the database: reported as such
        other = False
    if other and folder.license_texts:
        other = False  # the LICENSE file below says what `other` is, or is reported
    if other:
        parts.append("other")  # a license named nowhere: the `other` record needs review
    for name, text in folder.license_texts.items():
        if name not in LICENSE_TEXT_FILES:
            continue
        result = identify(text, db)
        where = f"{folder.path}/{name}"
        if result.license is None:
            questions.append(_not_identified(where, result))
            continue
        declared = {lic.id for lic in map(db.license, parts) if lic is not None}
        if result.license not in declared:
            if parts:
                notes.append(
                    Note(
                        kind="license-file",
                        model=folder.path,
                        message=f"{where} is the text of `{result.license}` (confidence "
                        f"{result.confidence}), which the card does not declare; both are checked",
                    )
                )
            parts.append(result.license)
        for span in result.unexplained:
            questions.append(
                UnknownLicense(
                    key=where,
                    reason=f"lines {span.first_line}-{span.last_line} hold {span.words} words that "
                    f"`{result.license}` does not account for (an addition to the license?): "
                    f'"{span.excerpt}"',
                )
            )
    bases: list[ModelInfo | str] = list(card.base_models)
    relation = card.relation
    if folder.adapter is not None:
        if not bases and folder.adapter.base_model:
            bases.append(folder.adapter.base_model)
        relation = relation or "adapter"
    if not parts and relation in ("adapter", "quantized") and not card.licenses:
        # An adapter or quantization that declares nothing keeps its base's terms.
        inherited = [m.license for m in map(db.model, map(str, bases)) if m is not None]
        if inherited and len(inherited) == len(bases):
            parts += inherited
            notes.append(
                Note(
                    kind="input",
                    model=folder.path,
                    message=f"declares no license of its own; the {relation} keeps the terms "
                    "of its base",
                )
            )
    if not parts:
        parts.append("other" if card.licenses or card.license_name else "unknown")
    expression = " AND ".join(f"({p})" if " or " in p.lower() else p for p in dict.fromkeys(parts))
    adapter_base = folder.adapter.base_model if folder.adapter is not None else None
    named = {b.lower() for b in card.base_models}
    if named and adapter_base and adapter_base.lower() not in named:
        notes.append(
            Note(
                kind="input",
                model=folder.path,
                message=f"adapter_config.json names base `{adapter_base}`, the card names "
                f"{', '.join(card.base_models)}; both are checked",
            )
        )
        bases.append(adapter_base)
    try:
        model = ModelInfo(id=folder.path, license=expression, base_models=bases, relation=relation)
    except ValueError as err:
        raise InputError(f"{folder.path}: {err}") from None
    return Described(model, tuple(notes), tuple(questions))


def _not_identified(where: str, result: Identification) -> UnknownLicense:
    if result.ambiguous:
        reason = f"cannot be told apart between {' and '.join(result.ambiguous)}"
    else:
        reason = f"not a license text modelclear can identify (confidence {result.confidence})"
    return UnknownLicense(key=where, reason=reason, suggestions=result.ambiguous)
