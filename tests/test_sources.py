"""Models given as folders, card files and ``ModelInfo``: lineage, labels, hostile files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from _profiles import DECLARED

from modelclear import InputError, ModelInfo, Verdict, check_use
from modelclear.lineage import MAX_DEPTH
from modelclear.readers import MAX_TEXT_BYTES, read_card, read_folder

CARD = """---
license: {license}
base_model: {base}
base_model_relation: {relation}
---
# Our model
"""


def _folder(tmp_path: Path, **files: str) -> Path:
    root = tmp_path / "our-model"
    root.mkdir()
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_card_front_matter_is_read_as_lists() -> None:
    card = read_card("---\nlicense: [mit, apache-2.0]\nbase_model: a/b\n---\nbody")
    assert card.licenses == ("mit", "apache-2.0") and card.base_models == ("a/b",)
    assert not read_card("# no front matter").has_front_matter


def test_a_folder_fine_tune_stays_bound_by_its_base(tmp_path: Path) -> None:
    # A Llama 3.1 fine-tune labelled Apache-2.0: the Llama 3.1 terms still bind it (§1.b.i).
    card = CARD.format(
        license="apache-2.0", base="meta-llama/Llama-3.1-8B-Instruct", relation="finetune"
    )
    report = check_use(str(_folder(tmp_path, **{"README.md": card})), DECLARED)
    assert "llama3.1" in report.licenses and "apache-2.0" in report.licenses
    assert [s.model for s in report.lineage][1] == "meta-llama/Llama-3.1-8B-Instruct"
    assert any(n.kind == "label-mismatch" for n in report.notes)
    assert all(f.via for f in report.obligations if f.license == "llama3.1")


def test_an_adapter_without_a_card_keeps_its_base_terms(tmp_path: Path) -> None:
    config = '{"base_model_name_or_path": "google/gemma-2-9b-it", "peft_type": "LORA"}'
    report = check_use(str(_folder(tmp_path, **{"adapter_config.json": config})), DECLARED)
    assert report.licenses == ("gemma",)
    assert report.lineage[0].base_models == ("google/gemma-2-9b-it",)


def test_an_unknown_base_is_needs_review_naming_it(tmp_path: Path) -> None:
    card = CARD.format(license="mit", base="acme/private-base-7b", relation="finetune")
    report = check_use(str(_folder(tmp_path, **{"README.md": card})), DECLARED)
    assert report.verdict is Verdict.NEEDS_REVIEW
    assert "acme/private-base-7b" in [u.key for u in report.unknown_licenses]


def test_license_other_resolves_through_license_name(tmp_path: Path) -> None:
    card = "---\nlicense: other\nlicense_name: flux-1-dev-non-commercial-license\n---\n"
    report = check_use(
        str(_folder(tmp_path, **{"README.md": card})), {**DECLARED, "commercial": True}
    )
    assert report.licenses == ("flux-1-dev-non-commercial-license",)
    assert report.verdict is Verdict.CONFLICT  # FLUX.1 [dev] §2(b): non-commercial only


def test_a_folder_with_nothing_to_read_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"holds no README\.md"):
        read_folder(_folder(tmp_path, **{"model.safetensors": "x"}))


def test_code_and_pickles_in_a_folder_are_never_opened(tmp_path: Path) -> None:
    # A config with auto_map, a .py module and a pickle: only the card is read.
    root = _folder(
        tmp_path,
        **{
            "README.md": "---\nlicense: mit\n---\n",
            "config.json": '{"auto_map": {"AutoModel": "modeling_evil.Evil"}}',
            "modeling_evil.py": "raise SystemExit('executed')\n",
        },
    )
    (root / "weights.pkl").write_bytes(b"\x80\x04cos\nsystem\n(S'echo executed'\ntR.")
    report = check_use(str(root), DECLARED)
    assert report.licenses == ("mit",)


def test_a_link_out_of_the_folder_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("---\nlicense: mit\n---\n")
    root = _folder(tmp_path)
    (root / "README.md").symlink_to(outside)
    with pytest.raises(InputError, match="outside the model folder"):
        read_folder(root)


def test_a_fifo_license_file_is_refused_without_blocking(tmp_path: Path) -> None:
    root = _folder(tmp_path, **{"README.md": "---\nlicense: mit\n---\n"})
    os.mkfifo(root / "LICENSE")
    with pytest.raises(InputError, match="not a regular file"):
        read_folder(root)


def test_an_oversized_card_is_refused_before_it_is_read(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    with open(root / "README.md", "wb") as handle:
        handle.truncate(MAX_TEXT_BYTES + 1)  # sparse: nothing to read if the size is checked
    with pytest.raises(InputError, match="limit"):
        read_folder(root)


def test_model_info_in_code_checks_its_whole_lineage() -> None:
    merged = ModelInfo.model_validate(
        {
            "id": "acme/merge",
            "license": "apache-2.0",
            "relation": "merge",
            "base_models": [
                "black-forest-labs/FLUX.1-schnell",
                {"id": "acme/dev-ft", "license": "flux-1-dev-non-commercial-license",
                 "relation": "finetune", "base_models": ["black-forest-labs/FLUX.1-dev"]},
            ],
        }
    )  # fmt: skip
    report = check_use(merged, {**DECLARED, "commercial": True})
    assert report.verdict is Verdict.CONFLICT  # a merge takes the terms of all its parents
    assert "flux-1-dev-non-commercial-license" in report.licenses
    assert ModelInfo("acme/x", "mit").license == "mit"


def test_a_lineage_deeper_than_the_limit_is_an_input_error() -> None:
    info: ModelInfo | str = "google/gemma-2-9b-it"
    for i in range(MAX_DEPTH + 2):
        info = ModelInfo(id=f"acme/m{i}", license="gemma", base_models=[info], relation="finetune")
    assert isinstance(info, ModelInfo)
    with pytest.raises(InputError, match="deeper than"):
        check_use(info, DECLARED)


def test_a_license_file_with_an_addendum_needs_review(tmp_path: Path, corpus: Path) -> None:
    text = (corpus / "licenses" / "mit.txt").read_text(encoding="utf-8")
    addendum = (
        "\nAddendum: the model may not be used by any company that competes with Acme in any "
        "market.\n"
    )
    root = _folder(
        tmp_path, **{"README.md": "---\nlicense: mit\n---\n", "LICENSE": text + addendum}
    )
    report = check_use(str(root), DECLARED)
    assert report.verdict is Verdict.NEEDS_REVIEW
    [question] = [u for u in report.unknown_licenses if u.key.endswith("LICENSE")]
    assert "competes with acme" in question.reason


def test_a_symlink_loop_ends_in_an_input_error(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    (root / "README.md").symlink_to(root / "LICENSE")
    (root / "LICENSE").symlink_to(root / "README.md")
    with pytest.raises(InputError):
        read_folder(root)


def test_a_folder_of_many_files_is_read_by_name_only(tmp_path: Path) -> None:
    # Only the named files are opened: thousands of weight shards cost nothing to skip.
    root = _folder(tmp_path, **{"README.md": "---\nlicense: mit\n---\n"})
    for i in range(5000):
        (root / f"shard-{i:05d}.safetensors").write_bytes(b"")
    report = check_use(str(root), DECLARED)
    assert report.licenses == ("mit",)


def test_a_check_writes_nothing_but_what_it_was_asked_to(tmp_path: Path) -> None:
    import subprocess
    import sys

    home = tmp_path / "home"
    home.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")}
    env.pop("MODELCLEAR_CACHE", None)
    run = subprocess.run(
        [sys.executable, "-m", "modelclear", "check", "llama3.1", "--set", "commercial=true"],
        cwd=work, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert run.returncode in (0, 3), run.stderr
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written == []  # the shipped database is compiled already: no cache is written


def test_a_downloaded_folder_named_like_a_hub_id_is_read(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "acme" / "support-8b"
    folder.mkdir(parents=True)
    (folder / "README.md").write_text("---\nlicense: mit\n---\n")
    (tmp_path / "mit").mkdir()  # a folder named like a license is never read as a model
    monkeypatch.chdir(tmp_path)
    assert check_use("acme/support-8b", DECLARED).licenses == ("mit",)
    assert check_use("mit", DECLARED).license_expression == "mit"
