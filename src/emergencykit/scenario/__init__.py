"""What-if simulation: which plans activate, who is told by when, which teams go in which order.

:func:`simulate` plays an :class:`Incident` through a system's data and
returns a :class:`Timeline` of cited steps and the gaps found on the way.
"""

from emergencykit.scenario._render import (
    FORMATS,
    PICTURES,
    draw_timeline,
    render,
    render_json,
    render_mermaid,
    render_text,
)
from emergencykit.scenario._types import Incident, Phase, Step, Timeline, severity_of

__all__ = [
    "FORMATS",
    "PICTURES",
    "Incident",
    "Phase",
    "Step",
    "Timeline",
    "draw_timeline",
    "render",
    "render_json",
    "render_mermaid",
    "render_text",
    "severity_of",
]
