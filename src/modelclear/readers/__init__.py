"""Readers of outside formats: model cards, adapter configs, LICENSE files, model folders.

They return facts and never decide: what a card declares, which files a folder holds. Nothing
in a model folder is imported, unpickled or executed; only named text files are read, each up to
``MAX_TEXT_BYTES``, and no link that leads out of the folder is followed.
"""

from __future__ import annotations

from .adapter import AdapterFacts, read_adapter_config
from .card import CardFacts, read_card
from .files import MAX_TEXT_BYTES, read_inside
from .folder import LICENSE_FILES, LICENSE_TEXT_FILES, FolderFacts, read_folder

__all__ = [
    "LICENSE_FILES",
    "LICENSE_TEXT_FILES",
    "MAX_TEXT_BYTES",
    "AdapterFacts",
    "CardFacts",
    "FolderFacts",
    "read_adapter_config",
    "read_card",
    "read_folder",
    "read_inside",
]
