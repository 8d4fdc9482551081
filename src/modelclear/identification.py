"""Which license a LICENSE file (or a card's ``license_name`` / ``license_link``) is.

No license text is stored: each record's fingerprint (``license_db/fingerprints.json``) holds
32-bit hashes of overlapping runs of ``SHINGLE`` words of its normalised canonical text, half of
them kept (those whose hash is even), and the SHA-256 of the whole normalised text.

Normalisation follows the spirit of SPDX's matching guidelines: case, whitespace, punctuation,
markdown markup, bullets and copyright lines do not count, so re-wrapped, markdown-converted
or re-attributed copies match. The answer:

* ``confidence`` is the share of the license's fingerprint found in the text (1.0 for the exact
  text); below ``MIN_CONFIDENCE`` the text is **not identified**, never guessed;
* near-identical texts (Llama 3.1, 3.2, 3.3) are told apart by the runs only one of them has;
  when the text holds neither's, or both's, the answer is **ambiguous** and names them;
* every run of ``MIN_SPAN_WORDS`` or more words that the identified license does not account for
  (an addendum, an appended policy) is reported with its lines: a check then needs review.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import zlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from .database import Database, load_database
from .errors import DatabaseError

#: Words per hashed run.
SHINGLE = 8
#: Below this share of a fingerprint found, a text is not identified.
MIN_CONFIDENCE = 0.5
#: Unaccounted runs shorter than this are noise (a heading, a copyright holder's name).
MIN_SPAN_WORDS = 10

FINGERPRINTS = "fingerprints.json"

# A copyright notice: "Copyright" with (c), © or a year (or a year placeholder) next to it, or
# (c)/© with a year. A line that merely begins with the word "copyright" is license text.
_COPYRIGHT = re.compile(
    r"^\W*(?:copyright\s*(?:\(c\)|©|\d{4}|\[yyyy\]|\{yyyy\}|<year>)|(?:\(c\)|©)\s*\d{4})",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z0-9]+")


class Span(BaseModel):
    """Text the identified license does not account for."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    first_line: int
    last_line: int
    words: int
    excerpt: str


