"""The field reference (``docs/reference/fields.md``), generated from the model.

Every class a document can hold, walked from :class:`EmergencySystem`'s
fields, gets a table: each field's key, its type as a document writes it,
whether it is required (or its default), the values it allows and, for an
id, the kinds of object it may name.  Bounds are read from the field's
``Annotated`` metadata, the kinds an id may name from its reference
declaration (:func:`~emergencykit.model.references`); only the one-line
meanings are written here, in :data:`MEANINGS`, since the model holds no
prose per field.
"""

import datetime as dt
import enum
import typing
from collections.abc import Iterator
from typing import Annotated, Any

import attrs
from annotated_types import Ge, Gt, Interval, Le, Lt

from emergencykit.model import Kind, PartialDate, id_lists, other_labels, references
from emergencykit.model._labels import BilingualEnum
from emergencykit.model._system import COLLECTION_OF_CLASS, COLLECTIONS, EmergencySystem
from emergencykit.model._types import Bounds, DivisionCode, Id, IdList, Text, one_or_more

__all__ = ["MEANINGS", "classes", "fields_markdown", "meaning_of"]

#: What each field means, in one line (Markdown).  A key is ``"Class.field"``;
#: a field declared on a base class (``Entity.id``) is described once there,
#: and ``"*.field"`` describes a field that means the same in every class
#: that has it, unless a ``"Class.field"`` key says otherwise.
MEANINGS: dict[str, str] = {
    # fields that mean the same wherever they appear
    "*.name": "The object's name: `zh`, `en` or both.",
    "*.jurisdiction": "The jurisdiction it belongs to or lies in.",
    "*.note": "Anything the source leaves unsaid or uncertain, in free text.",
    "*.due": "The date it is due by; a month or a year means by its end (年内: `2022`).",
    "Entity.id": "The object's id, unique in the document; other fields name the object by it.",
    "Entity.open": "Its lists of ids that are open (等): the source names these members and others.",
    "RevisionProgress.open": "Its lists of ids that are open (等), as an object's `open`.",
    "Revision.open": "Its lists of ids that are open (等), as an object's `open`.",
    "Entity.source": "A short free-text reference to where it is stated (`seed §二.1`); `cite` says it exactly.",
    "Entity.cite": "The passages that state the object, or the inference that stands in for one (see `Citation`).",
    "Entity.figures": "Numbers the source states that no field holds, each a label and a count (see `Figure`).",
    "Figure.label": "What is counted, in the source's words.",
    "Figure.count": "How many, as exactly as the source gives it.",
    "Citation.source": "The `id` of the system's source that states it.",
    "Citation.locator": "Where in the source: a section, article or page (`§二.一`).",
    "Citation.quote": "The source's own words, copied character for character.",
    "Citation.inferred": "`true`: the source does not state it; the model infers it (say `why`).",
    "Citation.why": "Why it is inferred: general knowledge, a reading, a repair of the source's text.",
    # the root
    "EmergencySystem.id": "The document's id.",
    "EmergencySystem.name": "The name of the system described (a city's, a county's …).",
    "EmergencySystem.root": "The id of the top jurisdiction described; rules measure levels from it.",
    "EmergencySystem.described": (
        "The date the document describes; date rules check as of it (its last day "
        "when only the month or the year is given)."
    ),
    "EmergencySystem.completeness": (
        "Whether the document claims to describe the whole system (`complete`) or part of it "
        "(`partial`, the reading when not stated); on a complete one, rules read silence as a "
        "gap, not a question."
    ),
    "EmergencySystem.sources": "The documents the model was taken from.",
    "EmergencySystem.notes": "Free-text notes on the document as a whole.",
    "EmergencySystem.jurisdictions": "Administrative areas (市, 区县, 乡镇街道, 村社区).",
    "EmergencySystem.agencies": "Party and government bodies, command centres, enterprises.",
    "EmergencySystem.persons": "Named people: heads, signers, contacts, post holders.",
    "EmergencySystem.event_types": "Types of emergency that plans cover.",
    "EmergencySystem.events": "Real incidents the source names (a flood, a fire), which plans, revisions and commitments cite.",
    "Event.event_type": "The type of emergency it was.",
    "Event.date": "When it happened, as exactly as the source says (`2020-08`).",
    "Plan.events": "The real incidents the plan cites (one it was activated for, one it learned from).",
    "Revision.events": "The real incidents the revision answers (revised after a flood).",
    "Commitment.events": "The real incidents the commitment answers.",
    "EmergencySystem.documents": "Policy documents other than plans (办法, 指南, 意见 …).",
    "EmergencySystem.plans": "Emergency plans (应急预案).",
    "EmergencySystem.plan_systems": "Plan systems (预案体系): plans, drill policy, revision progress.",
    "EmergencySystem.frameworks": 'Institutional frameworks such as a "3+8".',
    "EmergencySystem.aspects": "The aspects of the frameworks.",
    "EmergencySystem.institutions": "The institutions (制度) of the aspects.",
    "EmergencySystem.dispatch_modes": "Forms of dispatch (双周视频调度 …).",
    "EmergencySystem.dispatch_policies": "Unified-dispatch policies.",
    "EmergencySystem.command_bodies": "Headquarters, leading groups and command systems.",
    "EmergencySystem.expert_panels": "Expert panels and pools.",
    "EmergencySystem.tier_schemes": "How the place ranks its rescue forces, with the tiers.",
    "EmergencySystem.team_categories": "Categories of team the documents define.",
    "EmergencySystem.teams": "Rescue teams known by name.",
    "EmergencySystem.force_groups": "Teams known by number, not name.",
    "EmergencySystem.mandates": "Coverage requirements: every area at a level has such teams.",
    "EmergencySystem.facilities": "Rescue centres, platforms, bases, warehouses, shelters.",
    "EmergencySystem.protocols": "Public-opinion protocols.",
    "EmergencySystem.organisations": "Social organisations known by name.",
    "EmergencySystem.organisation_groups": "Social organisations known by number.",
    "EmergencySystem.programmes": "Responsibility, inspection, outreach and training programmes.",
    "EmergencySystem.proposals": "CPPCC proposals and NPC suggestions, with their replies.",
    "EmergencySystem.commitments": "Promises made in replies to proposals.",
    "EmergencySystem.relations": "Relations that no field expresses (`source`, `relation`, `target`).",
    "Label.zh": "The Chinese text; required when `en` is not given.",
    "Label.en": "The English text; required when `zh` is not given. Where one is missing, the other is shown.",
    "Source.id": "The id citations name the source by (optional when nothing cites it).",
    "Source.title": "The source document's title.",
    "Source.publisher": "Who published it.",
    "Source.date": "When it was published.",
    "Source.url": "Where it can be read.",
    "Jurisdiction.level": "Its administrative level (a 直辖市 is `provincial`).",
    "Jurisdiction.parent": "The jurisdiction directly above it.",
    "Jurisdiction.code": "Its administrative division code of GB/T 2260: six digits (500101).",
    "Jurisdiction.hazards": "The event types it is exposed to; its plans should cover them.",
    "Agency.kind": "What sort of body it is.",
    "Agency.sector": "Its field of work, for rules that need one (publicity, health …).",
    "Agency.parent": "The body directly above it; it commands this agency.",
    "Agency.head": "The person who heads it.",
    "Person.agency": "The agency the person works for.",
    "Person.position": "The person's position (局长 …).",
    "EventType.category": "Which of the four categories of 突发事件 it is.",
    "EventType.classification": "Its entry in the national classification of emergencies (GB/T 35561): a key of emergencykit.datasets.event_classification() (flood).",
    "Document.title": "The document's title.",
    "Document.kind": "What sort of document it is.",
    "Document.status": "Whether it is planned, being drafted, being revised or issued.",
    "Document.issuers": "The bodies that issued it.",
    "Document.co_issuers": "How many co-issuing bodies the source counts without naming them.",
    "Document.issued": "When it was issued.",
    "Document.based_on": "The documents or plans it implements or follows.",
    "Document.number": "Its document number (文号) as written (`渝府办发〔2022〕1号`).",
    "Document.numbered": "`false`: the source states it has no number (文号: 无); left out when the source does not say.",
    "Plan.title": "The plan's title.",
    "Plan.kind": "What sort of plan it is (overall, special, department …).",
    "Plan.issuer": "The body that issued the plan.",
    "Plan.lead": "The agency or command body that leads the response under it.",
    "Plan.members": "The agencies that take part (成员单位).",
    "Plan.parent": "The higher plan it belongs under.",
    "Plan.event_types": "The event types it covers.",
    "Plan.response": "Who commands at each response level.",
    "Plan.sections": "The required contents it has (应对法 Art. 28).",
    "Plan.issued": "When it was issued.",
    "Plan.filed": "When it was filed (备案).",
    "Plan.filed_with": "The agency it was filed with.",
    "Plan.revisions": "Its revisions, done or planned.",
    "Plan.drills": "The drills that exercised it.",
    "PlanSystem.plans": "The plans in the system.",
    "PlanSystem.documents": "The documents that govern it.",
    "PlanSystem.drill_policy": "How many drills a year it requires.",
    "PlanSystem.progress": "Progress of revising groups of plans.",
    "Framework.scope": "What the framework applies to.",
    "Framework.aspects": 'Its aspects (the "3" of a "3+8").',
    "Framework.principles": "The principles the source says it follows (优化、协同、高效 …).",
    "Aspect.institutions": 'The institutions of this aspect (part of the "8").',
    "Institution.function": "What the institution does, whatever the place calls it.",
    "Institution.owner": "The agency or command body that owns it.",
    "Institution.time_limit": "Its deadline, such as the time to report.",
    "Institution.description": "What it says, in short.",
    "DispatchMode.cadence": "How often the dispatch happens.",
    "DispatchMode.channel": "How it is held (video, telephone …).",
    "DispatchPolicy.dispatcher": "Who dispatches the forces.",
    "DispatchPolicy.modes": "The dispatch modes used.",
    "DispatchPolicy.document": "The document that sets the policy.",
    "CommandBody.kind": "What sort of body it is (headquarters, leading group …).",
    "CommandBody.host": "The agency that set it up; it commands the body.",
    "CommandBody.office": "The agency where its office sits (办公室设在…).",
    "CommandBody.lead": "The agency or person that leads it.",
    "CommandBody.members": "Its member agencies and persons.",
    "CommandBody.meetings": "Its recurring meetings.",
    "ExpertPanel.kind": "What sort of panel it is.",
    "ExpertPanel.convener": "Who convenes it.",
    "ExpertPanel.members": "How many experts it has.",
    "ExpertPanel.specialties": "The fields its experts cover.",
    "ExpertPanel.contributors": "The agencies that place experts in it.",
    "TierScheme.tiers": "The tiers, each an object with its own `id`, written inside the scheme.",
    "TierScheme.principles": "The principles the source says it follows (政府主导、多方参与 …).",
    "Tier.rank": "Its place in the scheme: 1 for the first tier, counting up; not a severity.",
    "Tier.description": "What the tier is for.",
    "TeamCategory.domain": "The field its teams work in.",
    "Team.domain": "The field it works in.",
    "Team.tier": "The tier it belongs to (a tier's id, not its name or rank).",
    "Team.category": "The team category it belongs to.",
    "Team.level": "The administrative level it is organised at.",
    "Team.agency": "The agency it belongs to, or the agencies that formed it together.",
    "Team.commander": "Who commands it: an agency, a command body or a person, by id.",
    "Team.dispatcher": "Who dispatches it under unified dispatch.",
    "Team.headcount": "How many people it has.",
    "Team.capabilities": "What it can do.",
    "Team.rapid_unit": "Its rapid-response sub-unit (背囊化快速小分队).",
    "Team.posts": "Its posts, each with an A (primary) and a B (backup) holder.",
    "Team.registered": "Whether it is registered; unknown when left out.",
    "Team.base": "The facility it is based at.",
    "ForceGroup.domain": "The field its teams work in.",
    "ForceGroup.tier": "The tier its teams belong to.",
    "ForceGroup.category": "The team category its teams belong to.",
    "ForceGroup.level": "The administrative level its teams are organised at.",
    "ForceGroup.agency": "The agency its teams belong to, or the agencies that formed them.",
    "ForceGroup.dispatcher": "Who dispatches its teams.",
    "ForceGroup.teams": "How many teams, in all.",
    "ForceGroup.people": "How many people, in all.",
    "ForceGroup.parts": "Sub-counts by level, category or place; they must add up to the totals.",
    "ForceGroup.members": "The named teams the totals include.",
    "ForceGroup.capabilities": "What its teams can do.",
    "ForceGroup.rapid_units": "Whether each team has a rapid-response sub-unit.",
    "ForceGroup.ab_posts": "Whether every post has an A and a B holder.",
    "ForceGroup.registered": "Whether its teams are registered.",
    "Mandate.jurisdiction": "The jurisdiction under which the requirement applies.",
    "Mandate.level": "The level of the jurisdictions that must each have the teams.",
    "Mandate.domain": "The field the required teams work in.",
    "Mandate.categories": "The team categories each jurisdiction must have.",
    "Mandate.per_category": "How many teams of each category each jurisdiction must have.",
    "Mandate.rapid_unit": "Whether each team must have a rapid-response sub-unit.",
    "Mandate.ab_posts": "Whether every post must have an A and a B holder.",
    "Facility.kind": "What sort of facility it is.",
    "Facility.operator": "The agency that runs it.",
    "Facility.covers": "The jurisdictions it serves.",
    "OpinionProtocol.lead": "Who leads the handling of public opinion.",
    "OpinionProtocol.triggers": "The situations that set it off.",
    "OpinionProtocol.first_report_to": "Who receives the first report: a list, even of one.",
    "OpinionProtocol.also_report_to": "Who is informed as well.",
    "OpinionProtocol.deadlines": "Its time limits: `severity`, `first_report`,"
    " `authoritative_release`, `press_conference`.",
    "OpinionProtocol.analysis_meetings": "How often opinion is analysed in meetings.",
    "OpinionProtocol.press_release": "Who decides press releases and what they decide.",
    "OpinionProtocol.media_access": "How media are managed on site.",
    "OpinionProtocol.instruction_sources": "Who gives instructions; one only (avoid 令出多门).",
    "OpinionProtocol.accountability": "Whether failures are held to account.",
    "SocialOrganization.kind": "What sort of organisation it is.",
    "SocialOrganization.registered": "Whether it is registered; unknown when left out.",
    "SocialOrganization.registered_on": "When it was registered.",
    "SocialOrganization.registrar": "The registering authority (民政).",
    "SocialOrganization.supervisor": "The competent business unit (业务主管单位).",
    "SocialOrganization.fields": "The fields it works in.",
    "SocialOrganization.inspections": "Inspections of it.",
    "OrganizationGroup.kind": "What sort of organisations they are.",
    "OrganizationGroup.count": "How many there are.",
    "OrganizationGroup.registered": "Whether they are registered.",
    "OrganizationGroup.registrar": "Their registering authority.",
    "OrganizationGroup.supervisor": "Their competent business unit.",
    "OrganizationGroup.inspection_regime": "The inspections they undergo.",
    "OrganizationGroup.members": "The named organisations the count includes.",
    "OrganizationGroup.year": "The year a count of new organisations refers to.",
    "Programme.kind": "What sort of programme it is.",
    "Programme.lead": "Who leads it.",
    "Programme.principles": "The principles it follows (党政同责 …).",
    "Programme.other_principles": "Principles it follows that `principles` has no value for, in the source's words.",
    "Programme.methods": "Its inspection methods.",
    "Programme.targets": "Whom its outreach is for.",
    "Programme.cadences": "Its check rhythm (daily, weekly, monthly …).",
    "Programme.items": "Its parts (两单两卡 …).",
    "Programme.output": "What it produced, counted.",
    "Programme.topics": "What its output covers.",
    "Proposal.kind": "A CPPCC proposal (提案) or an NPC suggestion (建议).",
    "Proposal.number": "Its number, as text (`0716`).",
    "Proposal.session": "The session it was filed at: a mapping of `level`, `term` (届),"
    " `meeting` (次) and `year`.",
    "Proposal.title": "Its title.",
    "Proposal.proposers": "The persons who filed it.",
    "Proposal.lead_handler": "The agency that handles it and replies (主办).",
    "Proposal.co_handlers": "The agencies that help (协办).",
    "Proposal.mode": "How it is handled: alone, jointly or split.",
    "Proposal.assigned": "When it was assigned; the reply is due within 3 months.",
    "Proposal.reply": "The reply letter.",
    "Proposal.grade": "The grade of the reply's outcome.",
    "Commitment.proposal": "The proposal whose reply made the promise.",
    "Commitment.text": "What was promised.",
    "Commitment.responsible": "The agency responsible for keeping it.",
    "Commitment.supporting": "The agencies that support it.",
    "Commitment.section": "Where in the reply it is (`一.1`).",
    "Commitment.status": "Where it stands.",
    "Commitment.check": "How one would verify it.",
    "Commitment.target": "The figure promised or reported.",
    "Link.source": "The id of the object the relation starts from.",
    "Link.relation": "The relation.",
    "Link.target": "The id of the object it goes to.",
    "Count.value": "The number.",
    "Count.unit": "What is counted.",
    "Count.approx": "How exact the number is (`at_least` for 余/以上, `about` for 约).",
    "Count.text": "The original wording (`3500余人`).",
    "ResponseCommand.level": 'The response level (`"1"` is the highest).',
    "ResponseCommand.commander": "Who commands at that level: an agency, command body or person.",
    "Revision.status": "Whether it is planned, in progress or done.",
    "Revision.date": "When it was done.",
    "Revision.due": "When it is due, if planned.",
    "Revision.triggers": "Why the plan is revised.",
    "Revision.changes": "What the revision changed, in the source's words.",
    "Drill.date": "When the drill was held.",
    "Drill.scope": "Comprehensive or special.",
    "Drill.method": "How it was run: `tabletop`, `functional`, `full_scale` or `remote`.",
    "Drill.organiser": "Who organised it.",
    "DrillPolicy.comprehensive_per_year": "Comprehensive drills required each year.",
    "DrillPolicy.special_per_year": "Special drills required each year.",
    "RevisionProgress.scope": "Which plans are being revised.",
    "RevisionProgress.kind": "The kind of those plans.",
    "RevisionProgress.responsible": "Who is responsible, as named in the source.",
    "RevisionProgress.responsible_agencies": "The agencies responsible, by id.",
    "RevisionProgress.status": "Where the revision stands.",
    "RevisionProgress.revised": "How many have been revised.",
    "RevisionProgress.total": "How many there are; `revised` may not exceed it.",
    "Meeting.name": "The meeting's name (联席会议 …).",
    "Meeting.cadence": "How often it meets.",
    "RapidUnit.name": "The sub-unit's name.",
    "RapidUnit.headcount": "How many people it has.",
    "Post.title": "The post's title.",
    "Post.a": "The person who holds it (A角).",
    "Post.b": "The person who backs the A holder up (B角).",
    "Part.count": "The sub-count, in the unit of the total it is part of; several counts, one per unit, for teams and people.",
    "Part.label": "What the part is, in words.",
    "Part.level": "The administrative level it counts, or the levels (市县两级).",
    "Part.category": "The team category it counts.",
    "Part.jurisdiction": "The jurisdiction it counts.",
    "Deadlines.severity": "The least severity the limits apply to.",
    "Deadlines.first_report": "Time to the first report.",
    "Deadlines.authoritative_release": "Time to release authoritative information.",
    "Deadlines.press_conference": "Time to hold a press conference.",
    "PressReleasePlan.decided_by": "Who decides the release.",
    "PressReleasePlan.decisions": "What is decided.",
    "PressReleasePlan.spokesperson": "The spokesperson (a person).",
    "PressReleasePlan.department": "The department that releases.",
    "PressReleasePlan.frequency": "How often releases are made.",
    "MediaAccessPolicy.measures": "How media access is managed.",
    "MediaAccessPolicy.zones": "The zones set aside for media.",
    "MediaAccessPolicy.max_outlets": "The most media outlets allowed on site.",
    "MediaAccessPolicy.max_reporters": "The most reporters allowed on site.",
    "Inspection.kind": "What sort of inspection it was.",
    "Inspection.date": "When it took place.",
    "Inspection.result": "What it found.",
    "Session.level": "The level of the congress or conference.",
    "Session.term": "The term (届), counted from 1.",
    "Session.meeting": "The meeting within the term (次), counted from 1.",
    "Session.year": "The year of the meeting.",
    "Reply.date": "When the reply was sent.",
    "Reply.signer": "The person who signed it (审签).",
    "Reply.contact": "Whom to contact about it.",
    "Reply.title": "Its title.",
    "Reply.sender": "The agency that sent it.",
    "Reply.number": "The letter's number (文号) as written (`渝应急函〔2022〕12号`).",
    "Reply.numbered": "`false`: the letter states it has no number (文号: 无); left out when it does not say.",
    "Reply.role": "In which role the sender answers (lead handler 主办, co-handler 协办, split unit 分办), when the letter says.",
    "Contact.person": "The contact person.",
    "Contact.phone": "Their phone number, as text.",
    "Contact.postcode": "The postcode, as text.",
}


