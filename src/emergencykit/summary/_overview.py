"""A readable overview of a system: what the library knows, section by section.

:func:`summarize` returns plain data (JSON-ready, deterministic);
:func:`render_text` lays it out for a terminal in Chinese or English.
"""

import datetime as dt
import json
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from emergencykit._guards import takes
from emergencykit._printable import printable
from emergencykit._words import plural
from emergencykit.errors import UnknownFormatError
from emergencykit.model import (
    Approx,
    Citation,
    Count,
    CountUnit,
    EmergencySystem,
    ForceDomain,
    ForceGroup,
    Label,
    OpinionProtocol,
    PlanKind,
    ProposalKind,
    Team,
    is_open,
    label_of,
)
from emergencykit.model._system import display, kind_word
from emergencykit.summary._coverage import force_totals, mandate_coverage

__all__ = ["FORMATS", "render", "render_json", "render_text", "summarize"]

_HEAD = {
    "system": ("体系", "System"),
    "plans": ("预案体系", "Plans"),
    "events": ("突发事件(文件所述)", "Events the document names"),
    "framework": ("制度架构", "Framework"),
    "dispatch": ("统一调度", "Dispatch"),
    "command": ("指挥机构与专家", "Command bodies and experts"),
    "forces": ("救援力量(按层级与领域)", "Forces by tier and domain"),
    "facilities": ("设施", "Facilities"),
    "coverage": ("区县覆盖", "Coverage by district"),
    "opinion": ("舆论舆情", "Public opinion"),
    "society": ("社会组织", "Social organisations"),
    "duty": ("责任与培训", "Responsibility and training"),
    "figures": ("其他数字(文件所述)", "Other figures the document states"),
    "cited": ("出处(每个对象所据原文)", "Where each object is stated"),
}

#: What ends an open list of names (等), in Chinese and in English.
OTHERS = ("等", "and others")

# The English noun of one of a unit; the Chinese measure word of the unit.
_ONE = {
    CountUnit.TEAMS: "team",
    CountUnit.PEOPLE: "person",
    CountUnit.ORGANISATIONS: "organisation",
    CountUnit.AGENCIES: "agency",
    CountUnit.CATEGORIES: "category",
    CountUnit.ITEMS: "item",
    CountUnit.AIRCRAFT: "aircraft",
    CountUnit.STATIONS: "station",
    CountUnit.PLACES: "place",
    CountUnit.SYSTEMS: "system",
}


class _Names:
    """Resolves ids to names in one language; a dangling id shows as ``id?``."""

    def __init__(self, system: EmergencySystem, lang: str) -> None:
        self.system = system
        self.lang = lang

    def __call__(self, id: str | None) -> str | None:
        if id is None:
            return None
        obj = self.system.get(id)
        return f"{id}?" if obj is None else display(obj, self.lang)

    def many(self, ids: tuple[str, ...]) -> list[str]:
        return [self(i) or i for i in ids]

    def listed(self, obj: Any, field: str) -> list[str]:
        """The names in ``obj``'s list of ids ``field``; an open list ends with ``等`` / ``and others``."""
        names = self.many(getattr(obj, field, ()))
        return [*names, OTHERS[self.lang == "en"]] if is_open(obj, field) else names

    def label(self, label: Label | None) -> str | None:
        return None if label is None else label.get(self.lang)


def _enum(value: Any, lang: str) -> str | None:
    return None if value is None else str(value.label(lang))


def _domain(system: EmergencySystem, tier: str | None, domain: str | None, lang: str) -> str:
    """The domain of a row of force totals: for ``other``, the document's own words.

    The free labels of the row's teams and groups, each once, in document
    order; ``其他`` / ``other`` stands for those that give none.  ``—`` for
    forces whose domain the document does not state.
    """
    if domain is None:
        return "—"
    member = ForceDomain(domain)
    if member is not ForceDomain.OTHER:
        return member.label(lang)
    words: dict[str, None] = {}
    forces: tuple[Team | ForceGroup, ...] = (*system.teams, *system.force_groups)
    for force in forces:
        if force.tier == tier and force.domain is ForceDomain.OTHER:
            words[label_of(force, "domain", lang) or ""] = None
    return ("、" if lang == "zh" else ", ").join(words) or member.label(lang)


def _date(value: Any, lang: str) -> str | None:
    """A date as precise as the document gives it; an approximate one says so.

    >>> from emergencykit import PartialDate
    >>> _date(PartialDate(2022), "en"), _date(PartialDate(2021, 11, approximate=True), "zh")
    ('2022', '约2021-11')
    >>> _date(PartialDate(2021, 11, approximate=True), "en")
    'about 2021-11'
    """
    if value is None:
        return None
    text = str(value)
    if text.endswith("~"):
        return f"about {text[:-1]}" if lang == "en" else f"约{text[:-1]}"
    return text


