"""``identify``: which license a text is, from hashes of runs of words, never stored texts."""

from __future__ import annotations

import json
import random
import textwrap
from pathlib import Path

import pytest
from _dbfactory import good_license
from conftest import corpus_license_records

from modelclear import identify, load_database
from modelclear.identification import FINGERPRINTS, MIN_CONFIDENCE, fingerprint

# Two short texts of our own, near-identical like two versions of one license: they differ in a
# single clause, as Llama 3.1 and 3.2 do.
BASE = """Example Model License, version {v}.

1. Grant. The licensor grants you a worldwide, royalty-free license to use, copy, modify and
share the model and its weights, subject to the conditions in this license.

2. Conditions. When you share the model or a modified version of it, you must give every
recipient a copy of this license and keep all notices of authorship intact.

3. {clause}

4. Disclaimer. The model is provided as it is, without warranties of any kind, and the licensor
is not liable for any damages arising from its use, to the extent the law allows.
"""
ONE = BASE.format(v="1.0", clause="Use. You may use the model for any lawful purpose at all.")
TWO = BASE.format(
    v="2.0",
    clause="Use. You may not use the model to make decisions about people's credit or housing.",
)


@pytest.fixture
def db(make_db):  # type: ignore[no-untyped-def]
    root = make_db(
        good_license(id="example-1.0"),
        good_license(
            id="example-2.0", name="Example Model License 2", aliases=["LicenseRef-example-2"]
        ),
    )
    (root / FINGERPRINTS).write_text(
        json.dumps({"example-1.0": fingerprint(ONE), "example-2.0": fingerprint(TWO)})
    )
    return load_database(root)


def test_the_exact_text_is_identified_with_full_confidence(db) -> None:  # type: ignore[no-untyped-def]
    result = identify(ONE, db)
    assert (result.license, result.confidence, result.matched) == ("example-1.0", 1.0, "exact")


@pytest.mark.parametrize(
    "variant",
    [
        lambda t: "\n".join(textwrap.wrap(" ".join(t.split()), 50)),  # re-wrapped
        lambda t: t.replace("1. Grant.", "## 1. Grant").replace("2.", "* 2."),  # markdown
        lambda t: "Copyright 2026 Acme Corp. All rights reserved.\n\n" + t,  # copyright line
        lambda t: t.upper(),  # case
    ],
)
def test_layout_case_and_copyright_lines_do_not_count(db, variant) -> None:  # type: ignore[no-untyped-def]
    for text, expected in ((ONE, "example-1.0"), (TWO, "example-2.0")):
        result = identify(variant(text), db)
        assert result.license == expected and not result.unexplained, result


def test_near_identical_versions_are_told_apart_by_the_clause_only_one_has(db) -> None:  # type: ignore[no-untyped-def]
    # Without its title (which names the version) and clause 3, the text could be either.
    without_clause = "\n".join(line for line in ONE.splitlines()[1:] if not line.startswith("3."))
    result = identify(without_clause, db)
    assert result.license is None and set(result.ambiguous) == {"example-1.0", "example-2.0"}


def test_an_addendum_is_reported_with_its_lines(db) -> None:  # type: ignore[no-untyped-def]
    added = (
        ONE + "\n5. Addendum. Notwithstanding the above, Acme forbids any use of the model by its "
        "competitors anywhere.\n"
    )
    result = identify(added, db)
    assert result.license == "example-1.0"
    [span] = result.unexplained
    addendum_line = len(added.splitlines())
    # A span may begin a few words early: the last words of the license lie under runs that
    # reach into the addendum.
    assert span.first_line <= addendum_line <= span.last_line
    assert span.words >= 10 and "competitors" in span.excerpt


def test_unrelated_text_is_not_identified(db) -> None:  # type: ignore[no-untyped-def]
    result = identify("This repository holds the weights of our model. Ask us before using it.", db)
    assert result.license is None and result.confidence < MIN_CONFIDENCE


# ----------------------------------------------------------------------- the real texts


def _license_texts(manifest: dict, corpus: Path) -> list[tuple[str, str]]:
    return [
        (record, (corpus / path).read_text(encoding="utf-8"))
        for record, path, _ in corpus_license_records(manifest)
    ]


def _variants(text: str) -> dict[str, str]:
    rng = random.Random(7)
    lines = text.splitlines()
    return {
        "as published": text,
        "re-wrapped": "\n".join(textwrap.wrap(" ".join(text.split()), 72)),
        "markdown": "\n".join(f"* {line}" if line.strip() else line for line in lines),
        "other copyright line": "Copyright (c) 2026 Example Corp.\n" + text,
        "10% of lines dropped": "\n".join(line for line in lines if rng.random() > 0.1),
    }


def test_every_real_license_text_is_identified_under_its_key(manifest: dict, corpus: Path) -> None:
    texts = _license_texts(manifest, corpus)
    assert len(texts) >= 15
    for license_id, text in texts:
        for name, variant in _variants(text).items():
            result = identify(variant)
            assert result.license == license_id, (license_id, name, result)
            if name != "10% of lines dropped":
                assert not result.unexplained, (license_id, name, result.unexplained)


def test_the_llama_3_x_texts_are_told_apart(manifest: dict, corpus: Path) -> None:
    # Llama 3.1, 3.2 and 3.3 differ by about two dozen words; each must come out as itself.
    texts = dict(_license_texts(manifest, corpus))
    for version in ("llama3", "llama3.1", "llama3.2", "llama3.3", "llama4"):
        assert identify(texts[version]).license == version


def test_a_policy_appended_to_a_license_is_reported(manifest: dict, corpus: Path) -> None:
    texts = dict(_license_texts(manifest, corpus))
    added = (
        texts["mit"]
        + "\n\nUse policy: you may not use this model to rank job applicants, screen tenants or "
        "score credit.\n"
    )
    result = identify(added)
    assert result.license == "mit" and len(result.unexplained) == 1
