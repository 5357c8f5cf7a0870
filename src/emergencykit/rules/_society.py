"""EK6xx: social organisations and responsibility programmes."""

from collections.abc import Iterator

from emergencykit._words import plural
from emergencykit.model import (
    Cadence,
    DutyKind,
    InspectionKind,
    OrganizationGroup,
    OrganizationKind,
    SocialOrganization,
)
from emergencykit.rules._builtin import CHONGQING, NATIONAL
from emergencykit.rules._config import add_years
from emergencykit.rules._dates import last, later, latest_of, shift, span, when
from emergencykit.rules._engine import Context, rule
from emergencykit.rules._report import Finding, Level

__all__: list[str] = []


@rule(
    "EK601",
    Level.WARNING,
    zh="在册社会组织年检逾期",
    en="registered organisation overdue for its annual inspection",
    source=(
        "社会团体登记管理条例 (国务院令第250号), 民办非企业单位登记管理暂行条例 "
        "(国务院令第251号), 基金会管理条例 (2004): annual inspection (articles not "
        "verified); seed §五 (年度检查)"
    ),
    needs=(
        "SocialOrganization.registered",
        "SocialOrganization.inspections",
        "SocialOrganization.registered_on",
    ),
)
def inspection_overdue(ctx: Context) -> Iterator[Finding]:
    """Registered social organisations go through an annual inspection.  The
    clock runs from the last annual inspection, else the registration date;
    an organisation with neither on record is not judged.  When that date is
    known only to the month or the year and the answer depends on the day,
    the rule asks."""
    years = ctx.config.params_for(NATIONAL).inspection_years
    for i, o in enumerate(ctx.system.organisations):
        if o.registered is not True:
            continue
        annual = [
            x.date for x in o.inspections if x.kind is InspectionKind.ANNUAL and x.date is not None
        ]
        stamp = latest_of(annual) if annual else o.registered_on
        if stamp is None:
            continue
        days = last(annual) or span(stamp)
        due = shift(days, add_years, years)
        late = later(span(ctx.as_of), due)
        since = "上次年检" if annual else "登记"
        since_en = "last annual inspection" if annual else "registration"
        if late:
            yield ctx.finding(
                f"社会组织「{o.name.get('zh')}」{since}于 {stamp}，年检应于 {due[1]} 前进行",
                f"organisation '{o.name.get('en')}': {since_en} on {stamp}; an annual inspection "
                f"was due by {due[1]}",
                subjects=(o.id,),
                path=f"$.organisations[{i}].inspections",
            )
        elif late is None:
            yield ctx.question(
                f"社会组织「{o.name.get('zh')}」{since}于 {stamp}，日期不够具体，"
                f"无法判断至 {ctx.as_of} 年检是否已逾期(应于 {when(due)} 间进行)",
                f"organisation '{o.name.get('en')}': {since_en} in {stamp}; cannot tell whether "
                f"an annual inspection was overdue by {ctx.as_of} (due {when(due)})",
                subjects=(o.id,),
                path=f"$.organisations[{i}].inspections",
            )


@rule(
    "EK602",
    Level.WARNING,
    zh="应急救援社会组织未登记",
    en="emergency-rescue organisation not registered",
    source=(
        "社会团体登记管理条例 (国务院令第250号), 民办非企业单位登记管理暂行条例 "
        "(国务院令第251号), 基金会管理条例 (2004): registration before activity "
        "(articles not verified); seed §五 (已经完成登记的应急救援专业社会组织)"
    ),
    needs=(
        "SocialOrganization.kind",
        "SocialOrganization.registered",
        "OrganizationGroup.kind",
        "OrganizationGroup.registered",
    ),
)
def rescue_unregistered(ctx: Context) -> Iterator[Finding]:
    """Emergency-rescue social organisations are registered with civil
    affairs before they are called on.  Fires when ``registered`` is false;
    unknown (empty) is not judged."""
    named: list[tuple[str, SocialOrganization | OrganizationGroup]] = [
        (f"$.organisations[{i}]", o) for i, o in enumerate(ctx.system.organisations)
    ]
    named += [
        (f"$.organisation_groups[{i}]", g) for i, g in enumerate(ctx.system.organisation_groups)
    ]
    for path, o in named:
        if o.kind is OrganizationKind.EMERGENCY_RESCUE and o.registered is False:
            yield ctx.finding(
                f"应急救援社会组织「{o.name.get('zh')}」未登记",
                f"emergency-rescue organisation '{o.name.get('en')}' is not registered",
                subjects=(o.id,),
                path=f"{path}.registered",
            )


