"""Which forces fit which emergencies: the one table a simulation's dispatch reads.

A force fits an incident by its domain (:class:`~emergencykit.ForceDomain`)
and by its capabilities (:class:`~emergencykit.Capability`).  The table is
keyed by the event's category (突发事件应对法 Art. 2), each row with the
reasoning behind it.  Capabilities weigh more than domains: a water-rescue
team fits a flood better than a team that only works in the right field.
"""

import attrs

from emergencykit.model import Capability, EventCategory, ForceDomain, ForceGroup, Team

__all__ = ["FIT", "Fit", "fit_of"]

_C = Capability
_D = ForceDomain


@attrs.frozen(kw_only=True)
class Fit:
    """The domains and capabilities that answer one kind of emergency, and why.

    Examples
    --------
    >>> row = FIT[EventCategory.PUBLIC_HEALTH]
    >>> [d.value for d in row.domains], row.score((), ForceDomain.HEALTH)
    (['health'], 1)
    """

    domains: tuple[ForceDomain, ...]
    capabilities: tuple[Capability, ...]
    reasoning: str

    def score(self, capabilities: tuple[Capability, ...], domain: ForceDomain | None) -> int:
        """How well a force fits: 2 per matching capability, 1 for a matching domain, 0 none."""
        return 2 * sum(c in self.capabilities for c in set(capabilities)) + (domain in self.domains)


#: The fit of forces to each category of emergency.
FIT: dict[EventCategory, Fit] = {
    EventCategory.NATURAL_DISASTER: Fit(
        domains=(_D.ACCIDENT_DISASTER, _D.FIRE_RESCUE, _D.MILITARY, _D.GRASSROOTS, _D.SOCIAL),
        capabilities=(
            _C.SEARCH_RESCUE,
            _C.WATER_RESCUE,
            _C.FLOOD_DROUGHT,
            _C.FOREST_FIRE,
            _C.AVIATION_MANNED,
            _C.AVIATION_UNMANNED,
            _C.AIR_GROUND,
            _C.COMMAND,
        ),
        reasoning="natural disasters (floods, geological hazards, earthquakes, forest fires) "
        "call for search and rescue, water rescue, flood fighting and firefighting, with "
        "aviation and the commanders who coordinate them; the comprehensive rescue forces, "
        "the military and grassroots and social teams work in that field (应对法 Art. 39, N13)",
    ),
    EventCategory.ACCIDENT_DISASTER: Fit(
        domains=(_D.ACCIDENT_DISASTER, _D.FIRE_RESCUE, _D.GRASSROOTS, _D.SOCIAL),
        capabilities=(
            _C.HAZMAT,
            _C.MINE_RESCUE,
            _C.SEARCH_RESCUE,
            _C.EXPLOSIVE_DISPOSAL,
            _C.TOXICOLOGY,
            _C.POISONING,
            _C.EMERGENCY_MEDICAL,
            _C.COMMAND,
        ),
        reasoning="accidents (hazardous chemicals, mines, explosions, collapses) call for "
        "hazmat, mine and search rescue, explosion handling, toxicology and the medical care of "
        "the injured and poisoned",
    ),
    EventCategory.PUBLIC_HEALTH: Fit(
        domains=(_D.HEALTH,),
        capabilities=(
            _C.INFECTIOUS_DISEASE,
            _C.EMERGENCY_MEDICAL,
            _C.POISONING,
            _C.PSYCHOLOGICAL,
        ),
        reasoning="public-health events (outbreaks, poisonings) are the health emergency "
        "teams' field: infectious-disease response, emergency medicine, poisoning response and "
        "psychological care (seed §二.二)",
    ),
    EventCategory.SOCIAL_SECURITY: Fit(
        domains=(_D.PUBLIC_SECURITY, _D.MILITARY),
        capabilities=(
            _C.COUNTER_TERRORISM,
            _C.TRAFFIC_ORDER,
            _C.EXPLOSIVE_DISPOSAL,
            _C.INTELLIGENCE,
            _C.TECHNICAL_INVESTIGATION,
            _C.CYBER,
        ),
        reasoning="public-security incidents call for the police's assault, public-order, "
        "explosive-disposal, intelligence, technical-investigation and cyber forces (seed §二.三)",
    ),
}


def fit_of(category: EventCategory, force: Team | ForceGroup) -> int:
    """How well ``force`` fits an emergency of ``category`` (0: it does not).

    Examples
    --------
    >>> from emergencykit import Label
    >>> team = Team(id="t", name=Label(zh="水上救援队"), domain=ForceDomain.ACCIDENT_DISASTER,
    ...             capabilities=(Capability.WATER_RESCUE,))
    >>> fit_of(EventCategory.NATURAL_DISASTER, team), fit_of(EventCategory.PUBLIC_HEALTH, team)
    (3, 0)
    """
    return FIT[category].score(force.capabilities, force.domain)