def _number(number: str | None, numbered: bool | None, lang: str) -> str | None:
    """A document number (文号) as written; ``无`` / ``none`` where the source says there is none.

    >>> _number(None, False, "zh"), _number(None, None, "en"), _number("渝应急函〔2022〕1号", None, "en")
    ('无', None, '渝应急函〔2022〕1号')
    """
    if number is not None:
        return number
    if numbered is False:
        return "none" if lang == "en" else "无"
    return None


def _duration(value: dt.timedelta | None, lang: str) -> str | None:
    """``5 hours`` / ``5小时``; minutes when not a whole number of hours."""
    if value is None:
        return None
    seconds = int(value.total_seconds())
    if seconds % 3600 == 0:
        n = seconds // 3600
        return plural(n, "hour") if lang == "en" else f"{n}小时"
    if seconds % 60 == 0:
        n = seconds // 60
        return plural(n, "minute") if lang == "en" else f"{n}分钟"
    return plural(seconds, "second") if lang == "en" else f"{seconds}秒"


def _count(count: Count | None, lang: str) -> str | None:
    """A count as the document states it: ``约80人`` / ``about 80 people``.

    Chinese keeps the source's own words when the count has them.  Otherwise
    the count is said from its parts, each kind in its own words: exact,
    ``约`` (about), at least (``余``/``以上``) and at most.

    >>> from emergencykit import Approx, Count, CountUnit
    >>> about = Count(value=80, unit=CountUnit.PEOPLE, approx=Approx.ABOUT)
    >>> _count(about, "zh"), _count(about, "en")
    ('约80人', 'about 80 people')
    >>> one = Count(value=1, unit=CountUnit.TEAMS, approx=Approx.AT_LEAST)
    >>> _count(one, "zh"), _count(one, "en")
    ('至少1支', 'at least 1 team')
    """
    if count is None:
        return None
    n = count.value
    if lang == "en":
        words = plural(n, _ONE[count.unit], count.unit.en)
        return words if count.approx is Approx.EXACT else f"{count.approx.en} {words}"
    if count.text:
        return count.text
    # 项/部/个 names one unit several ways; the first is the general one.
    words = f"{n}{count.unit.zh.split('/')[0]}"
    return {
        Approx.EXACT: words,
        Approx.ABOUT: f"约{words}",
        Approx.AT_LEAST: f"至少{words}",
        Approx.AT_MOST: f"不超过{words}",
    }[count.approx]


def _citation(c: Citation) -> dict[str, Any]:
    return {
        "source": c.source,
        "locator": c.locator,
        "quote": c.quote,
        "inferred": c.inferred,
        "why": c.why,
    }


def _events(system: EmergencySystem, n: _Names, lang: str) -> list[dict[str, Any]]:
    """Every event, with what it was, when, where, and the plans and commitments citing it."""
    citing: dict[str, list[str]] = {}
    for p in system.plans:
        for e in dict.fromkeys([*p.events, *(e for r in p.revisions for e in r.events)]):
            citing.setdefault(e, []).append(p.id)
    for c in system.commitments:
        for e in dict.fromkeys(c.events):
            citing.setdefault(e, []).append(c.id)
    return [
        {
            "name": e.name.get(lang),
            "type": n(e.event_type),
            "date": _date(e.date, lang),
            "jurisdiction": n(e.jurisdiction),
            "cited_by": n.many(tuple(citing.get(e.id, ()))),
        }
        for e in system.events
    ]


def _figures(system: EmergencySystem, lang: str) -> list[dict[str, Any]]:
    """Every object that carries figures, in document order, with them."""
    return [
        {
            "id": obj.id,
            "kind": kind_word(obj, lang),
            "name": display(obj, lang),
            "figures": [
                {"label": f.label.get(lang), "count": _count(f.count, lang)} for f in obj.figures
            ],
        }
        for _, obj in system.entities()
        if obj.figures
    ]


def _cited(system: EmergencySystem, lang: str) -> list[dict[str, Any]]:
    """Every object, in document order, with its citations (empty when it has none)."""
    out = []
    for _, obj in system.entities():
        out.append(
            {
                "id": obj.id,
                "kind": kind_word(obj, lang),
                "name": display(obj, lang),
                "cite": [_citation(c) for c in obj.cite],
            }
        )
    return out


