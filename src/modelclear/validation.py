"""Turning pydantic validation errors and YAML faults into one-line messages a user can act on.

Message style: location first, parts joined with colons, user values in backticks, e.g.
``profile.yaml: monthly_active_users: must be a whole number >= 0, got `-5```.
"""

from __future__ import annotations

import difflib
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

# Tags of discriminated unions appear in pydantic's error locations; they are not field names.
_UNION_TAGS = frozenset({"all-of", "any-of", "not-of", "comparison", "always"})

# The C loader is the same safe loader, only faster; it is absent on some builds of PyYAML.
_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def format_location(loc: Iterable[int | str]) -> str:
    """``("clauses", 3, "when")`` -> ``clauses[3].when``; union tags are dropped."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in _UNION_TAGS or part.startswith("function-"):
            continue
        else:
            out += f".{part}" if out else part
    return out


def _shown(value: object) -> str:
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"`{text}`"


def describe_errors(
    err: ValidationError, where: str, *, fields: Iterable[str] | None = None
) -> list[str]:
    """One message per fault in ``err``, each prefixed by ``where`` (a file name or a label).

    ``fields`` are the allowed field names at the top level, used to suggest a close match
    when a key is unknown.
    """
    allowed = sorted(fields) if fields is not None else None
    messages: list[str] = []
    errors = err.errors(include_url=False)
    failed_inside = [e["loc"] for e in errors]
    for e in errors:
        if e["type"] == "too_short" and any(
            len(other) > len(e["loc"]) and other[: len(e["loc"])] == e["loc"]
            for other in failed_inside
        ):
            continue  # a list that is short only because an item inside it failed
        loc = format_location(e["loc"])
        kind = e["type"]
        if kind == "extra_forbidden":
            name = str(e["loc"][-1]) if e["loc"] else "?"
            parent = format_location(e["loc"][:-1])
            text = f"unknown field `{name}`"
            if allowed is not None and not parent:
                close = difflib.get_close_matches(name, allowed, n=1)
                if close:
                    text += f" (did you mean `{close[0]}`?)"
                text += "; allowed: " + ", ".join(allowed)
            messages.append(": ".join(p for p in (where, parent, text) if p))
            continue
        msg = e["msg"]
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, ") :]
        elif msg.startswith("Assertion failed, "):
            msg = msg[len("Assertion failed, ") :]
        msg = msg[:1].lower() + msg[1:]
        if kind != "missing" and "input" in e and not kind.startswith("value_error"):
            msg += f", got {_shown(e['input'])}"
        messages.append(": ".join(p for p in (where, loc, msg) if p))
    return messages


def validate_model(
    model: type[BaseModel], data: object, where: str, *, context: Mapping[str, Any] | None = None
) -> tuple[BaseModel | None, list[str]]:
    """Validate ``data`` as ``model``; return the instance or the list of problems."""
    try:
        return model.model_validate(data, context=dict(context) if context else None), []
    except ValidationError as err:
        return None, describe_errors(err, where, fields=model.model_fields)


#: The most nodes a YAML document may hold once its aliases are expanded, and its deepest
#: nesting: a profile or record is far smaller; an alias bomb ("billion laughs") is refused.
MAX_YAML_NODES = 100_000
MAX_YAML_DEPTH = 64
#: The largest YAML file read (checked before reading).
MAX_YAML_BYTES = 4 * 1024 * 1024


def _check_expansion(text: str, where: str) -> None:
    """Count the nodes the document stands for, aliases expanded, without building it."""
    sizes: dict[str, int] = {}
    stack: list[list[Any]] = [[0, None]]
    total = 0
    for event in yaml.parse(text, Loader=_SafeLoader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            stack.append([1, event.anchor])
            if len(stack) > MAX_YAML_DEPTH:
                raise ValueError(f"{where}: nested deeper than {MAX_YAML_DEPTH} levels")
            continue
        if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            size, anchor = stack.pop()
            if anchor:
                sizes[anchor] = size
            stack[-1][0] += size
        elif isinstance(event, yaml.ScalarEvent):
            stack[-1][0] += 1
            if event.anchor:
                sizes[event.anchor] = 1
        elif isinstance(event, yaml.AliasEvent):
            stack[-1][0] += sizes.get(event.anchor or "", 1)
        else:
            continue
        total = sum(level[0] for level in stack)
        if total > MAX_YAML_NODES:
            raise ValueError(
                f"{where}: more than {MAX_YAML_NODES:,} values once its aliases are expanded "
                "(an alias bomb?); not read"
            )


def load_yaml_text(text: str, where: str) -> object:
    """Parse YAML safely (no object construction); raise ``ValueError`` naming the line.

    Documents that expand to more than ``MAX_YAML_NODES`` values or nest deeper than
    ``MAX_YAML_DEPTH`` are refused before they are built.
    """
    try:
        if "&" in text or len(text) > 65536 or text.count("[") + text.count("{") > 32:
            _check_expansion(text, where)
        # SafeLoader (or its C twin): the same safe subset as yaml.safe_load, no object tags.
        return yaml.load(text, Loader=_SafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        at = f"line {mark.line + 1}: " if mark is not None else ""
        raise ValueError(f"{where}: {at}malformed YAML: {problem}") from None


def read_text(path: Path, where: str | None = None) -> str:
    """Read a UTF-8 file; raise ``ValueError`` with a one-line reason when it cannot be read."""
    label = where or str(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ValueError(f"{label}: is a directory, expected a YAML file")
        if not stat.S_ISREG(info.st_mode):
            raise ValueError(f"{label}: not a regular file (a FIFO, device or socket); not read")
        if info.st_size > MAX_YAML_BYTES:
            raise ValueError(
                f"{label}: {info.st_size:,} bytes, larger than the {MAX_YAML_BYTES:,}-byte limit"
            )
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValueError(f"{label}: no such file") from None
    except IsADirectoryError:
        raise ValueError(f"{label}: is a directory, expected a YAML file") from None
    except PermissionError:
        raise ValueError(f"{label}: permission denied") from None
    except UnicodeDecodeError as err:
        raise ValueError(f"{label}: not UTF-8 text ({err.reason} at byte {err.start})") from None
    except OSError as err:
        raise ValueError(f"{label}: cannot be read: {err.strerror or err}") from None
