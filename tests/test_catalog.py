"""The catalog behind ``modelclear licenses``, and loose lookup of license names."""

from __future__ import annotations

import pytest

from modelclear import load_database
from modelclear.catalog import row, thresholds
from modelclear.database import loose_license_name


def test_thresholds_are_read_off_the_clauses() -> None:
    db = load_database()
    # Llama 3.1 §2: more than 700 million monthly active users.
    assert thresholds(db.licenses["llama3.1"]) == ("monthly_active_users > 700,000,000",)
    # Stability AI Community License §III: more than US$1,000,000 in annual revenue.
    assert "annual_revenue_usd > 1,000,000" in thresholds(db.licenses["stabilityai-ai-community"])
    assert thresholds(db.licenses["mit"]) == ()


def test_every_row_states_openness_and_commercial_use() -> None:
    for lic in load_database():
        r = row(lic)
        assert r.openness is not None, lic.id
        assert r.commercial_use is not None, lic.id


@pytest.mark.parametrize(
    ("spelling", "loose"),
    [
        ("The MIT License (MIT)", "mit"),
        ("CC BY-NC 4.0", "cc by nc 4"),
        ("cc-by-nc-4.0", "cc by nc 4"),
        ("Apache License, Version 2.0", "apache 2"),
        ("Apache 2", "apache 2"),
        ("apache_2.0", "apache 2"),
        ("MPL 2.0", "mpl 2"),
        ("BSD 3-Clause License", "bsd 3 clause"),
        ("Llama 3.1 Community License Agreement", "llama 3.1 community"),
    ],
)
def test_loose_names_set_aside_what_people_vary(spelling: str, loose: str) -> None:
    assert loose_license_name(spelling) == loose


# Real spellings from cards, package metadata and SBOMs, and the one record each means.
SPELLINGS = [
    ("CC BY-NC 4.0", "cc-by-nc-4.0"),
    ("CC BY 4.0", "cc-by-4.0"),
    ("Apache 2", "apache-2.0"),
    ("Apache License 2.0", "apache-2.0"),
    ("Apache Software License", "apache-2.0"),
    ("The MIT License (MIT)", "mit"),
    ("MIT License", "mit"),
    ("llama 3.1 community license", "llama3.1"),
    ("Gemma Terms of Use", "gemma"),
    ("BSD 3-Clause License", "bsd-3-clause"),
    ("MPL 2.0", "mpl-2.0"),
    ("Mozilla Public License 2.0", "mpl-2.0"),
    ("CC BY-SA 4.0", "cc-by-sa-4.0"),
    ("CC BY-NC-ND 4.0", "cc-by-nc-nd-4.0"),
    ("GNU General Public License v3.0", "gpl-3.0"),
    ("CreativeML OpenRAIL-M", "creativeml-openrail-m"),
    # family words name the family record, never a guessed member
    ("BSD", "bsd"),
    ("GPL", "gpl"),
    ("Creative Commons", "cc"),
]


@pytest.mark.parametrize(("spelling", "record"), SPELLINGS)
def test_real_spellings_find_their_record(spelling: str, record: str) -> None:
    found = load_database().license(spelling)
    assert found is not None and found.id == record


def test_a_loose_form_two_records_share_finds_neither() -> None:
    from modelclear.database import _loose_index

    db = load_database()
    index = _loose_index({k: db.licenses[k] for k in ("mit", "apache-2.0")})
    assert index["mit"] == "mit"
