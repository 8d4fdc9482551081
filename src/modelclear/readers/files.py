"""Reading one named text file safely: inside its folder, a regular file, of bounded size."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import InputError

#: The largest card, LICENSE file or config modelclear reads (checked before reading).
MAX_TEXT_BYTES = 2 * 1024 * 1024


def read_inside(path: Path, root: Path | None = None, *, limit: int = MAX_TEXT_BYTES) -> str:
    """The UTF-8 text of ``path``; ``InputError`` naming the file and the reason otherwise.

    With ``root``, a path whose real location is outside ``root`` (a symlink out of the folder)
    is refused. FIFOs, devices and sockets are refused without being opened for reading, and
    the size is checked before the file is read.
    """
    label = str(path)
    try:
        real = path.resolve(strict=True)
    except FileNotFoundError:
        raise InputError(f"{label}: no such file") from None
    except (OSError, RuntimeError) as err:  # RuntimeError: a symlink loop on older Pythons
        raise InputError(f"{label}: cannot be resolved ({err})") from None
    if root is not None:
        base = root.resolve()
        if real != base and base not in real.parents:
            raise InputError(f"{label}: links outside the model folder; not followed")
    try:
        info = os.stat(real)
    except OSError as err:
        raise InputError(f"{label}: cannot be read: {err.strerror or err}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{label}: is a directory, expected a text file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{label}: not a regular file (a FIFO, device or socket); not read")
    if info.st_size > limit:
        raise InputError(
            f"{label}: {info.st_size:,} bytes, larger than the {limit:,}-byte limit for text files"
        )
    try:
        with open(real, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as err:
        raise InputError(f"{label}: cannot be read: {err.strerror or err}") from None
    if len(data) > limit:
        raise InputError(f"{label}: larger than the {limit:,}-byte limit for text files")
    if b"\x00" in data:
        raise InputError(f"{label}: a binary file, expected text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"{label}: not UTF-8 text ({err.reason} at byte {err.start})") from None
