"""Checks against real inputs in ../shared/corpus (skipped where it is absent).

The corpus holds publishers' license texts with their provenance, and real model cards.
Nothing from it is copied into the project: tests only read it.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from _profiles import DECLARED
from conftest import corpus_license_records

from modelclear import Verdict, check_use, load_database

DB = load_database()


def _texts_by_hash(corpus: Path, manifest: dict) -> dict[str, str]:
    out = {}
    for entry in manifest["files"]:
        if entry["kind"] in ("license", "use-policy"):
            out[entry["sha256"]] = (corpus / entry["path"]).read_text(encoding="utf-8")
    return out


def test_corpus_files_match_their_manifest_hashes(corpus: Path, manifest: dict) -> None:
    for entry in manifest["files"]:
        if entry["kind"] in ("license", "use-policy"):
            digest = hashlib.sha256((corpus / entry["path"]).read_bytes()).hexdigest()
            assert digest == entry["sha256"], entry["path"]


def test_records_of_texts_in_the_corpus_were_checked_against_them(manifest: dict) -> None:
    """Where the corpus holds a record's text, the record names that very text (its hash)."""
    pairs = corpus_license_records(manifest)
    assert len(pairs) >= 15
    for record_id, _, digest in pairs:
        hashes = {p.sha256 for p in DB.licenses[record_id].provenance}
        assert digest in hashes, (record_id, digest)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _shingles(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


#: Summaries are our own words; a run of this many words shared with the license text means copying.
COPIED_RUN = 8


@pytest.mark.parametrize("lic", [lic for lic in DB if lic.id != "openrail"], ids=lambda lic: lic.id)
def test_summaries_are_in_our_own_words(lic, corpus: Path, manifest: dict) -> None:
    texts = _texts_by_hash(corpus, manifest)
    source = set()
    for p in lic.provenance:
        if p.sha256 in texts:
            source |= _shingles(_words(texts[p.sha256]), COPIED_RUN)
    ours = [c.summary for c in lic.clauses] + [c.qualifier or "" for c in lic.clauses]
    ours.append(lic.notes or "")
    for text in ours:
        copied = _shingles(_words(text), COPIED_RUN) & source
        assert not copied, (lic.id, text, sorted(copied)[:1])


def _cards(manifest: dict) -> list[dict]:
    return [e for e in manifest["files"] if e["kind"] == "card"]


def test_license_ids_on_real_cards_resolve(manifest: dict) -> None:
    """The Hub `license` key, or `license_name` with `license: other`, names a known record."""
    expected = {
        "creativeml-openrail-m": "creativeml-openrail-m",
        "gemma": "gemma",
        "gemma-terms-of-use": "gemma",
        "llama3": "llama3",
        "llama3.1": "llama3.1",
        "llama3.2": "llama3.2",
        "mit": "mit",
        "apache-2.0": "apache-2.0",
        "cc-by-nc-4.0": "cc-by-nc-4.0",
        "openrail++": "openrail++",
        "flux-1-dev-non-commercial-license": "flux-1-dev-non-commercial-license",
        "stabilityai-ai-community": "stabilityai-ai-community",
    }
    seen = set()
    for card in _cards(manifest):
        front = card["front_matter"]
        keys = front.get("license")
        keys = keys if isinstance(keys, list) else [keys]
        if "other" in keys or None in keys:
            keys = [*keys, front.get("license_name")]
        for key in keys:
            if key in expected:
                lic = DB.license(key)
                assert lic is not None and lic.id == expected[key], (card["path"], key)
                seen.add(key)
    assert len(seen) >= 10


def test_licenses_on_real_cards_that_we_do_not_know_are_never_allowed(manifest: dict) -> None:
    profile = DECLARED
    checked = 0
    for card in _cards(manifest):
        front = card["front_matter"]
        key = front.get("license_name") or front.get("license")
        if not isinstance(key, str) or DB.license(key) is not None:
            continue
        report = check_use(key, profile)
        assert report.verdict is Verdict.NEEDS_REVIEW, (card["path"], key)
        checked += 1
    # As the database grows, fewer real cards name a license it lacks; one it cannot know stays
    # needs-review all the same.
    assert check_use("acme-private-model-license-v2", profile).verdict is Verdict.NEEDS_REVIEW


def test_base_models_of_real_cards_in_the_registry_carry_their_lineage(manifest: dict) -> None:
    for card in _cards(manifest):
        if card.get("model_id") in DB.models:
            record = DB.models[card["model_id"]]
            bases = card["front_matter"].get("base_model")
            bases = bases if isinstance(bases, list) else [bases] if bases else []
            assert {DB.model(b).id for b in bases if DB.model(b)} <= set(record.base_models), card[
                "path"
            ]


def test_every_real_card_resolves_to_the_terms_it_declares(corpus: Path, manifest: dict) -> None:
    """Each card in the corpus, checked as a file: the licenses its front matter declares (and
    its `license_name` for `license: other`) are the ones checked, its registered bases are in
    the lineage, and anything unknown leaves the verdict short of allowed."""
    checked = 0
    for card in _cards(manifest):
        front = card["front_matter"] or {}
        keys = front.get("license")
        keys = keys if isinstance(keys, list) else [keys] if keys else []
        declared = [k for k in keys if k != "other"]
        if "other" in keys or not keys:
            declared += [front["license_name"]] if front.get("license_name") else []
        report = check_use(str(corpus / card["path"]), DECLARED)
        checked += 1
        unknown = {u.key for u in report.unknown_licenses}
        for key in declared:
            lic = DB.license(key)
            if lic is None:
                assert key in unknown or any(key in u for u in unknown), (card["path"], key)
            else:
                assert lic.id in report.licenses, (card["path"], key, report.licenses)
        if not declared or unknown:
            assert report.verdict in (Verdict.NEEDS_REVIEW, Verdict.CONFLICT), card["path"]
        bases = front.get("base_model")
        bases = bases if isinstance(bases, list) else [bases] if bases else []
        lineage = {step.model.lower() for step in report.lineage}
        for base in bases:
            if DB.model(base) is not None:
                assert DB.model(base).id.lower() in lineage, (card["path"], base)
            else:
                assert base in unknown, (card["path"], base)
    assert checked >= 40