@takes(system=EmergencySystem, lang=str)
def summarize(
    system: EmergencySystem, *, lang: str = "zh", sources: bool = False
) -> dict[str, Any]:
    """Summarise ``system`` as plain, JSON-ready data with labels in ``lang``.

    Only what the system states is given a value; what it leaves unsaid is
    ``None`` or an empty list, never a default.  Counts read as the source
    states them (``约80人`` / ``about 80 people``), totals say whether a part
    was approximate or unknown, and tiers come in the order of their rank.
    A list of names that the system marks open (``open``, 等) ends with
    :data:`OTHERS` in ``lang``: ``等`` or ``and others``.

    Parameters
    ----------
    system
        The system to summarise.
    lang
        ``"zh"`` or ``"en"``; names without an English form stay in Chinese.
    sources
        Add a ``cited`` section: every object, in document order, with
        where it is stated (source, locator, quoted words) or why it is
        inferred.

    Returns
    -------
    dict
        One key per section (system, plans, framework, dispatch, command,
        tiers, forces, facilities, coverage, opinion, society, duty,
        proposals, events, figures, and ``cited`` when ``sources`` is
        true);
        ``formed_jointly`` lists, in the forces section, the teams and
        counted groups that several agencies formed, with those agencies.
        ``figures`` lists each object that carries labelled figures
        (:class:`~emergencykit.Figure`), with them.

    Examples
    --------
    >>> from emergencykit.datasets import chongqing_2022
    >>> data = summarize(chongqing_2022(), lang="en")
    >>> data["proposals"][0]["number"]
    '0716'
    >>> data["proposals"][0]["co_handlers"][-2:]  # an open list (等) ends with OTHERS
    ['Chongqing Health Commission', 'and others']
    >>> [t["name"] for t in data["tiers"][0]["tiers"]]
    ['backbone', 'elite', 'spearhead', 'supplementary']
    >>> from emergencykit import Citation, EmergencySystem, Jurisdiction, AdminLevel, Source
    >>> cq = Jurisdiction(id="cq", name=Label(zh="重庆市"), level=AdminLevel.PROVINCIAL,
    ...                   cite=(Citation(source="seed", locator="§一", quote="全市"),))
    >>> system = EmergencySystem(id="s", name=Label(zh="示例"), jurisdictions=(cq,),
    ...                          sources=(Source(id="seed", title=Label(zh="复函")),))
    >>> summarize(system, sources=True)["cited"][0]["cite"][0]["quote"]
    '全市'
    """
    n = _Names(system, lang)
    root = system.get(system.root) if system.root else None
    out: dict[str, Any] = {
        "system": {
            "id": system.id,
            "name": system.name.get(lang),
            "root": n(system.root) if root is not None else system.root,
            "described": _date(system.described, lang),
            "objects": len(system),
            "sources": [s.title.get(lang) for s in system.sources],
            "notes": list(system.notes),
        }
    }
    kinds = Counter(p.kind for p in system.plans)
    out["plans"] = {
        "by_kind": {k.label(lang): kinds[k] for k in PlanKind if kinds[k]},
        "plans": [
            {
                "title": n.label(p.title),
                "kind": _enum(p.kind, lang),
                "issuer": n(p.issuer),
                "lead": n(p.lead),
                "issued": _date(p.issued, lang),
                "revisions": [
                    {
                        "status": _enum(r.status, lang),
                        "date": _date(r.date, lang),
                        "due": _date(r.due, lang),
                        "changes": [c.get(lang) for c in r.changes],
                        "events": n.many(r.events),
                    }
                    for r in p.revisions
                ],
                "drills": len(p.drills),
                "events": n.many(p.events),
            }
            for p in system.plans
        ],
        "documents": [
            {
                "title": n.label(d.title),
                "kind": label_of(d, "kind", lang),
                "status": _enum(d.status, lang),
                "issuers": n.listed(d, "issuers"),
                "co_issuers": _count(d.co_issuers, lang),
                "issued": _date(d.issued, lang),
                "due": _date(d.due, lang),
                "number": _number(d.number, d.numbered, lang),
            }
            for d in system.documents
        ],
        "systems": [
            {
                "name": ps.name.get(lang),
                "drill_policy": None
                if ps.drill_policy is None
                else {
                    "comprehensive_per_year": ps.drill_policy.comprehensive_per_year,
                    "special_per_year": ps.drill_policy.special_per_year,
                },
                "progress": [
                    {
                        "scope": pr.scope.get(lang),
                        "responsible": n.label(pr.responsible),
                        "status": _enum(pr.status, lang),
                        "revised": pr.revised,
                        "total": pr.total,
                        "due": _date(pr.due, lang),
                    }
                    for pr in ps.progress
                ],
            }
            for ps in system.plan_systems
        ],
    }
    out["events"] = _events(system, n, lang)
    out["framework"] = [
        {
            "name": f.name.get(lang),
            "principles": [x.get(lang) for x in f.principles],
            "aspects": [
                {
                    "name": n(a),
                    "institutions": n.listed(system.get(a), "institutions"),
                }
                for a in f.aspects
            ],
        }
        for f in system.frameworks
    ]
    out["dispatch"] = {
        "modes": [
            {"name": m.name.get(lang), "cadence": _enum(m.cadence, lang)}
            for m in system.dispatch_modes
        ],
        "policies": [
            {
                "name": p.name.get(lang),
                "dispatcher": n(p.dispatcher),
                "modes": n.listed(p, "modes"),
                "document": n(p.document),
            }
            for p in system.dispatch_policies
        ],
    }
    out["command"] = {
        "bodies": [
            {
                "name": b.name.get(lang),
                "kind": _enum(b.kind, lang),
                "host": n(b.host),
                "office": n(b.office),
                "lead": n(b.lead),
                "members": n.listed(b, "members"),
                "meetings": [
                    {"name": m.name.get(lang), "cadence": _enum(m.cadence, lang)}
                    for m in b.meetings
                ],
            }
            for b in system.command_bodies
        ],
        "expert_panels": [
            {
                "name": e.name.get(lang),
                "kind": _enum(e.kind, lang),
                "convener": n(e.convener),
                "members": _count(e.members, lang),
                "specialties": [s.get(lang) for s in e.specialties],
                "contributors": n.listed(e, "contributors"),
            }
            for e in system.expert_panels
        ],
    }
    out["tiers"] = [
        {
            "name": scheme.name.get(lang),
            "principles": [x.get(lang) for x in scheme.principles],
            "tiers": [
                {"rank": t.rank, "name": t.name.get(lang), "description": n.label(t.description)}
                for t in sorted(scheme.tiers, key=lambda t: t.rank)
            ],
        }
        for scheme in system.tier_schemes
    ]
    out["forces"] = [
        {
            "tier": n(tier) if tier else None,
            "domain": _domain(system, tier, domain, lang),
            "teams": row["teams"].text(lang),
            "people": row["people"].text(lang),
        }
        for (tier, domain), row in force_totals(system).items()
    ]
    forces: list[Team | ForceGroup] = [*system.teams, *system.force_groups]
    out["formed_jointly"] = [
        {"name": x.name.get(lang), "agencies": n.listed(x, "agency")}
        for x in forces
        if len(x.agency) > 1
    ]
    out["facilities"] = [
        {
            "name": f.name.get(lang),
            "kind": label_of(f, "kind", lang),
            "jurisdiction": n(f.jurisdiction),
            "operator": n(f.operator),
            "covers": n.listed(f, "covers"),
        }
        for f in system.facilities
    ]
    out["coverage"] = []
    for mandate in system.mandates:
        rows = mandate_coverage(system, mandate)
        out["coverage"].append(
            {
                "mandate": mandate.name.get(lang),
                "categories": n.listed(mandate, "categories"),
                "jurisdictions": len(rows),
                "complete": sum(r.complete for r in rows),
                "rows": [
                    {
                        "jurisdiction": n(r.jurisdiction),
                        "found": {n(c) or c: t.text(lang) for c, t in r.found},
                        "missing": n.many(r.missing),
                    }
                    for r in rows
                ],
            }
        )
    out["opinion"] = [_protocol(p, n, lang) for p in system.protocols]
    out["society"] = {
        "groups": [
            {
                "name": g.name.get(lang),
                "kind": label_of(g, "kind", lang),
                "count": _count(g.count, lang),
                "named": n.listed(g, "members"),
                "inspections": [_enum(k, lang) for k in g.inspection_regime],
            }
            for g in system.organisation_groups
        ],
        "organisations": [
            {"name": o.name.get(lang), "kind": label_of(o, "kind", lang)}
            for o in system.organisations
        ],
    }
    out["duty"] = [
        {
            "name": p.name.get(lang),
            "kind": _enum(p.kind, lang),
            "lead": n(p.lead),
            "items": [i.get(lang) for i in p.items],
            "principles": [_enum(x, lang) for x in p.principles]
            + [x.get(lang) for x in p.other_principles],
            "methods": [_enum(x, lang) for x in p.methods],
            "targets": [_enum(x, lang) for x in p.targets],
            "cadences": [_enum(x, lang) for x in p.cadences],
            "output": _count(p.output, lang),
            "topics": [i.get(lang) for i in p.topics],
        }
        for p in system.programmes
    ]
    out["proposals"] = [
        {
            "number": p.number,
            "kind": _enum(p.kind, lang),
            "session": None if p.session is None else p.session.label(lang),
            "title": n.label(p.title),
            "proposers": n.listed(p, "proposers"),
            "lead_handler": n(p.lead_handler),
            "co_handlers": n.listed(p, "co_handlers"),
            "mode": _enum(p.mode, lang),
            "assigned": _date(p.assigned, lang),
            "grade": _enum(p.grade, lang),
            "reply": None
            if p.reply is None
            else {
                "number": _number(p.reply.number, p.reply.numbered, lang),
                "sender": n(p.reply.sender),
                "role": _enum(p.reply.role, lang),
                "date": _date(p.reply.date, lang),
                "signer": n(p.reply.signer),
                "contact": None
                if p.reply.contact is None
                else {
                    "person": n(p.reply.contact.person),
                    "phone": p.reply.contact.phone,
                    "postcode": p.reply.contact.postcode,
                },
            },
            "commitments": dict(
                sorted(
                    Counter(
                        n(c.responsible) or "—" for c in system.commitments if c.proposal == p.id
                    ).items()
                )
            ),
        }
        for p in system.proposals
    ]
    out["figures"] = _figures(system, lang)
    if sources:
        out["cited"] = _cited(system, lang)
    return out


