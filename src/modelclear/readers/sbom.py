"""SBOMs: the models an SPDX or CycloneDX document lists, and the licenses it declares for them.

- SPDX 2.3 (JSON, YAML, XML, tag-value, RDF) is read with spdx-tools. A package counts as a
  model when its name, file name or purl says so (Hugging Face purls, weight-file suffixes) or
  its declared license is one the caller knows; ``LicenseRef-`` ids come with their
  ``extractedText`` so that the text can be identified.
- SPDX 3.0 JSON-LD (which spdx-tools cannot read) is read as plain JSON: every ``ai_AIPackage``
  with the license expressions its ``hasDeclaredLicense`` / ``hasConcludedLicense``
  relationships point to.
- CycloneDX 1.5-1.7 JSON is read as plain JSON too (cyclonedx-python-lib drops ``modelCard`` and
  rejects ``LicenseRef-`` expressions): every ``machine-learning-model`` component, and
  ``pkg:huggingface`` components of other types, with their license ids, names or expression.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..errors import InputError
from .files import read_inside

_MODEL_FILE = re.compile(r"\.(gguf|safetensors|bin|pt|pth|onnx|ckpt|h5|mlmodel|tflite)\b", re.I)


class SbomModel(BaseModel):
    """One model an SBOM lists."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    license: str | None  # an SPDX expression as written; None when the SBOM asserts none
    extracted: dict[str, str] = {}  # LicenseRef id -> its extracted text (SPDX 2)
    where: str  # the element: SPDX id, bom-ref, or index


class SbomFacts(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    path: str
    format: str  # spdx-2, spdx-3, cyclonedx
    models: tuple[SbomModel, ...]


def read_sbom(path: str | Path, knows_license: Callable[[str], bool] | None = None) -> SbomFacts:
    """The models of an SBOM file. ``knows_license`` tells which declared licenses identify
    a package as a model in SPDX 2, where packages carry no model type."""
    path = Path(path)
    text = read_inside(path)
    stripped = text.lstrip()
    if path.suffix.lower() == ".json" or stripped.startswith(("{", "[")):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            raise InputError(
                f"{path}: line {err.lineno}: malformed JSON: {err.msg}; not an SBOM modelclear "
                "can read"
            ) from None
        if isinstance(data, dict) and data.get("bomFormat") == "CycloneDX":
            return SbomFacts(path=str(path), format="cyclonedx", models=_cyclonedx(data, path))
        if isinstance(data, dict) and "@graph" in data:
            return SbomFacts(path=str(path), format="spdx-3", models=_spdx3(data, path))
        if isinstance(data, dict) and str(data.get("spdxVersion", "")).startswith("SPDX-2"):
            return SbomFacts(path=str(path), format="spdx-2", models=_spdx2(path, knows_license))
        raise InputError(
            f"{path}: a JSON document but neither CycloneDX (bomFormat), SPDX 2 (spdxVersion) "
            "nor SPDX 3 JSON-LD (@graph)"
        )
    return SbomFacts(path=str(path), format="spdx-2", models=_spdx2(path, knows_license))


# --------------------------------------------------------------------------- CycloneDX


def _cdx_license(component: dict[str, Any]) -> str | None:
    parts = []
    for item in component.get("licenses") or []:
        if not isinstance(item, dict):
            continue
        if isinstance(item.get("expression"), str):
            parts.append(item["expression"])
            continue
        lic = item.get("license")
        if isinstance(lic, dict):
            value = lic.get("id") or lic.get("name")
            if isinstance(value, str) and value.strip():
                parts.append(value.strip())
    if not parts:
        return None
    return " AND ".join(f"({p})" if " " in p and len(parts) > 1 else p for p in parts)


def _cyclonedx(data: dict[str, Any], path: Path) -> tuple[SbomModel, ...]:
    out = []
    components = data.get("components") or []
    if not isinstance(components, list):
        raise InputError(f"{path}: components: expected a list")
    for i, c in enumerate(components):
        if not isinstance(c, dict):
            continue
        purl = str(c.get("purl") or "")
        if c.get("type") != "machine-learning-model" and not purl.startswith("pkg:huggingface/"):
            continue
        group = c.get("group")
        name = f"{group}/{c.get('name')}" if group else str(c.get("name") or f"components[{i}]")
        out.append(SbomModel(name=name, license=_cdx_license(c), where=str(c.get("bom-ref") or i)))
    return tuple(out)


# --------------------------------------------------------------------------- SPDX 3


def _spdx3(data: dict[str, Any], path: Path) -> tuple[SbomModel, ...]:
    graph = data.get("@graph")
    if not isinstance(graph, list):
        raise InputError(f"{path}: @graph: expected a list of elements")
    by_id = {e.get("spdxId") or e.get("@id"): e for e in graph if isinstance(e, dict)}
    licenses: dict[str, list[str]] = {}
    for e in by_id.values():
        if e.get("type") != "Relationship":
            continue
        kind = str(e.get("relationshipType", ""))
        if not kind.endswith(("hasDeclaredLicense", "hasConcludedLicense")):
            continue
        for target in e.get("to") or []:
            element = by_id.get(target, {})
            expr = element.get("simplelicensing_licenseExpression")
            if isinstance(expr, str):
                licenses.setdefault(str(e.get("from")), []).append(expr)
    out = []
    for key, e in by_id.items():
        if e.get("type") != "ai_AIPackage":
            continue
        found = list(dict.fromkeys(licenses.get(str(key), [])))
        expression = " AND ".join(f"({x})" if " " in x else x for x in found) if found else None
        out.append(SbomModel(name=str(e.get("name") or key), license=expression, where=str(key)))
    return tuple(out)


# --------------------------------------------------------------------------- SPDX 2


def _spdx2(path: Path, knows_license: Callable[[str], bool] | None) -> tuple[SbomModel, ...]:
    from spdx_tools.spdx.parser.error import SPDXParsingError
    from spdx_tools.spdx.parser.parse_anything import parse_file

    try:
        doc = parse_file(str(path))
    except SPDXParsingError as err:
        first = (err.get_messages() or ["invalid document"])[0]  # type: ignore[no-untyped-call]
        raise InputError(f"{path}: not a valid SPDX 2 document: {first}") from None
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        raise InputError(f"{path}: not an SPDX document modelclear can read: {err}") from None
    extracted = {
        e.license_id: e.extracted_text
        for e in doc.extracted_licensing_info
        if e.license_id and isinstance(e.extracted_text, str)
    }
    out = []
    for p in doc.packages:
        declared = _spdx_value(p.license_declared)
        concluded = _spdx_value(p.license_concluded)
        license_text = concluded or declared
        purls = [r.locator for r in p.external_references if r.reference_type == "purl"]
        named = " ".join([p.name, p.file_name or "", *purls])
        is_model = (
            _MODEL_FILE.search(named) is not None
            or any(u.startswith("pkg:huggingface/") for u in purls)
            or (
                license_text is not None
                and knows_license is not None
                and knows_license(license_text)
            )
        )
        if not is_model:
            continue
        refs = {k: v for k, v in extracted.items() if license_text and k in license_text}
        out.append(SbomModel(name=p.name, license=license_text, extracted=refs, where=p.spdx_id))
    return tuple(out)


def _spdx_value(value: object) -> str | None:
    """An SPDX license field as text; NOASSERTION and NONE are no license."""
    if value is None:
        return None
    text = str(value)
    return None if text in ("NOASSERTION", "NONE", "") else text