@rule(
    "EK603",
    Level.INFO,
    zh="社会组织没有业务主管单位",
    en="organisation without a supervising unit",
    source="seed §五 (民政部门将协同业务主管单位)",
    needs=("SocialOrganization.supervisor",),
)
def without_supervisor(ctx: Context) -> Iterator[Finding]:
    """Civil affairs inspects social organisations together with their
    competent business unit (业务主管单位); many organisations register
    directly and have none, so a document that does not name one is asked,
    at information level."""
    for i, o in enumerate(ctx.system.organisations):
        if o.supervisor is None:
            yield ctx.question(
                f"文件未说明社会组织「{o.name.get('zh')}」的业务主管单位(如有)",
                f"the document does not say which unit supervises organisation "
                f"'{o.name.get('en')}' (if any)",
                subjects=(o.id,),
                path=f"$.organisations[{i}].supervisor",
            )


@rule(
    "EK604",
    Level.ERROR,
    zh="社会组织群列名组织多于其总数",
    en="organisation group names more members than it counts",
    source="seed §五 (counts are honest)",
    needs=("OrganizationGroup.count", "OrganizationGroup.members"),
)
def org_group_overfull(ctx: Context) -> Iterator[Finding]:
    """A counted group's named members are included in its count, so there
    cannot be more of them than the count allows."""
    for i, g in enumerate(ctx.system.organisation_groups):
        upper = g.count.upper
        named = len(set(g.members))
        if upper is not None and named > upper:
            yield ctx.finding(
                f"社会组织群「{g.name.get('zh')}」列名 {named} 家，多于总数 {upper}",
                f"organisation group '{g.name.get('en')}' names {plural(named, 'member')}, more than its "
                f"count {upper}",
                subjects=(g.id,),
                path=f"$.organisation_groups[{i}].members",
            )


@rule(
    "EK605",
    Level.INFO,
    zh="企业责任制没有每日隐患排查",
    en="enterprise-responsibility programme without daily hazard checks",
    source="seed §三 (“日周月”隐患排查): Chongqing practice, not national law",
    pack=CHONGQING,
    needs=("Programme.kind", "Programme.cadences"),
)
def no_daily_checks(ctx: Context) -> Iterator[Finding]:
    """Chongqing's front-line responsibility system has enterprises check for
    hazards daily, weekly and monthly (日周月); a programme whose stated
    cadences leave out the daily check misses the finest grain.  One that
    states no cadence is asked."""
    for i, p in enumerate(ctx.system.programmes):
        if p.kind is not DutyKind.ENTERPRISE_RESPONSIBILITY or Cadence.DAILY in p.cadences:
            continue
        if not p.cadences:
            yield ctx.question(
                f"文件未说明工作项目「{p.name.get('zh')}」的隐患排查频次(是否每日排查)",
                f"the document does not say how often programme '{p.name.get('en')}' checks "
                "for hazards (daily?)",
                subjects=(p.id,),
                path=f"$.programmes[{i}].cadences",
            )
        else:
            yield ctx.finding(
                f"工作项目「{p.name.get('zh')}」没有每日隐患排查",
                f"programme '{p.name.get('en')}' has no daily hazard check",
                subjects=(p.id,),
                path=f"$.programmes[{i}].cadences",
            )


@rule(
    "EK606",
    Level.INFO,
    zh="工作项目没有牵头单位",
    en="programme without a lead",
    source="seed §三",
    needs=("Programme.lead",),
)
def programme_without_lead(ctx: Context) -> Iterator[Finding]:
    """A responsibility, inspection or outreach programme is run by some
    agency; the document may not say which, and is then asked."""
    for i, p in enumerate(ctx.system.programmes):
        if p.lead is None:
            yield ctx.question(
                f"文件未说明工作项目「{p.name.get('zh')}」由哪个单位牵头",
                f"the document does not say who leads programme '{p.name.get('en')}'",
                subjects=(p.id,),
                path=f"$.programmes[{i}].lead",
            )