def _protocol(p: OpinionProtocol, n: _Names, lang: str) -> dict[str, Any]:
    """One opinion protocol: only what it states has a value."""
    dl = p.deadlines
    pr = p.press_release
    ma = p.media_access
    return {
        "name": p.name.get(lang),
        "lead": n(p.lead),
        "triggers": [t.get(lang) for t in p.triggers],
        "first_report_to": n.listed(p, "first_report_to"),
        "also_report_to": n.listed(p, "also_report_to"),
        "analysis_meetings": _enum(p.analysis_meetings, lang),
        "deadlines": None
        if dl is None
        else {
            "severity": _enum(dl.severity, lang),
            "first_report": _duration(dl.first_report, lang),
            "authoritative_release": _duration(dl.authoritative_release, lang),
            "press_conference": _duration(dl.press_conference, lang),
        },
        "press_release": None
        if pr is None
        else {
            "decided_by": n(pr.decided_by),
            "decisions": [_enum(d, lang) for d in pr.decisions],
            "spokesperson": n(pr.spokesperson),
            "department": n(pr.department),
            "frequency": _enum(pr.frequency, lang),
        },
        "media_access": None
        if ma is None
        else {
            "measures": [_enum(m, lang) for m in ma.measures],
            "zones": [z.get(lang) for z in ma.zones],
            "max_outlets": ma.max_outlets,
            "max_reporters": ma.max_reporters,
        },
        "instruction_sources": n.listed(p, "instruction_sources"),
        "accountability": p.accountability,
    }


