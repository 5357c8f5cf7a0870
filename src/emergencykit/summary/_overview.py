"""A readable overview of a system: what the library knows, section by section.

:func:`summarize` returns plain data (JSON-ready, deterministic);
:func:`render_text` lays it out for a terminal in Chinese or English.
"""

import json
import unicodedata
from collections import Counter
from collections.abc import Callable
from typing import Any

from emergencykit._printable import printable
from emergencykit.errors import UnknownFormatError
from emergencykit.model import Approx, Count, EmergencySystem, ForceDomain, Label, PlanKind
from emergencykit.summary._coverage import force_totals, mandate_coverage

__all__ = ["FORMATS", "render", "render_json", "render_text", "summarize"]

_HEAD = {
    "system": ("体系", "System"),
    "plans": ("预案体系", "Plans"),
    "framework": ("制度架构", "Framework"),
    "dispatch": ("统一调度", "Dispatch"),
    "command": ("指挥机构与专家", "Command bodies and experts"),
    "forces": ("救援力量(按层级与领域)", "Forces by tier and domain"),
    "coverage": ("区县覆盖", "Coverage by district"),
    "opinion": ("舆论舆情", "Public opinion"),
    "society": ("社会组织", "Social organisations"),
    "duty": ("责任与培训", "Responsibility and training"),
    "proposals": ("提案办理", "Proposals and their handling"),
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
        label = getattr(obj, "name", None) or getattr(obj, "title", None)
        return label.get(self.lang) if isinstance(label, Label) else f"{id}?"

    def many(self, ids: tuple[str, ...]) -> list[str]:
        return [self(i) or i for i in ids]

    def label(self, label: Label | None) -> str | None:
        return None if label is None else label.get(self.lang)


def _enum(value: Any, lang: str) -> str | None:
    return None if value is None else str(value.label(lang))


def _duration(value: Any) -> str | None:
    if value is None:
        return None
    hours = value.total_seconds() / 3600
    return f"{hours:g} h"


def _count(count: Count, lang: str) -> str:
    """A count in the source's own words in Chinese (``20家``), in words in English."""
    if lang != "en":
        return count.text or str(count.value)
    approx = "" if count.approx is Approx.EXACT else f"{count.approx.label('en')} "
    return f"{approx}{count.value} {count.unit.label('en')}"


def summarize(system: EmergencySystem, *, lang: str = "zh") -> dict[str, Any]:
    """Summarise ``system`` as plain, JSON-ready data with labels in ``lang``.

    Parameters
    ----------
    system
        The system to summarise.
    lang
        ``"zh"`` or ``"en"``; names without an English form stay in Chinese.

    Returns
    -------
    dict
        One key per section (system, plans, framework, dispatch, command,
        forces, coverage, opinion, society, duty, proposals).

    Examples
    --------
    >>> from emergencykit.datasets import chongqing_2022
    >>> data = summarize(chongqing_2022(), lang="en")
    >>> data["proposals"][0]["number"]
    '0716'
    >>> len(data["proposals"][0]["co_handlers"])
    5
    """
    n = _Names(system, lang)
    root = system.get(system.root) if system.root else None
    out: dict[str, Any] = {
        "system": {
            "id": system.id,
            "name": system.name.get(lang),
            "root": n(system.root) if root is not None else system.root,
            "described": system.described.isoformat() if system.described else None,
            "objects": len(system),
            "sources": [s.title.get(lang) for s in system.sources],
        }
    }
    kinds = Counter(p.kind for p in system.plans)
    out["plans"] = {
        "by_kind": {k.label(lang): kinds[k] for k in PlanKind if kinds[k]},
        "plans": [
            {
                "title": p.title.get(lang),
                "kind": _enum(p.kind, lang),
                "lead": n(p.lead),
                "issued": p.issued.isoformat() if p.issued else None,
                "revisions": [
                    {
                        "status": _enum(r.status, lang),
                        "date": r.date.isoformat() if r.date else None,
                        "due": r.due.isoformat() if r.due else None,
                    }
                    for r in p.revisions
                ],
                "drills": len(p.drills),
            }
            for p in system.plans
        ],
        "documents": [
            {
                "title": d.title.get(lang),
                "kind": _enum(d.kind, lang),
                "status": _enum(d.status, lang),
                "issuers": n.many(d.issuers),
                "co_issuers": d.co_issuers.value if d.co_issuers else None,
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
                    }
                    for pr in ps.progress
                ],
            }
            for ps in system.plan_systems
        ],
    }
    out["framework"] = [
        {
            "name": f.name.get(lang),
            "aspects": [
                {
                    "name": n(a),
                    "institutions": n.many(getattr(system.get(a), "institutions", ())),
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
            {"name": p.name.get(lang), "dispatcher": n(p.dispatcher), "document": n(p.document)}
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
                "meetings": [m.name.get(lang) for m in b.meetings],
            }
            for b in system.command_bodies
        ],
        "expert_panels": [
            {
                "name": e.name.get(lang),
                "kind": _enum(e.kind, lang),
                "specialties": [s.get(lang) for s in e.specialties],
                "contributors": n.many(e.contributors),
            }
            for e in system.expert_panels
        ],
    }
    out["forces"] = [
        {
            "tier": n(tier) if tier else None,
            "domain": ForceDomain(domain).label(lang),
            "teams": str(row["teams"]),
            "people": str(row["people"]),
        }
        for (tier, domain), row in force_totals(system).items()
    ]
    out["coverage"] = []
    for mandate in system.mandates:
        rows = mandate_coverage(system, mandate)
        out["coverage"].append(
            {
                "mandate": mandate.name.get(lang),
                "categories": n.many(mandate.categories),
                "jurisdictions": len(rows),
                "complete": sum(r.complete for r in rows),
                "rows": [
                    {
                        "jurisdiction": n(r.jurisdiction),
                        "found": {n(c) or c: str(t) for c, t in r.found},
                        "missing": n.many(r.missing),
                    }
                    for r in rows
                ],
            }
        )
    out["opinion"] = [
        {
            "name": p.name.get(lang),
            "lead": n(p.lead),
            "first_report_to": n.many(p.first_report_to),
            "also_report_to": n.many(p.also_report_to),
            "analysis_meetings": _enum(p.analysis_meetings, lang),
            "deadlines": None
            if p.deadlines is None
            else {
                "first_report": _duration(p.deadlines.first_report),
                "authoritative_release": _duration(p.deadlines.authoritative_release),
                "press_conference": _duration(p.deadlines.press_conference),
            },
            "press_release": None
            if p.press_release is None
            else {
                "decided_by": n(p.press_release.decided_by),
                "decisions": [_enum(d, lang) for d in p.press_release.decisions],
                "spokesperson": n(p.press_release.spokesperson),
            },
            "media_access": None
            if p.media_access is None
            else {
                "measures": [_enum(m, lang) for m in p.media_access.measures],
                "max_outlets": p.media_access.max_outlets,
                "max_reporters": p.media_access.max_reporters,
            },
            "instruction_sources": n.many(p.instruction_sources),
            "accountability": p.accountability,
        }
        for p in system.protocols
    ]
    out["society"] = {
        "groups": [
            {
                "name": g.name.get(lang),
                "kind": _enum(g.kind, lang),
                "count": _count(g.count, lang),
                "named": n.many(g.members),
                "inspections": [_enum(k, lang) for k in g.inspection_regime],
            }
            for g in system.organisation_groups
        ],
        "organisations": [
            {"name": o.name.get(lang), "kind": _enum(o.kind, lang)} for o in system.organisations
        ],
    }
    out["duty"] = [
        {
            "name": p.name.get(lang),
            "kind": _enum(p.kind, lang),
            "items": [i.get(lang) for i in p.items]
            + [_enum(x, lang) or "" for x in (*p.principles, *p.methods, *p.targets, *p.cadences)],
            "output": p.output.value if p.output else None,
        }
        for p in system.programmes
    ]
    out["proposals"] = [
        {
            "number": p.number,
            "kind": _enum(p.kind, lang),
            "session": p.session.label(lang),
            "title": p.title.get(lang),
            "proposers": n.many(p.proposers),
            "lead_handler": n(p.lead_handler),
            "co_handlers": n.many(p.co_handlers),
            "mode": _enum(p.mode, lang),
            "reply": None
            if p.reply is None
            else {
                "date": p.reply.date.isoformat(),
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
    return out


def render_json(data: dict[str, Any]) -> str:
    """The summary as JSON text (stable, UTF-8, trailing newline)."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _width(text: str) -> int:
    """Display width in a terminal: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    """Align columns; the first two left, the rest right, by display width."""
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - _width(cell))
            cells.append(cell + pad if i < 2 else pad + cell)
        lines.append("  " + "  ".join(cells).rstrip())
    return lines


def _line(label: str, value: Any, sep: str = "、") -> str:
    if isinstance(value, list):
        value = sep.join(str(v) for v in value) if value else "—"
    return f"  {label}: {value if value not in (None, '') else '—'}"


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
    or fake a line.

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

    def t(zh: str, e: str) -> str:
        return e if en else zh

    def line(label: str, value: Any) -> str:
        return _line(label, value, sep)

    out: list[str] = []

    def head(key: str) -> None:
        if out:
            out.append("")
        out.append(f"== {_HEAD[key][1 if en else 0]} ==")

    s = data["system"]
    head("system")
    out.append(f"  {s['name']}  ({s['id']})")
    out.append(line(t("根辖区", "root"), s["root"]))
    out.append(line(t("所述日期", "as described on"), s["described"]))
    out.append(line(t("对象数", "objects"), s["objects"]))
    for src in s["sources"]:
        out.append(line(t("来源", "source"), src))

    p = data["plans"]
    head("plans")
    for kind, count in p["by_kind"].items():
        out.append(line(kind, count))
    for plan in p["plans"]:
        revs = "; ".join(
            f"{r['status']} {r['date'] or r['due'] or ''}".strip() for r in plan["revisions"]
        )
        out.append(f"  - {plan['title']} [{plan['kind']}] {t('修订', 'revision')}: {revs or '—'}")
    for doc in p["documents"]:
        extra = f" +{doc['co_issuers']}" if doc["co_issuers"] else ""
        issuers = sep.join(doc["issuers"]) or "—"
        out.append(f"  - {doc['title']} [{doc['kind']}, {doc['status']}] {issuers}{extra}")
    for ps in p["systems"]:
        out.append(f"  {ps['name']}")
        dp = ps["drill_policy"]
        if dp:
            out.append(
                line(
                    t("年度演练要求", "yearly drills required"),
                    t(
                        f"综合性{dp['comprehensive_per_year']}次、专项{dp['special_per_year']}次",
                        f"{dp['comprehensive_per_year']} comprehensive, {dp['special_per_year']} special",
                    ),
                )
            )
        for pr in ps["progress"]:
            done = "?" if pr["revised"] is None else pr["revised"]
            total = "?" if pr["total"] is None else pr["total"]
            out.append(
                f"  - {pr['scope']} ({pr['responsible'] or '—'}): {pr['status']}, {done}/{total}"
            )

    head("framework")
    for f in data["framework"]:
        out.append(f"  {f['name']}")
        for a in f["aspects"]:
            out.append(f"  - {a['name']}: {sep.join(a['institutions']) or '—'}")

    head("dispatch")
    for m in data["dispatch"]["modes"]:
        out.append(f"  - {m['name']} ({m['cadence']})")
    for pol in data["dispatch"]["policies"]:
        out.append(line(pol["name"], f"{pol['dispatcher'] or '—'}; {pol['document'] or '—'}"))

    head("command")
    for b in data["command"]["bodies"]:
        extra = f"; {t('办公室', 'office')}: {b['office']}" if b["office"] else ""
        out.append(f"  - {b['name']} [{b['kind']}] {b['host'] or ''}{extra}")
        for m in b["meetings"]:
            out.append(f"      {m}")
    for e in data["command"]["expert_panels"]:
        out.append(f"  - {e['name']} [{e['kind']}] {sep.join(e['specialties'])}")

    head("forces")
    out.append(
        f"  {t('层级', 'tier'):<14}{t('领域', 'domain'):<20}{t('队伍', 'teams'):>8}{t('人数', 'people'):>10}"
    )
    for row in data["forces"]:
        tier = row["tier"] or "—"
        out.append(f"  {tier:<14}{row['domain']:<20}{row['teams']:>8}{row['people'] or '—':>10}")

    for cov in data["coverage"]:
        head("coverage")
        out.append(
            f"  {cov['mandate']}: {cov['complete']}/{cov['jurisdictions']} "
            + t("个辖区齐备", "jurisdictions complete")
        )
        out.append(line(t("必备类别", "required"), cov["categories"]))
        for r in cov["rows"]:
            if r["missing"]:
                out.append(
                    f"  - {r['jurisdiction']}: {t('缺', 'missing')} {sep.join(r['missing'])}"
                )

    head("opinion")
    for o in data["opinion"]:
        out.append(f"  {o['name']}")
        out.append(line(t("牵头", "lead"), o["lead"]))
        out.append(line(t("第一时间报告", "first report to"), o["first_report_to"]))
        out.append(line(t("同时报告", "also report to"), o["also_report_to"]))
        out.append(line(t("研判会议", "analysis meetings"), o["analysis_meetings"]))
        dl = o["deadlines"] or {}
        out.append(
            line(
                t("时限", "deadlines"),
                ", ".join(f"{k}={v}" for k, v in dl.items() if v) or None,
            )
        )
        if o["press_release"]:
            out.append(line(t("新闻发布", "press release"), o["press_release"]["decisions"]))
        if o["media_access"]:
            out.append(line(t("采访管理", "media access"), o["media_access"]["measures"]))
        out.append(line(t("指令来源", "instruction sources"), o["instruction_sources"]))
        out.append(
            line(
                t("追责问责", "accountability"),
                t("是", "yes") if o["accountability"] else t("否", "no"),
            )
        )

    head("society")
    for g in data["society"]["groups"]:
        named = f" ({sep.join(g['named'])})" if g["named"] else ""
        out.append(f"  - {g['name']} [{g['kind']}]: {g['count']}{named}")

    head("duty")
    for d in data["duty"]:
        items = sep.join(i for i in d["items"] if i)
        output = f" ({d['output']})" if d["output"] is not None else ""
        out.append(f"  - {d['name']}{output}: {items or '—'}")

    head("proposals")
    for pr in data["proposals"]:
        out.append(f"  {pr['kind']} {pr['number']} ({pr['session']}): {pr['title']}")
        out.append(line(t("提出人", "proposers"), pr["proposers"]))
        out.append(line(t("主办", "lead handler"), pr["lead_handler"]))
        out.append(line(t("协办", "co-handlers"), pr["co_handlers"]))
        reply = pr["reply"]
        if reply:
            out.append(line(t("答复日期", "reply date"), reply["date"]))
            out.append(line(t("审签", "signed by"), reply["signer"]))
            c = reply["contact"]
            if c:
                out.append(
                    line(
                        t("联系人", "contact"),
                        f"{c['person']} {c['phone'] or ''} {c['postcode'] or ''}".strip(),
                    )
                )
        for who, count in pr["commitments"].items():
            out.append(f"  - {t('承诺', 'commitments')} {who}: {count}")
    return "\n".join(out) + "\n"


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
