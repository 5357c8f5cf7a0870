"""What-if simulation: which plans activate, who is told by when, which teams go in which order.

:func:`simulate` plays an :class:`Incident` through a system's data and
returns a :class:`Timeline` of cited steps and the gaps found on the way, as
findings with EK8xx codes (:data:`GAPS`).
"""

from emergencykit.scenario._cap import (
    CAP_NAMESPACE,
    CapAlert,
    cap_alerts,
    cap_category,
    read_cap,
    to_cap,
)
from emergencykit.scenario._config import ScenarioConfig
from emergencykit.scenario._fit import FIT, Fit, fit_for
from emergencykit.scenario._gaps import GAPS, Gap
from emergencykit.scenario._render import (
    FORMATS,
    PICTURES,
    draw_timeline,
    render,
    render_json,
    render_mermaid,
    render_text,
)
from emergencykit.scenario._simulate import SOURCES, simulate
from emergencykit.scenario._types import Incident, Phase, Step, Timeline, severity_of

__all__ = [
    "CAP_NAMESPACE",
    "FIT",
    "FORMATS",
    "GAPS",
    "PICTURES",
    "SOURCES",
    "CapAlert",
    "Fit",
    "Gap",
    "Incident",
    "Phase",
    "ScenarioConfig",
    "Step",
    "Timeline",
    "cap_alerts",
    "cap_category",
    "draw_timeline",
    "fit_for",
    "read_cap",
    "render",
    "render_json",
    "render_mermaid",
    "render_text",
    "severity_of",
    "simulate",
    "to_cap",
]