def meaning_of(cls: type, name: str) -> str:
    """What field ``name`` of ``cls`` means, from :data:`MEANINGS` ("" when none says).

    A free label beside ``other`` (:func:`~emergencykit.model.other_label`)
    means the same wherever it is, so its meaning is derived from its
    declaration rather than written once per field.

    >>> from emergencykit import Team
    >>> meaning_of(Team, "id")
    "The object's id, unique in the document; other fields name the object by it."
    >>> meaning_of(Team, "domain_other")
    'What `other` in `domain` stands for, in the words of the document; may be left out.'
    """
    for base in cls.__mro__:
        text = MEANINGS.get(f"{base.__name__}.{name}")
        if text is not None:
            return text
    declared = other_labels(cls).get(name)
    if declared is not None:
        return f"What `other` in `{declared.of}` stands for, in the words of the document; may be left out."
    return MEANINGS.get(f"*.{name}", "")


def _leaves(hint: Any) -> Iterator[Any]:
    """The classes and enums a field of type ``hint`` may hold."""
    if typing.get_origin(hint) is Annotated:
        yield from _leaves(typing.get_args(hint)[0])
        return
    args = typing.get_args(hint)
    if args:
        for arg in args:
            if arg is not Ellipsis and arg is not type(None):
                yield from _leaves(arg)
        return
    yield hint