class Identification(BaseModel):
    """The answer of ``identify``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    license: str | None
    confidence: float
    matched: str  # exact | fingerprint | url | name | ambiguous | none
    ambiguous: tuple[str, ...] = ()
    unexplained: tuple[Span, ...] = ()

    @property
    def identified(self) -> bool:
        return self.license is not None


# --------------------------------------------------------------------------- text to hashes


_YEAR = re.compile(r"^(19|20)\d\d$")


def _words(text: str) -> list[tuple[str, int]]:
    """(word, line number) for every word that counts. Copyright notice lines do not, nor do
    the word "copyright", its "(c)" and years anywhere: a notice that re-wrapping has run into
    a paragraph then leaves at most its holder's name behind."""
    out: list[tuple[str, int]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if _COPYRIGHT.match(line):
            continue
        after_copyright = False
        for word in _WORD.findall(line.casefold()):
            if word == "copyright" or _YEAR.match(word) or (after_copyright and word == "c"):
                after_copyright = word == "copyright"
                continue
            after_copyright = False
            out.append((word, number))
    return out


_BASE = 1_000_003
_MASK = 0xFFFFFFFF
_TOP = pow(_BASE, SHINGLE - 1, 1 << 32)


def _shingles(words: list[str]) -> list[int]:
    """A 32-bit hash of every run of ``SHINGLE`` words: each word's CRC-32, combined as a
    polynomial that rolls along the text (one multiplication per word, not a hash per run)."""
    codes = [zlib.crc32(w.encode()) for w in words]
    if len(codes) < SHINGLE:
        return []
    h = 0
    for c in codes[:SHINGLE]:
        h = (h * _BASE + c) & _MASK
    out = [h]
    for i in range(SHINGLE, len(codes)):
        h = ((h - codes[i - SHINGLE] * _TOP) * _BASE + codes[i]) & _MASK
        out.append(h)
    return out


def _kept(h: int) -> bool:
    return h % 2 == 0


def _digest(words: list[str]) -> str:
    """The hash of the whole normalised text (identical texts, however laid out)."""
    return hashlib.sha256(" ".join(words).encode()).hexdigest()


def fingerprint(text: str) -> dict[str, object]:
    """The fingerprint of a canonical text, as stored in ``fingerprints.json``."""
    words = [w for w, _ in _words(text)]
    hashes = _shingles(words)
    # Half of the runs (by hash), and every run at the two ends, where a word lies under fewer
    # runs: so that the ends of a text are accounted for as surely as its middle.
    kept = {h for h in hashes if _kept(h)} | set(hashes[:SHINGLE]) | set(hashes[-SHINGLE:])
    return {"digest": _digest(words), "shingles": " ".join(f"{h:08x}" for h in sorted(kept))}


# --------------------------------------------------------------------------- the index


@dataclass(frozen=True)
class _Index:
    digests: Mapping[str, str]  # normalised-text hash -> license id
    sets: Mapping[str, frozenset[int]]  # license id -> kept shingles
    owners: Mapping[int, tuple[str, ...]]  # shingle -> license ids


def load_fingerprints(root: Path) -> dict[str, dict[str, str]]:
    path = root / FINGERPRINTS
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise DatabaseError(f"{root.name}/{FINGERPRINTS}: cannot be read: {err}") from None
    if not isinstance(data, dict):
        raise DatabaseError(f"{root.name}/{FINGERPRINTS}: expected an object of license ids")
    return data


@functools.cache
def _index(root: str) -> _Index:
    data = load_fingerprints(Path(root))
    digests, sets = {}, {}
    owners: dict[int, list[str]] = {}
    for license_id, entry in data.items():
        digests[entry["digest"]] = license_id
        hashes = frozenset(int(h, 16) for h in entry["shingles"].split())
        sets[license_id] = hashes
        for h in hashes:
            owners.setdefault(h, []).append(license_id)
    return _Index(digests, sets, {h: tuple(ids) for h, ids in owners.items()})


# --------------------------------------------------------------------------- identify


def identify(text: str, database: Database | None = None) -> Identification:
    """Identify the license ``text`` is (see the module's description of the answer)."""
    db = database if database is not None else load_database()
    index = _index(str(db.root.resolve()))
    tagged = _words(text)
    words = [w for w, _ in tagged]
    exact = index.digests.get(_digest(words))
    if exact is not None and exact in db.licenses:
        return Identification(license=exact, confidence=1.0, matched="exact")
    hashes = _shingles(words)
    present = {h for h in hashes if _kept(h)}
    counts: Counter[str] = Counter()
    for h in present:
        for owner in index.owners.get(h, ()):
            if owner in db.licenses:
                counts[owner] += 1
    scored = sorted(
        ((n / len(index.sets[lid]), lid) for lid, n in counts.items() if index.sets[lid]),
        reverse=True,
    )
    if not scored or scored[0][0] < MIN_CONFIDENCE:
        found = round(scored[0][0], 3) if scored else 0.0
        return Identification(license=None, confidence=found, matched="none")
    confidence, best = scored[0]
    rivals = [lid for score, lid in scored[1:] if score >= MIN_CONFIDENCE]
    ambiguous = _ambiguous_with(best, rivals, present, index)
    if ambiguous:
        return Identification(
            license=None,
            confidence=round(confidence, 3),
            matched="ambiguous",
            ambiguous=(best, *ambiguous),
        )
    return Identification(
        license=best,
        confidence=round(confidence, 3),
        matched="fingerprint",
        unexplained=_unexplained(tagged, hashes, index.sets[best]),
    )


def _ambiguous_with(
    best: str, rivals: list[str], present: set[int], index: _Index
) -> tuple[str, ...]:
    """Rivals the text cannot be told from: it holds no run that only ``best`` has, or it also
    holds runs that only the rival has."""
    out = []
    mine = index.sets[best]
    for rival in rivals:
        theirs = index.sets[rival]
        only_mine = len(present & (mine - theirs))
        only_theirs = len(present & (theirs - mine))
        if only_mine == 0 or only_theirs > only_mine // 4:
            out.append(rival)
    return tuple(out)


def _unexplained(
    tagged: list[tuple[str, int]], hashes: list[int], known: frozenset[int]
) -> tuple[Span, ...]:
    """Runs of words that no matching shingle covers, of at least ``MIN_SPAN_WORDS`` words.

    A word is accounted for when a shingle over it is in the license's fingerprint. Each word
    lies under ``SHINGLE`` shingles, half of them kept (all of them at the two ends of the
    text), so a word of the license itself goes uncovered by chance with odds of 1 in
    2**SHINGLE, and a run of ``MIN_SPAN_WORDS`` such words practically never.
    """
    n = len(tagged)
    covered = [False] * n
    reach = 0  # one past the last word a known shingle seen so far covers
    for i in range(n):
        if i < len(hashes) and hashes[i] in known:
            reach = i + SHINGLE
        covered[i] = i < reach
    spans = []
    i = 0
    while i < n:
        if covered[i]:
            i += 1
            continue
        j = i
        while j < n and not covered[j]:
            j += 1
        if j - i >= MIN_SPAN_WORDS:
            excerpt = " ".join(w for w, _ in tagged[i : min(j, i + 24)])
            spans.append(
                Span(
                    first_line=tagged[i][1],
                    last_line=tagged[j - 1][1],
                    words=j - i,
                    excerpt=excerpt + (" ..." if j - i > 24 else ""),
                )
            )
        i = j
    return tuple(spans)


def identify_reference(
    name: str | None, link: str | None, database: Database | None = None
) -> Identification:
    """Identify a card's ``license_name`` slug or ``license_link`` URL without any text."""
    db = database if database is not None else load_database()
    if name:
        lic = db.license(name)
        if lic is not None:
            return Identification(license=lic.id, confidence=1.0, matched="name")
    if link:
        wanted = _url_key(link)
        for lic in db:
            urls = (*lic.urls, *((lic.use_policy_url,) if lic.use_policy_url else ()))
            if any(_url_key(u) == wanted for u in urls):
                return Identification(license=lic.id, confidence=1.0, matched="url")
    return Identification(license=None, confidence=0.0, matched="none")


def _url_key(url: str) -> str:
    text = url.strip().lower().removeprefix("https://").removeprefix("http://")
    return text.removeprefix("www.").rstrip("/")
