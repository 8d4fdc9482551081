"""The per-card function maps over many cards: in processes, and on Dask's local scheduler."""

from __future__ import annotations

from pathlib import Path

import pytest

from modelclear import check_card

CARD = "---\nlicense: {lic}\nbase_model: {base}\n---\n"
CASES = [
    ("llama3.1", "meta-llama/Llama-3.1-8B-Instruct"),
    ("apache-2.0", "mistralai/Mistral-7B-v0.1"),
    ("cc-by-nc-4.0", "google/gemma-2-9b-it"),
]
PROFILE = {"commercial": True, "monthly_active_users": 1000, "licensee_territory": "US",
           "redistributes_weights": False, "fine_tunes": True, "distributes_derivative": False,
           "offers_hosted_service": False, "trains_on_outputs": False}  # fmt: skip


def _cards(tmp_path: Path, n: int) -> list[str]:
    out = []
    for i in range(n):
        folder = tmp_path / f"m{i}"
        folder.mkdir()
        lic, base = CASES[i % len(CASES)]
        (folder / "README.md").write_text(CARD.format(lic=lic, base=base))
        out.append(str(folder))
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "README.md").write_text("---\nlicense: [\n---\n")
    return [*out, str(tmp_path / "broken")]


def test_check_card_summarises_and_never_stops_on_a_bad_card(tmp_path: Path) -> None:
    results = [check_card(p, PROFILE) for p in _cards(tmp_path, 3)]
    # Llama 3.1 used in-house: only the use policy binds (§1.b.iv); Apache-2.0 on an Apache
    # base, nothing handed out: no condition applies (§4 binds redistribution); CC BY-NC 4.0
    # for commercial use: not licensed (§2(a)(1), §1(i)).
    assert [r["verdict"] for r in results[:3]] == [
        "allowed-with-obligations",
        "allowed",
        "conflict",
    ]
    assert results[3]["verdict"] is None and "malformed YAML" in results[3]["error"]


def test_the_same_function_runs_on_dask(tmp_path: Path) -> None:
    bag = pytest.importorskip("dask.bag")
    paths = _cards(tmp_path, 12)
    serial = [check_card(p, PROFILE) for p in paths]
    on_dask = (
        bag.from_sequence(paths, npartitions=4)
        .map(check_card, PROFILE)
        .compute(scheduler="processes", num_workers=2)
    )
    assert on_dask == serial