def classes() -> tuple[list[type], list[type[BilingualEnum]]]:
    """The attrs classes a document may hold, from the root down, and the enums they use.

    >>> found, enums = classes()
    >>> found[0].__name__, found[1].__name__, enums[0].__name__
    ('EmergencySystem', 'Label', 'AdminLevel')
    """
    found: list[type] = []
    enums: list[type[BilingualEnum]] = []
    queue: list[type] = [EmergencySystem]
    while queue:
        cls = queue.pop(0)
        if cls in found:
            continue
        found.append(cls)
        hints = typing.get_type_hints(cls)
        for f in attrs.fields(cls):
            for leaf in _leaves(hints[f.name]):
                if leaf is PartialDate:
                    continue  # a value written as text, not an object of fields
                if isinstance(leaf, type) and attrs.has(leaf) and leaf not in found:
                    queue.append(leaf)
                elif (
                    isinstance(leaf, type) and issubclass(leaf, BilingualEnum) and leaf not in enums
                ):
                    enums.append(leaf)
    return found, sorted(enums, key=lambda e: e.__name__)


def _anchor(name: str) -> str:
    return f"[{name}](#{name.lower()})"


def _type(hint: Any) -> str:
    """The type as a document writes it."""
    if hint == Id:
        return "id"
    if hint == Text:
        return "text"
    if hint == IdList:
        return "key"
    if hint == DivisionCode:
        return "division code (six digits, GB/T 2260)"
    if one_or_more(hint):
        item = _type(typing.get_args(hint.__origin__)[0])
        return f"{item} or list of {item}"
    if typing.get_origin(hint) is Annotated:
        return _type(typing.get_args(hint)[0])
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) is tuple:
        return f"list of {_type(args[0])}"
    if args:
        return " or ".join(_type(a) for a in args)
    if hint is bool:
        return "true or false"
    if hint is int:
        return "integer"
    if hint is str:
        return "string"
    if hint is PartialDate:
        return "date `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (`~` if approximate)"
    if hint is dt.timedelta:
        return "duration (ISO 8601, `PT5H`)"
    if isinstance(hint, type) and (attrs.has(hint) or issubclass(hint, enum.Enum)):
        return _anchor(hint.__name__)
    raise TypeError(f"no document type for {hint!r}")  # pragma: no cover - a new field type


