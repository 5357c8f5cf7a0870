"""Which forces fit which emergencies: the one table a simulation's dispatch reads.

A force fits an incident by its domain (:class:`~emergencykit.ForceDomain`)
and by its capabilities (:class:`~emergencykit.Capability`).  The table is
keyed by entries of the national classification of emergencies
(:func:`emergencykit.datasets.event_classification`): the four categories
(whose keys are the values of :class:`~emergencykit.EventCategory`) and
those classes whose forces differ from their category's, each row with the
reasoning behind it.  An incident takes the row of its most specific entry
that has one.  Capabilities weigh more than domains: a water-rescue team
fits a flood better than a team that only works in the right field.
"""

from collections.abc import Iterable

import attrs

from emergencykit.model import Capability, ForceDomain

__all__ = ["FIT", "Fit", "fit_for"]

_C = Capability
_D = ForceDomain
_AVIATION = (_C.AVIATION_MANNED, _C.AVIATION_UNMANNED, _C.AIR_GROUND)
_RESCUE = (_D.ACCIDENT_DISASTER, _D.FIRE_RESCUE, _D.MILITARY, _D.GRASSROOTS, _D.SOCIAL)


@attrs.frozen(kw_only=True)
class Fit:
    """The domains and capabilities that answer one kind of emergency, and why.

    Examples
    --------
    >>> row = FIT["public_health"]
    >>> [d.value for d in row.domains], row.score((), ForceDomain.HEALTH)
    (['health'], 1)
    """

    domains: tuple[ForceDomain, ...]
    capabilities: tuple[Capability, ...]
    reasoning: str

    def score(self, capabilities: Iterable[Capability], domain: ForceDomain | None) -> int:
        """How well a force fits: 2 per matching capability, 1 for a matching domain, 0 none."""
        return 2 * sum(c in self.capabilities for c in set(capabilities)) + (domain in self.domains)


#: The fit of forces to each kind of emergency, by key of the national classification.
FIT: dict[str, Fit] = {
    "natural_disaster": Fit(
        domains=_RESCUE,
        capabilities=(_C.SEARCH_RESCUE, _C.WATER_RESCUE, _C.FLOOD_DROUGHT, *_AVIATION, _C.COMMAND),
        reasoning="natural disasters call for search and rescue, water rescue and flood "
        "fighting, with aviation and the commanders who coordinate them; the comprehensive "
        "rescue forces, the military and grassroots and social teams work in that field "
        "(应对法 Art. 39, N13)",
    ),
    "flood_drought": Fit(
        domains=_RESCUE,
        capabilities=(_C.WATER_RESCUE, _C.FLOOD_DROUGHT, _C.SEARCH_RESCUE, *_AVIATION, _C.COMMAND),
        reasoning="floods call for water rescue and flood fighting (抢险), aviation for people "
        "cut off by the water, and search and rescue",
    ),
    "geological": Fit(
        domains=_RESCUE,
        capabilities=(_C.SEARCH_RESCUE, *_AVIATION, _C.COMMAND),
        reasoning="landslides, rockfalls and debris flows bury people: search and rescue, with "
        "aviation where roads are cut",
    ),
    "earthquake": Fit(
        domains=(*_RESCUE, _D.HEALTH),
        capabilities=(
            _C.SEARCH_RESCUE,
            _C.EMERGENCY_MEDICAL,
            *_AVIATION,
            _C.PSYCHOLOGICAL,
            _C.COMMAND,
        ),
        reasoning="earthquakes call for search and rescue in collapsed buildings, emergency "
        "medicine, aviation and psychological care",
    ),
    "forest_grassland_fire": Fit(
        domains=_RESCUE,
        capabilities=(_C.FOREST_FIRE, *_AVIATION, _C.COMMAND),
        reasoning="forest and grassland fires call for forest firefighting and aviation",
    ),
    "accident_disaster": Fit(
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
    "transport": Fit(
        domains=(_D.ACCIDENT_DISASTER, _D.FIRE_RESCUE, _D.PUBLIC_SECURITY, _D.HEALTH),
        capabilities=(
            _C.SEARCH_RESCUE,
            _C.WATER_RESCUE,
            _C.EMERGENCY_MEDICAL,
            _C.TRAFFIC_ORDER,
            _C.COMMAND,
        ),
        reasoning="transport accidents call for rescue on roads and waters, emergency medicine "
        "and traffic control",
    ),
    "environmental": Fit(
        domains=(_D.ACCIDENT_DISASTER, _D.FIRE_RESCUE),
        capabilities=(_C.HAZMAT, _C.TOXICOLOGY, _C.POISONING, _C.COMMAND),
        reasoning="pollution incidents call for hazmat handling and toxicology",
    ),
    "public_health": Fit(
        domains=(_D.HEALTH,),
        capabilities=(
            _C.INFECTIOUS_DISEASE,
            _C.EMERGENCY_MEDICAL,
            _C.POISONING,
            _C.PSYCHOLOGICAL,
        ),
        reasoning="public-health events are the health emergency teams' field: "
        "infectious-disease response, emergency medicine, poisoning response and "
        "psychological care (seed §二.二)",
    ),
    "infectious_disease": Fit(
        domains=(_D.HEALTH,),
        capabilities=(_C.INFECTIOUS_DISEASE, _C.EMERGENCY_MEDICAL, _C.PSYCHOLOGICAL),
        reasoning="outbreaks call for the acute infectious-disease teams first (seed §二.二)",
    ),
    "food_occupational": Fit(
        domains=(_D.HEALTH,),
        capabilities=(_C.POISONING, _C.TOXICOLOGY, _C.EMERGENCY_MEDICAL),
        reasoning="food-safety and occupational incidents call for poisoning response and "
        "toxicology (seed §二.二)",
    ),
    "social_security": Fit(
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
    "terrorist_attack": Fit(
        domains=(_D.PUBLIC_SECURITY, _D.MILITARY),
        capabilities=(
            _C.COUNTER_TERRORISM,
            _C.EXPLOSIVE_DISPOSAL,
            _C.INTELLIGENCE,
            _C.TECHNICAL_INVESTIGATION,
            _C.EMERGENCY_MEDICAL,
            _C.TRAFFIC_ORDER,
        ),
        reasoning="terrorist attacks call for the counter-terrorism assault team, explosive "
        "disposal, intelligence and investigation, and care of the wounded (seed §二.三)",
    ),
}


def fit_for(keys: Iterable[str]) -> tuple[str, Fit] | None:
    """The row of the most specific of ``keys`` (nearest first) that has one, with its key.

    Examples
    --------
    >>> from emergencykit.datasets import event_classification
    >>> key, row = fit_for(("flood", *event_classification().ancestors("flood")))
    >>> key, Capability.WATER_RESCUE in row.capabilities
    ('flood_drought', True)
    >>> from emergencykit import Label, Team
    >>> team = Team(id="t", name=Label(zh="水上救援队"), domain=ForceDomain.ACCIDENT_DISASTER,
    ...             capabilities=(Capability.WATER_RESCUE,))
    >>> row.score(team.capabilities, team.domain), FIT["public_health"].score(
    ...     team.capabilities, team.domain)
    (3, 0)
    """
    return next(((k, FIT[k]) for k in keys if k in FIT), None)
