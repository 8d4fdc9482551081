"""From what the user named to the licenses that bind it: a model and the models it came from.

A fine-tune, adapter, merge or quantization of a model stays bound by its base model's license
(when that license binds derivatives), so a check covers the whole chain. The chain comes from
the registry, from a ``ModelInfo`` built in code, or from both (a ``ModelInfo`` whose bases are
registry ids). A base that is neither is *unresolved*: its terms are unknown, and the check says
so (needs review). Chains deeper than ``MAX_DEPTH`` are an input error, not a loop.
"""

from __future__ import annotations

from dataclasses import dataclass

from .database import Database
from .errors import InputError
from .model import ModelFacts, ModelInfo, ModelRecord

#: The deepest lineage followed (model -> base -> base ...).
MAX_DEPTH = 32

#: Relations across which a base's facts (modalities) carry over to a model that declares none.
_KEEPS_FACTS = frozenset({"finetune", "adapter", "quantized", "merge", None})


@dataclass(frozen=True)
class Node:
    """One declared license in the chain: whose it is and the expression as written."""

    origin: str | None  # the model id, or None when a license was named directly
    expression: str
    is_base: bool = False


@dataclass(frozen=True)
class ChainModel:
    """A model in a lineage, whichever source described it."""

    id: str
    license: str
    base_models: tuple[str, ...]
    relation: str | None
    facts: ModelFacts
    registered: bool  # from the registry (True) or described by the caller (False)


@dataclass(frozen=True)
class Subject:
    """What a check is about."""

    text: str
    model: ChainModel | None
    chain: tuple[ChainModel, ...]  # the model first, then its bases, each once
    nodes: tuple[Node, ...]
    facts: ModelFacts
    unresolved: tuple[str, ...] = ()  # base ids that are neither in the registry nor described


def resolve(subject: str | ModelInfo, db: Database) -> Subject:
    """A known model id or a ``ModelInfo`` gives its lineage; any other text is read as a
    license expression."""
    if isinstance(subject, ModelInfo):
        chain, unresolved = _walk(subject, db)
        text = subject.id
    else:
        record = db.model(subject)
        if record is None:
            return Subject(subject, None, (), (Node(None, subject.strip()),), ModelFacts())
        chain, unresolved = _walk(record, db)
        text = subject
    nodes = tuple(Node(m.id, m.license, is_base=i > 0) for i, m in enumerate(chain))
    return Subject(text, chain[0], chain, nodes, _facts(chain), unresolved)


def _chain_model(item: ModelInfo | ModelRecord) -> ChainModel:
    bases = tuple(b if isinstance(b, str) else b.id for b in item.base_models)
    facts = item.facts if item.facts is not None else ModelFacts()
    return ChainModel(
        item.id, item.license, bases, item.relation, facts, isinstance(item, ModelRecord)
    )


def _walk(
    start: ModelInfo | ModelRecord, db: Database
) -> tuple[tuple[ChainModel, ...], tuple[str, ...]]:
    """Breadth-first over base models; each model once, even in diamond-shaped merges."""
    order: list[ChainModel] = []
    unresolved: list[str] = []
    seen: set[str] = set()
    queue: list[tuple[ModelInfo | ModelRecord, int]] = [(start, 0)]
    while queue:
        item, depth = queue.pop(0)
        key = item.id.lower()
        if key in seen:
            continue
        if depth > MAX_DEPTH:
            raise InputError(
                f"{start.id}: base_models: the lineage is deeper than {MAX_DEPTH} models"
            )
        seen.add(key)
        order.append(_chain_model(item))
        for base in item.base_models:
            if isinstance(base, ModelInfo):
                queue.append((base, depth + 1))
                continue
            found = db.model(base)
            if found is None:
                if base not in unresolved:
                    unresolved.append(base)
            else:
                queue.append((found, depth + 1))
    return tuple(order), tuple(unresolved)


def _facts(chain: tuple[ChainModel, ...]) -> ModelFacts:
    """The model's own facts, with what it leaves open taken from the bases it keeps them from."""
    known = chain[0].facts.model_dump(exclude_none=True)
    if chain[0].relation in _KEEPS_FACTS:
        for base in chain[1:]:
            for name, value in base.facts.model_dump(exclude_none=True).items():
                known.setdefault(name, value)
    return ModelFacts(**known)