def _bounds(hint: Any) -> tuple[int | None, int | None]:
    """The least and greatest integer ``hint``'s annotated-types metadata allows.

    ``None`` where it sets no bound.
    """
    if typing.get_origin(hint) is not Annotated:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return _bounds(args[0]) if len(args) == 1 else (None, None)
    low: int | None = None
    high: int | None = None
    for meta in hint.__metadata__:
        if isinstance(meta, Bounds):
            low, high = meta.minimum, meta.maximum
        elif isinstance(meta, Ge | Gt | Le | Lt | Interval):
            ge, gt = getattr(meta, "ge", None), getattr(meta, "gt", None)
            le, lt = getattr(meta, "le", None), getattr(meta, "lt", None)
            low = ge if ge is not None else gt + 1 if gt is not None else low
            high = le if le is not None else lt - 1 if lt is not None else high
    return low, high


def _collections() -> dict[Kind, str]:
    where = {kind: f"`{name}`" for name, (_, kind) in COLLECTIONS.items()}
    where[Kind.TIER] = "a tier scheme's `tiers`"
    return where


def _allowed(cls: type, field: "attrs.Attribute[Any]", hint: Any) -> str:
    """What values the field allows, beyond its type."""
    reference = references(cls).get(field.name)
    if reference is not None and reference.through is None:
        if reference.kinds is None:
            return "the id of any object"
        where = _collections()
        return "names " + ", ".join(f"{k.en} ({where[k]})" for k in reference.kinds)
    if hint == tuple[IdList, ...]:
        names = id_lists(cls)
        return ", ".join(f"`{n}`" for n in names) if names else "none (it has no list of ids)"
    declared = other_labels(cls).get(field.name)
    if declared is not None:
        verb = "holds" if declared.many else "is"
        return f"only when `{declared.of}` {verb} `other`"
    low, high = _bounds(hint)
    if low is not None and high is not None:
        return f"{low} to {high:,}"
    if low is not None:
        return f"at least {low}"
    return ""


