"""From what the user named to the licenses that bind it: a model and the models it came from.

A fine-tune, adapter, merge or quantization of a model stays bound by its base model's license
(when that license binds derivatives), so a check covers the whole chain.
"""

from __future__ import annotations

from dataclasses import dataclass

from .database import Database
from .model import ModelFacts, ModelRecord


@dataclass(frozen=True)
class Node:
    """One declared license in the chain: whose it is and the expression as written."""

    origin: str | None  # the model id, or None when a license was named directly
    expression: str
    is_base: bool = False


@dataclass(frozen=True)
class Subject:
    """What a check is about."""

    text: str
    model: ModelRecord | None
    chain: tuple[ModelRecord, ...]  # the model first, then its bases, each once
    nodes: tuple[Node, ...]
    facts: ModelFacts


def resolve(text: str, db: Database) -> Subject:
    """A known model id gives its lineage; anything else is read as a license expression."""
    record = db.model(text)
    if record is None:
        return Subject(text, None, (), (Node(None, text.strip()),), ModelFacts())
    chain = _walk(record, db)
    nodes = tuple(Node(m.id, m.license, is_base=i > 0) for i, m in enumerate(chain))
    return Subject(text, record, chain, nodes, record.facts)


def _walk(record: ModelRecord, db: Database) -> tuple[ModelRecord, ...]:
    """Breadth-first over base models; each model once, even in diamond-shaped merges."""
    order: list[ModelRecord] = [record]
    seen = {record.id}
    queue = [record]
    while queue:
        current = queue.pop(0)
        for base_id in current.base_models:
            base = db.model(base_id)
            if base is not None and base.id not in seen:
                seen.add(base.id)
                order.append(base)
                queue.append(base)
    return tuple(order)
