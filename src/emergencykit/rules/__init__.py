"""Validation: the rule catalogue, the engine that runs it, and report renderers.

>>> import datetime as dt
>>> import emergencykit as ek
>>> from emergencykit import rules
>>> system = ek.EmergencySystem(id="s", name=ek.Label(zh="示例"))
>>> report = rules.validate(system, rules.ValidationConfig(as_of=dt.date(2024, 1, 1)))
>>> [f.code for f in report.findings]
['EK005']
"""

from emergencykit.rules import (  # noqa: F401  (importing registers the rules)
    _command,
    _forces,
    _framework,
    _ids,
    _opinion,
    _plans,
    _proposals,
    _society,
)
from emergencykit.rules._builtin import (
    CHONGQING,
    ICS,
    NATIONAL,
    ChongqingParams,
    IcsParams,
    NationalParams,
)
from emergencykit.rules._config import ValidationConfig, WorkingCalendar
from emergencykit.rules._engine import (
    INTERNAL,
    Context,
    Rule,
    active_packs,
    is_selected,
    register,
    registry,
    rule,
    unregister,
    validate,
)
from emergencykit.rules._explain import explain, get_rule
from emergencykit.rules._pack import (
    ENTRY_POINT_GROUP,
    Pack,
    RootDivision,
    everywhere,
    get_pack,
    packs,
)
from emergencykit.rules._render import (
    CATALOGUE_FORMATS,
    REPORT_FORMATS,
    catalogue_markdown,
    render,
    render_catalogue,
    render_json,
    render_sarif,
    render_text,
    rules_table,
)
from emergencykit.rules._report import Finding, FindingKind, Level, Report

__all__ = [
    "CATALOGUE_FORMATS",
    "CHONGQING",
    "ENTRY_POINT_GROUP",
    "ICS",
    "INTERNAL",
    "NATIONAL",
    "REPORT_FORMATS",
    "ChongqingParams",
    "Context",
    "Finding",
    "FindingKind",
    "IcsParams",
    "Level",
    "NationalParams",
    "Pack",
    "Report",
    "RootDivision",
    "Rule",
    "ValidationConfig",
    "WorkingCalendar",
    "active_packs",
    "catalogue_markdown",
    "everywhere",
    "explain",
    "get_pack",
    "get_rule",
    "is_selected",
    "packs",
    "register",
    "registry",
    "render",
    "render_catalogue",
    "render_json",
    "render_sarif",
    "render_text",
    "rule",
    "rules_table",
    "unregister",
    "validate",
]