def _default(field: "attrs.Attribute[Any]") -> str:
    default = field.default
    if default is attrs.NOTHING:
        return "**required**"
    if default is None:
        return "none"
    if default == ():
        return "empty"
    if isinstance(default, bool):
        return f"`{str(default).lower()}`"
    if isinstance(default, enum.Enum):
        return f"`{default.value}`"
    return f"`{default}`"


def _first_paragraph(doc: str | None) -> str:
    paragraph = (doc or "").strip().split("\n\n")[0]
    # Docstrings mark code reStructuredText's way; the page is Markdown.
    return " ".join(line.strip() for line in paragraph.splitlines()).replace("``", "`")


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def fields_markdown() -> str:
    """The field reference page, as Markdown.

    >>> page = fields_markdown()
    >>> page.splitlines()[0]
    '# Field reference'
    >>> "| `rank` | integer | **required** | 1 to 100 |" in page
    True
    """
    found, enums = classes()
    where = COLLECTION_OF_CLASS
    out = [
        "# Field reference",
        "",
        "<!-- Generated from the model by emergencykit._fieldref.fields_markdown();"
        " do not edit. -->",
        "",
        "Every key a document may hold, class by class, from the root down,"
        " then every enumeration.",
        "A document is the root object, `EmergencySystem`, plus `schema: emergencykit/1`;",
        "each of its lists holds objects of one class.",
        "A key left out takes its default; a **required** key may not be left out.",
        "See [the example document](../examples/city.yaml) for all of them in use.",
        "",
        "- **id**: a non-empty string without whitespace, control characters, lone"
        " surrogates, U+FFFE, U+FFFF or any of `, < > & \" '`;"
        " an object's `id` must be unique in the document, and a field that names"
        " an object holds its id.",
        "- **text**: a non-empty string without leading or trailing whitespace, with"
        " no control characters other than tab and newline, no lone surrogates and"
        " no U+FFFE or U+FFFF.",
        "- **key**: the name of another key of the same object (an `open` names the"
        " object's lists of ids that are open: the source names these and others, 等).",
        "- **list of …**: a YAML sequence (or JSON array), even for one item;"
        " **… or list of …** takes one item alone as well (and is written so).",
        "",
    ]
    for cls in found:
        name = cls.__name__
        out += [f"## {name}", "", _first_paragraph(cls.__doc__), ""]
        if cls in where:
            out += [f"Listed in the document's `{where[cls]}`.", ""]
        out += [
            "| key | type | default | allowed values | meaning |",
            "|---|---|---|---|---|",
        ]
        hints = typing.get_type_hints(cls, include_extras=True)
        for f in attrs.fields(cls):
            hint = hints[f.name]
            meaning = meaning_of(cls, f.name)
            allowed = _allowed(cls, f, hint)
            out.append(
                f"| `{f.name}` | {_type(hint)} | {_default(f)} | {_cell(allowed)}"
                f" | {_cell(meaning)} |"
            )
        out.append("")
    out += ["## Enumerations", "", "A field of one of these types holds one of its values.", ""]
    for e in enums:
        out += [f"### {e.__name__}", "", _first_paragraph(e.__doc__), ""]
        out += ["| value | 中文 | English |", "|---|---|---|"]
        out += [f"| `{m.value}` | {m.zh} | {m.en} |" for m in e]
        out.append("")
    return "\n".join(out)
