"""A local model folder: its card, adapter config and LICENSE files, read as text only."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict

from ..errors import InputError
from .adapter import AdapterFacts, read_adapter_config
from .card import CardFacts, read_card
from .files import read_inside

#: The files holding a license text, in the order they are read.
LICENSE_TEXT_FILES = (
    "LICENSE",
    "LICENSE.txt",
    "LICENSE.md",
    "LICENSE-MODEL",
    "LICENCE",
    "LICENCE.txt",
    "LICENCE.md",
)
#: The files a folder's terms are read from; nothing else is opened. A use policy is read as
#: part of its license, not identified on its own.
LICENSE_FILES = (*LICENSE_TEXT_FILES, "USE_POLICY.md")
CARD_FILE = "README.md"
ADAPTER_FILE = "adapter_config.json"


class FolderFacts(BaseModel):
    """What a model folder says about its terms."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    path: str
    card: CardFacts | None = None
    adapter: AdapterFacts | None = None
    license_texts: dict[str, str] = {}


def read_folder(path: str | Path) -> FolderFacts:
    """Read the card, the adapter config and the LICENSE files of a model folder.

    Only the files named in ``CARD_FILE``, ``ADAPTER_FILE`` and ``LICENSE_FILES`` are read;
    weights, code and pickles are never opened. A named file that is a link out of the folder,
    not a regular file or too large is an ``InputError``.
    """
    root = Path(path)
    if not root.is_dir():
        raise InputError(f"{root}: not a model folder")
    card = adapter = None
    readme = root / CARD_FILE
    if readme.exists() or readme.is_symlink():
        card = read_card(read_inside(readme, root), str(readme))
    config = root / ADAPTER_FILE
    if config.exists() or config.is_symlink():
        adapter = read_adapter_config(read_inside(config, root), str(config))
    texts = {}
    for name in LICENSE_FILES:
        candidate = root / name
        if candidate.exists() or candidate.is_symlink():
            texts[name] = read_inside(candidate, root)
    if card is None and adapter is None and not texts:
        raise InputError(
            f"{root}: holds no {CARD_FILE}, {ADAPTER_FILE} or LICENSE file to read terms from"
        )
    return FolderFacts(path=str(root), card=card, adapter=adapter, license_texts=texts)