def render_json(data: dict[str, Any]) -> str:
    """The summary as JSON text (stable, UTF-8, trailing newline)."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal.

    East Asian wide and fullwidth characters take two columns, combining
    marks none, everything else one.

    >>> _width("骨干"), _width("backbone"), _width("e\\u0301")
    (4, 8, 1)
    """
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def _table(rows: Sequence[tuple[str, ...]], left: int = 2) -> list[str]:
    """Align columns by display width: the first ``left`` to the left, the rest right.

    >>> print("\\n".join(_table([("层级", "领域", "队伍"), ("骨干", "卫生应急", "990")])))
      层级  领域      队伍
      骨干  卫生应急   990
    """
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - _width(cell))
            cells.append(cell + pad if i < left else pad + cell)
        lines.append("  " + "  ".join(cells).rstrip())
    return lines


def _printable(value: Any) -> Any:
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {_printable(k): _printable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_printable(v) for v in value]
    return value


def render_text(data: dict[str, Any], *, lang: str = "zh") -> str:
    """Lay out :func:`summarize`'s data for a terminal.

    Every name and id is shown with its unprintable characters escaped
    (``\\n``, ``\\u202e``), so nothing in a document can drive the terminal
    or fake a line.  A detail the system does not state is left out, or
    shown as ``—`` where the line names what is missing; a section with
    nothing in it says ``—``.  Tables are aligned by display width, so
    Chinese names line up.

    Examples
    --------
    >>> from emergencykit.datasets import chongqing_2022
    >>> text = render_text(summarize(chongqing_2022(), lang="en"), lang="en")
    >>> text.splitlines()[0]
    '== System =='
    """
    data = _printable(data)
    en = lang == "en"

    # "、" is Chinese punctuation; English names may hold commas, so "; ".
    sep = "; " if en else "、"
    # Clauses of one line: "; " in English, "；" in Chinese.
    clause = "; " if en else "；"

    def t(zh: str, e: str) -> str:
        return e if en else zh

    def join(values: Any) -> str:
        if isinstance(values, list):
            if not en and values and values[-1] == OTHERS[0]:
                # 甲、乙等: the Chinese 等 follows the last name.
                return join(values[:-1]) + OTHERS[0]
            return sep.join(str(v) for v in values if v not in (None, ""))
        return "" if values is None else str(values)

    out: list[str] = []

    def line(label: str, value: Any, indent: str = "  ") -> None:
        """``label: value``, with ``—`` when nothing is stated."""
        out.append(f"{indent}{label}: {join(value) or '—'}")

    def stated(label: str, value: Any, indent: str = "      ") -> None:
        """``label: value`` only when something is stated."""
        if join(value):
            line(label, value, indent)

    def details(pairs: list[tuple[str, Any]]) -> str:
        """The stated ``label: value`` pairs of one line, joined as clauses."""
        return clause.join(f"{k}: {join(v)}" for k, v in pairs if join(v))

    heads: list[int] = []

    def head(key: str, title: str | None = None) -> None:
        close()
        if out:
            out.append("")
        out.append(f"== {title or _HEAD[key][1 if en else 0]} ==")
        heads.append(len(out))

    def close() -> None:
        if heads and heads[-1] == len(out):
            out.append("  —")

    s = data["system"]
    head("system")
    out.append(f"  {s['name']}  ({s['id']})")
    line(t("根辖区", "root"), s["root"])
    line(t("所述日期", "as described on"), s["described"])
    line(t("对象数", "objects"), s["objects"])
    for src in s["sources"]:
        line(t("来源", "source"), src)
    if s["notes"]:
        out.append(f"  {t('说明(文件原文)', 'notes (as the document words them)')}:")
        out.extend(f"  - {note}" for note in s["notes"])

    p = data["plans"]
    head("plans")
    for kind, count in p["by_kind"].items():
        line(kind, count)
    for plan in p["plans"]:
        revs = clause.join(_revision(r, en) for r in plan["revisions"])
        rest = details(
            [
                (t("印发单位", "issued by"), plan["issuer"]),
                (t("牵头", "lead"), plan["lead"]),
                (t("印发日期", "issued"), plan["issued"]),
                (t("修订", "revision"), revs),
                (t("演练记录", "drills recorded"), plan["drills"] or None),
                (t("所涉事件", "events"), plan["events"]),
            ]
        )
        out.append(f"  - {plan['title'] or '—'} [{plan['kind']}]" + (f" {rest}" if rest else ""))
    for doc in p["documents"]:
        issuers = sep.join(doc["issuers"])
        if doc["co_issuers"]:
            issuers = (
                t(f"{issuers}联合{doc['co_issuers']}", f"{issuers} with {doc['co_issuers']}")
                if issuers
                else doc["co_issuers"]
            )
        tags = ", ".join(x for x in (doc["kind"], doc["status"]) if x)
        rest = details(
            [
                (t("印发单位", "issued by"), issuers),
                (t("文号", "number"), doc["number"]),
                (t("印发日期", "issued"), doc["issued"]),
                (t("期限", "due"), doc["due"]),
            ]
        )
        out.append(f"  - {doc['title'] or '—'} [{tags}]" + (f" {rest}" if rest else ""))
    for ps in p["systems"]:
        out.append(f"  {ps['name']}")
        dp = ps["drill_policy"]
        if dp:
            comp, spec = dp["comprehensive_per_year"], dp["special_per_year"]
            parts = [
                t(f"综合性{comp}次", f"{comp} comprehensive") if comp is not None else "",
                t(f"专项{spec}次", f"{spec} special") if spec is not None else "",
            ]
            line(t("年度演练要求", "yearly drills required"), parts)
        for pr in ps["progress"]:
            done, total = pr["revised"], pr["total"]
            if done is not None and total is not None:
                progress = t(f"已修订{done}/{total}", f"{done} of {total} revised")
            elif done is not None:
                progress = t(f"已修订{done}", f"{done} revised")
            elif total is not None:
                progress = t(f"共{total}", f"{total} in all")
            else:
                progress = None
            due = pr["due"] and t(f"期限{pr['due']}", f"due {pr['due']}")
            state = ", ".join(x for x in (pr["status"], progress, due) if x) or "—"
            who = f" ({pr['responsible']})" if pr["responsible"] else ""
            out.append(f"  - {pr['scope']}{who}: {state}")

    if data.get("events"):
        head("events")
        for ev in data["events"]:
            tags = ", ".join(x for x in (ev["type"], ev["date"]) if x)
            out.append(f"  - {ev['name']}" + (f" [{tags}]" if tags else ""))
            stated(t("地点", "in"), ev["jurisdiction"])
            stated(t("援引者", "cited by"), ev["cited_by"])

    head("framework")
    for f in data["framework"]:
        out.append(f"  {f['name']}")
        stated(t("原则", "principles"), f["principles"], "  ")
        for a in f["aspects"]:
            out.append(f"  - {a['name']}: {join(a['institutions']) or '—'}")

    head("dispatch")
    for m in data["dispatch"]["modes"]:
        out.append(f"  - {m['name']}" + (f" ({m['cadence']})" if m["cadence"] else ""))
    for pol in data["dispatch"]["policies"]:
        out.append(f"  {pol['name']}")
        line(t("调度单位", "dispatcher"), pol["dispatcher"], "      ")
        stated(t("调度方式", "modes"), pol["modes"])
        stated(t("依据文件", "document"), pol["document"])

    head("command")
    for b in data["command"]["bodies"]:
        out.append(f"  - {b['name']} [{b['kind']}]")
        stated(t("设立单位", "host"), b["host"])
        stated(t("办公室", "office"), b["office"])
        stated(t("负责人", "lead"), b["lead"])
        stated(t("成员单位", "members"), b["members"])
        for m in b["meetings"]:
            cadence = f" ({m['cadence']})" if m["cadence"] else ""
            line(t("会议", "meeting"), f"{m['name']}{cadence}", "      ")
    for e in data["command"]["expert_panels"]:
        out.append(f"  - {e['name']}" + (f" [{e['kind']}]" if e["kind"] else ""))
        line(t("专家人数", "members"), e["members"], "      ")
        stated(t("召集单位", "convener"), e["convener"])
        stated(t("专业领域", "specialties"), e["specialties"])
        stated(t("参与单位", "contributing agencies"), e["contributors"])

    head("forces")
    for scheme in data["tiers"]:
        ranks = sep.join(f"{tier['rank']} {tier['name']}" for tier in scheme["tiers"])
        line(scheme["name"] + t("(按级次)", " (by rank)"), ranks)
        stated(t("原则", "principles"), scheme["principles"], "    ")
    if data["forces"]:
        rows = [(t("层级", "tier"), t("领域", "domain"), t("队伍", "teams"), t("人数", "people"))]
        rows += [(r["tier"] or "—", r["domain"], r["teams"], r["people"]) for r in data["forces"]]
        out.extend(_table(rows))
    for x in data["formed_jointly"]:
        line(t("联合组建", "formed jointly"), f"{x['name']} ({join(x['agencies'])})")

    head("facilities")
    for fac in data["facilities"]:
        out.append(f"  - {fac['name']} [{fac['kind']}]")
        stated(t("所在辖区", "in"), fac["jurisdiction"])
        stated(t("运营单位", "operator"), fac["operator"])
        stated(t("覆盖", "covers"), fac["covers"])

    for cov in data["coverage"]:
        head("coverage")
        out.append(
            f"  {cov['mandate']}: "
            + t(
                f"{cov['complete']}/{cov['jurisdictions']} 个辖区齐备",
                f"{cov['complete']} of {plural(cov['jurisdictions'], 'jurisdiction')} complete",
            )
        )
        line(t("必备类别", "required"), cov["categories"])
        for r in cov["rows"]:
            if r["missing"]:
                out.append(
                    f"  - {r['jurisdiction']}: {t('缺', 'missing')} {sep.join(r['missing'])}"
                )

    head("opinion")
    for o in data["opinion"]:
        out.append(f"  {o['name']}")
        line(t("牵头", "lead"), o["lead"])
        stated(t("启动情形", "triggers"), o["triggers"], "  ")
        line(t("第一时间报告", "first report to"), o["first_report_to"])
        line(t("同时报告", "also report to"), o["also_report_to"])
        stated(t("研判会议", "analysis meetings"), o["analysis_meetings"], "  ")
        dl = o["deadlines"]
        if dl:
            limits = [
                t(f"{zh}{dl[key]}内", f"{en_} within {dl[key]}")
                for key, zh, en_ in (
                    ("first_report", "首报", "first report"),
                    ("authoritative_release", "权威发布", "authoritative release"),
                    ("press_conference", "新闻发布会", "press conference"),
                )
                if dl[key]
            ]
            grade = dl["severity"] and t(
                f"({dl['severity']}及以上事件)", f" ({dl['severity']} or worse)"
            )
            line(t("时限", "deadlines") + (grade or ""), limits)
        pr = o["press_release"]
        if pr:
            stated(t("新闻发布决定单位", "press release decided by"), pr["decided_by"], "  ")
            stated(t("新闻发布方案确定", "press-release plan decides"), pr["decisions"], "  ")
            stated(t("发布人", "spokesperson"), pr["spokesperson"], "  ")
            stated(t("发布部门", "releasing department"), pr["department"], "  ")
            stated(t("发布频次", "release frequency"), pr["frequency"], "  ")
        ma = o["media_access"]
        if ma:
            stated(t("采访管理", "media access"), ma["measures"], "  ")
            stated(t("采访区域", "interview zones"), ma["zones"], "  ")
            if ma["max_outlets"] is not None:
                line(
                    t("进场媒体", "media outlets"),
                    t(f"不超过{ma['max_outlets']}家", f"at most {ma['max_outlets']}"),
                )
            if ma["max_reporters"] is not None:
                line(
                    t("记者", "reporters"),
                    t(f"不超过{ma['max_reporters']}人", f"at most {ma['max_reporters']}"),
                )
        line(t("指令来源", "instruction sources"), o["instruction_sources"])
        if o["accountability"] is not None:
            yes = o["accountability"]
            line(t("追责问责", "accountability"), t("是" if yes else "否", "yes" if yes else "no"))

    head("society")
    for g in data["society"]["groups"]:
        named = f" ({join(g['named'])})" if g["named"] else ""
        out.append(f"  - {g['name']} [{g['kind']}]: {g['count']}{named}")
        stated(t("检查方式", "inspections"), g["inspections"])
    for org in data["society"]["organisations"]:
        out.append(f"  - {org['name']} [{org['kind']}]")

    head("duty")
    for d in data["duty"]:
        out.append(f"  - {d['name']} [{d['kind']}]")
        stated(t("牵头", "lead"), d["lead"])
        stated(t("内容", "items"), d["items"])
        stated(t("原则", "principles"), d["principles"])
        stated(t("方式", "methods"), d["methods"])
        stated(t("对象", "reaching"), d["targets"])
        stated(t("频次", "cadence"), d["cadences"])
        stated(t("成果", "output"), d["output"])
        stated(t("主题", "topics"), d["topics"])

    head("proposals", _proposals_head(data["proposals"], lang))
    for pr in data["proposals"]:
        session = f" ({pr['session']})" if pr["session"] else ""
        out.append(f"  {pr['kind']} {pr['number'] or '—'}{session}: {pr['title'] or '—'}")
        line(t("提出人", "proposers"), pr["proposers"])
        line(t("主办", "lead handler"), pr["lead_handler"])
        line(t("协办", "co-handlers"), pr["co_handlers"])
        stated(t("办理方式", "handling"), pr["mode"], "  ")
        stated(t("交办日期", "assigned"), pr["assigned"], "  ")
        reply = pr["reply"]
        if reply:
            stated(t("答复文号", "reply number"), reply["number"], "  ")
            if reply["role"]:
                who, role = reply["sender"], reply["role"]
                line(t("答复单位身份", "replying as"), f"{who} ({role})" if who else role)
            line(t("答复日期", "reply date"), reply["date"])
            line(t("审签", "signed by"), reply["signer"])
            c = reply["contact"]
            if c:
                contact = [
                    c["person"] or "",
                    c["phone"] and t(f"电话 {c['phone']}", f"phone {c['phone']}"),
                    c["postcode"] and t(f"邮编 {c['postcode']}", f"postcode {c['postcode']}"),
                ]
                out.append(
                    f"  {t('联系人', 'contact')}: "
                    + (t("，", ", ").join(x for x in contact if x) or "—")
                )
        stated(t("办理结果", "outcome"), pr["grade"], "  ")
        if pr["commitments"]:
            out.append(f"  {t('承诺事项(按责任单位)', 'commitments by responsible agency')}:")
            for who, count in pr["commitments"].items():
                out.append(f"  - {who}: " + t(f"{count}项", plural(count, "commitment")))

    if data.get("figures"):
        head("figures")
        for obj in data["figures"]:
            colon = ": " if en else "："
            figures = clause.join(f"{f['label']}{colon}{f['count']}" for f in obj["figures"])
            out.append(f"  - {obj['name']} [{obj['kind']}]: {figures}")

    if "cited" in data:
        head("cited")
        for obj in data["cited"]:
            out.append(f"  - {obj['name']} [{obj['kind']}, {obj['id']}]")
            if not obj["cite"]:
                out.append(f"      {t('(未注明出处)', '(no citation)')}")
            for c in obj["cite"]:
                where = " ".join(x for x in (c["source"], c["locator"]) if x)
                quote = f"「{c['quote']}」" if c["quote"] else ""
                if where or quote or not c["inferred"]:  # an inference alone has no place
                    out.append(f"      {where or '—'}: {quote or '—'}")
                if c["inferred"]:
                    out.append(f"      {t('推断', 'inferred')}: {c['why']}")
    close()
    return "\n".join(out) + "\n"


