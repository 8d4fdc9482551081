"""modelclear: may we adopt these open model weights for what we plan, and what must we do?

An aid to license review, not legal advice::

    from modelclear import check_use, UseProfile
    report = check_use("llama3.2", UseProfile(commercial=True, licensee_territory="FR"))
    report.verdict, report.conflicts, report.obligations, report.missing_facts
"""

from __future__ import annotations

from ._version import __version__
from .catalog import LicenseRow
from .database import Database, load_database
from .diff import LicenseDiff, diff_licenses
from .engine import check_use
from .errors import DatabaseError, InputError, ModelclearError, ProfileError
from .identify import Identification, identify
from .license import Citation, Clause, License
from .lint import lint_database
from .model import ModelFacts, ModelInfo, ModelRecord
from .profile import UseProfile
from .project import ProjectReport, check_many, check_project, check_sbom
from .report import Alternative, Finding, MissingFact, Report, UnknownLicense
from .vocab import (
    NOT_LEGAL_ADVICE,
    ClauseKind,
    ConflictKind,
    ObligationKind,
    UseCase,
    Verdict,
)

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
    "check_many",
    "check_project",
    "check_sbom",
    "check_use",
    "diff_licenses",
    "identify",
    "lint_database",
    "load_database",
]
