"""modelclear: may we adopt these open model weights for what we plan, and what must we do?

An aid to license review, not legal advice::

    from modelclear import check_use, UseProfile
    report = check_use("llama3.2", UseProfile(commercial=True, licensee_territory="FR"))
    report.verdict, report.conflicts, report.obligations, report.missing_facts
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .catalog import LicenseRow
    from .database import Database, load_database
    from .diff import LicenseDiff, diff_licenses
    from .engine import check_use
    from .errors import DatabaseError, InputError, ModelclearError, ProfileError
    from .identification import Identification, identify
    from .license import Citation, Clause, License
    from .lint import lint_database
    from .model import ModelFacts, ModelInfo, ModelRecord
    from .profile import UseProfile
    from .project import ProjectReport, check_card, check_many, check_project, check_sbom
    from .report import Alternative, Finding, MissingFact, Report, UnknownLicense
    from .vocab import (
        NOT_LEGAL_ADVICE,
        ClauseKind,
        ConflictKind,
        ObligationKind,
        UseCase,
        Verdict,
    )

# The public names and the module each lives in. They are imported when first used, so
# that `import modelclear` (and the command line) loads only what a task needs.
_WHERE = {
    "Alternative": "report",
    "Citation": "license",
    "Clause": "license",
    "ClauseKind": "vocab",
    "ConflictKind": "vocab",
    "Database": "database",
    "DatabaseError": "errors",
    "Finding": "report",
    "Identification": "identification",
    "InputError": "errors",
    "License": "license",
    "LicenseDiff": "diff",
    "LicenseRow": "catalog",
    "MissingFact": "report",
    "ModelFacts": "model",
    "ModelInfo": "model",
    "ModelRecord": "model",
    "ModelclearError": "errors",
    "NOT_LEGAL_ADVICE": "vocab",
    "ObligationKind": "vocab",
    "ProfileError": "errors",
    "ProjectReport": "project",
    "Report": "report",
    "UnknownLicense": "report",
    "UseCase": "vocab",
    "UseProfile": "profile",
    "Verdict": "vocab",
    "check_card": "project",
    "check_many": "project",
    "check_project": "project",
    "check_sbom": "project",
    "check_use": "engine",
    "diff_licenses": "diff",
    "identify": "identification",
    "lint_database": "lint",
    "load_database": "database",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])


__all__ = [
    "NOT_LEGAL_ADVICE",
    "Alternative",
    "Citation",
    "Clause",
    "ClauseKind",
    "ConflictKind",
    "Database",
    "DatabaseError",
    "Finding",
    "Identification",
    "InputError",
    "License",
    "LicenseDiff",
    "LicenseRow",
    "MissingFact",
    "ModelFacts",
    "ModelInfo",
    "ModelRecord",
    "ModelclearError",
    "ObligationKind",
    "ProfileError",
    "ProjectReport",
    "Report",
    "UnknownLicense",
    "UseCase",
    "UseProfile",
    "Verdict",
    "__version__",
    "check_card",
    "check_many",
    "check_project",
    "check_sbom",
    "check_use",
    "diff_licenses",
    "identify",
    "lint_database",
    "load_database",
]