def _proposals_head(proposals: list[dict[str, Any]], lang: str) -> str:
    """The heading of the proposals section, in the words of the kinds it holds.

    A system of NPC suggestions reads 建议办理, never 提案办理.

    >>> _proposals_head([{"kind": "人大代表建议"}], "zh"), _proposals_head([], "en")
    ('建议办理', 'Proposals and suggestions and their handling')
    """
    by_label = {k.label(lang): k for k in ProposalKind}
    kinds = {by_label[p["kind"]] for p in proposals if p["kind"] in by_label}
    noun = ProposalKind.common_noun(kinds, lang)
    if lang == "en":
        plural_noun = "Proposals and suggestions" if " or " in noun else f"{noun.capitalize()}s"
        return f"{plural_noun} and their handling"
    return f"{noun}办理"


def _revision(r: dict[str, Any], en: bool) -> str:
    """``planned, due 2022`` / ``计划修订，期限2022``."""
    parts = [r["status"] or ""]
    if r["date"]:
        parts.append(r["date"])
    if r["due"]:
        parts.append(f"due {r['due']}" if en else f"期限{r['due']}")
    if r.get("changes"):
        changes = ("; " if en else "、").join(r["changes"])
        parts.append(f"changed: {changes}" if en else f"修订内容：{changes}")
    if r.get("events"):
        events = ("; " if en else "、").join(r["events"])
        parts.append(f"after: {events}" if en else f"所涉事件：{events}")
    return (", " if en else "，").join(x for x in parts if x)


def render(data: dict[str, Any], format: str = "text", *, lang: str = "zh") -> str:
    """:func:`summarize`'s data in ``format``, one of :data:`FORMATS`.

    Raises
    ------
    emergencykit.errors.UnknownFormatError
        For any other format (it extends ``ValueError``).

    Examples
    --------
    >>> render({"system": {"id": "s"}}, "json")
    '{\\n  "system": {\\n    "id": "s"\\n  }\\n}\\n'
    """
    renderer = _RENDERERS.get(format)
    if renderer is None:
        raise UnknownFormatError(
            f"unknown summary format {format!r}; choose one of {', '.join(FORMATS)}"
        )
    return renderer(data, lang)


# The one registry of summary formats (``emergencykit summary --format``).
_RENDERERS: dict[str, Callable[[dict[str, Any], str], str]] = {
    "text": lambda data, lang: render_text(data, lang=lang),
    "json": lambda data, lang: render_json(data),
}

#: The formats :func:`render` writes.
FORMATS = tuple(_RENDERERS)
