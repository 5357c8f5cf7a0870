"""EK1xx: plans, revisions, filing and drills."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from emergencykit.model import (
    AdminLevel,
    AgencyKind,
    CommandBody,
    DocumentStatus,
    DrillScope,
    EventCategory,
    Kind,
    Label,
    PartialDate,
    Plan,
    PlanKind,
    PlanSection,
    RevisionStatus,
    label_of,
    parent_cycles,
)
from emergencykit.model._system import display
from emergencykit.rules._builtin import CHONGQING, NATIONAL
from emergencykit.rules._config import add_years
from emergencykit.rules._dates import Span, exact, last, later, latest_of, shift, span, when
from emergencykit.rules._engine import Context, rule
from emergencykit.rules._report import Finding, Level

__all__: list[str] = []

_DEPARTMENTS = (AgencyKind.PARTY_DEPARTMENT, AgencyKind.GOVERNMENT_DEPARTMENT)
_FILED_KINDS = (
    PlanKind.OVERALL,
    PlanKind.SPECIAL,
    PlanKind.DEPARTMENT,
    PlanKind.TOWNSHIP,
    PlanKind.VILLAGE,
)
_LOCAL_KINDS = (PlanKind.TOWNSHIP, PlanKind.VILLAGE)

#: 突发事件应急预案管理办法 (国办发〔2024〕5号) was issued on 31 January 2024 and
#: took effect on issue; its filing rule (Art. 26) binds plans issued from then on.
MEASURES_2024 = dt.date(2024, 1, 31)


def plan_jurisdiction(ctx: Context, plan: Plan) -> str | None:
    """The plan's jurisdiction: its own, else its issuer's, else the system root."""
    if plan.jurisdiction is not None:
        return plan.jurisdiction
    issuer = ctx.get(plan.issuer)
    place = getattr(issuer, "jurisdiction", None)
    if isinstance(place, str):
        return place
    return ctx.system.root


def _plans(ctx: Context) -> Iterator[tuple[str, Plan]]:
    for i, p in enumerate(ctx.system.plans):
        yield f"$.plans[{i}]", p


def _t(p: Plan) -> tuple[str, str]:
    return display(p, "zh"), display(p, "en")


def _in_window(day: Span, since: dt.date, until: dt.date) -> bool | None:
    """Whether ``day`` is in ``(since, until]``; ``None`` when it cannot tell."""
    after_since = later(day, span(since))
    after_until = later(day, span(until))
    if after_since is False or after_until is True:
        return False
    if after_since is True and after_until is False:
        return True
    return None


@rule(
    "EK101",
    Level.ERROR,
    zh="预案没有牵头单位",
    en="plan without a lead",
    source=(
        "突发事件应急预案管理办法 (国办发〔2024〕5号): plans are drafted by the body "
        "responsible (article not verified); asked, not judged"
    ),
    needs=("Plan.lead",),
)
def plan_without_lead(ctx: Context) -> Iterator[Finding]:
    """Every plan has a body that leads it (牵头单位): the department that
    drafts, keeps and activates it.  A document that does not say which is
    asked; a planner's own complete data that names none has a plan that is
    nobody's job to revise, drill or activate."""
    for path, p in _plans(ctx):
        if p.lead is None:
            zh, en = _t(p)
            yield ctx.question(
                f"文件未说明预案「{zh}」由哪个单位牵头",
                f"the document does not say who leads plan '{en}'",
                subjects=(p.id,),
                path=f"{path}.lead",
                hint=Label(
                    zh="在 lead 中填写牵头部门。", en="Name the leading department in lead."
                ),
            )


@rule(
    "EK102",
    Level.ERROR,
    zh="县级以下编制总体预案",
    en="overall plan below county level",
    source=(
        "突发事件应急预案管理办法 (国办发〔2024〕5号, in force 2024-01-31; article not "
        "verified; the 2013 Measures it repealed said so in Arts 6–7)"
    ),
    needs=("Plan.kind", "Plan.jurisdiction", "Jurisdiction.level"),
)
def overall_below_county(ctx: Context) -> Iterator[Finding]:
    """Overall plans (总体应急预案) are made by governments at county level
    and above; townships and villages make township or village plans
    instead.  An overall plan at a lower level is usually a mislabelled plan."""
    for path, p in _plans(ctx):
        if p.kind is not PlanKind.OVERALL:
            continue
        j = ctx.tree.get(plan_jurisdiction(ctx, p))
        if j is None or j.level is None:
            continue
        level = j.level
        if level.rank > AdminLevel.COUNTY.rank:
            zh, en = _t(p)
            yield ctx.finding(
                f"总体预案「{zh}」属于{level.zh}「{j.name.get('zh')}」，低于区县级",
                f"overall plan '{en}' belongs to {level.en} '{j.name.get('en')}', below county level",
                subjects=(p.id, j.id),
                path=f"{path}.kind",
                hint=Label(zh="改为乡镇或村(社区)预案。", en="Make it a township or village plan."),
            )


@rule(
    "EK103",
    Level.ERROR,
    zh="专项预案的牵头单位不是部门",
    en="special plan not led by a department",
    source=(
        "突发事件应急预案管理办法 (国办发〔2024〕5号; article not verified; the 2013 "
        "Measures it repealed said so in Art. 7)"
    ),
    needs=("Plan.kind", "Plan.lead", "Agency.kind"),
)
def special_not_department(ctx: Context) -> Iterator[Finding]:
    """A special plan (专项应急预案) is drafted and led by the relevant party or
    government department and approved by the same-level government.  A
    special plan led by a government itself, a command body or an enterprise
    has lost its responsible department.  Leads of the wrong kind altogether
    are EK003's business."""
    for path, p in _plans(ctx):
        if p.kind is not PlanKind.SPECIAL or p.lead is None:
            continue
        lead = ctx.get(p.lead)
        if isinstance(lead, CommandBody) or (
            ctx.kind(p.lead) == Kind.AGENCY
            and lead.kind is not None
            and lead.kind not in _DEPARTMENTS
        ):
            zh, en = _t(p)
            lz, le = ctx.names(p.lead)
            kz, ke = label_of(lead, "kind", "zh"), label_of(lead, "kind", "en")
            yield ctx.finding(
                f"专项预案「{zh}」由「{lz}」（{kz}）牵头，它不是党委或政府部门",
                f"special plan '{en}' is led by '{le}' ({ke}), which is not a party or "
                "government department",
                subjects=(p.id, p.lead),
                path=f"{path}.lead",
            )


@rule(
    "EK104",
    Level.WARNING,
    zh="风险没有预案覆盖",
    en="hazard not covered by any plan",
    source="应对法 Art. 26–28 (plans for the risks of the area)",
    needs=("Jurisdiction.hazards", "Plan.event_types", "Plan.jurisdiction"),
)
def uncovered_hazard(ctx: Context) -> Iterator[Finding]:
    """A jurisdiction lists the event types it is exposed to (``hazards``).
    Each should be covered by some plan of that jurisdiction or of one above
    it; a plan without a jurisdiction counts for its issuer's jurisdiction or
    the system root.  A document seldom lists every plan, so a hazard no
    listed plan covers is a question, unless the system is complete."""
    covered: dict[str, set[str]] = defaultdict(set)
    for p in ctx.system.plans:
        place = plan_jurisdiction(ctx, p)
        if place is not None:
            covered[place].update(p.event_types)
    empty: set[str] = set()
    for i, j in enumerate(ctx.system.jurisdictions):
        if not j.hazards:
            continue
        chain = [j.id, *ctx.tree.ancestors(j.id)]
        for k, h in enumerate(j.hazards):
            if any(h in covered.get(a, empty) for a in chain):
                continue
            hz, he = ctx.names(h)
            yield ctx.question(
                f"文件未说明「{j.name.get('zh')}」面临的「{hz}」由哪项本级或上级预案覆盖",
                f"the document does not say which plan of '{j.name.get('en')}' or above "
                f"covers its hazard '{he}'",
                subjects=(j.id, h),
                path=f"$.jurisdictions[{i}].hazards[{k}]",
                hint=Label(
                    zh="在相应预案的 event_types 中加入该事件类型，或编制专项预案。",
                    en="Add the event type to a plan's event_types, or write a special plan.",
                ),
            )


@rule(
    "EK105",
    Level.WARNING,
    zh="预案内容不全",
    en="plan lacks required contents",
    source="应对法 Art. 28 (N1)",
    needs=("Plan.sections",),
)
def missing_sections(ctx: Context) -> Iterator[Finding]:
    """A plan sets out its command structure and duties, prevention and
    warning, response procedure, support measures, and recovery and
    reconstruction.  When a document lists some of a plan's sections but not
    all, it asks about the others (a document seldom gives a plan's whole
    table of contents); a plan that lists none is taken as not described."""
    for path, p in _plans(ctx):
        if not p.sections:
            continue
        missing = [s for s in PlanSection if s not in p.sections]
        if missing:
            zh, en = _t(p)
            yield ctx.question(
                f"文件未说明预案「{zh}」是否包含：" + "、".join(s.zh for s in missing),
                f"the document does not say whether plan '{en}' covers: "
                + ", ".join(s.en for s in missing),
                subjects=(p.id,),
                path=f"{path}.sections",
            )


@rule(
    "EK106",
    Level.WARNING,
    zh="预案逾期未修订",
    en="plan revision overdue",
    source="重庆市突发事件应对条例 (2012) Art. 15 (C1)",
    pack=CHONGQING,
    needs=("Plan.revisions", "Revision.date", "Plan.issued", "Plan.kind", "Plan.jurisdiction"),
)
def revision_overdue(ctx: Context) -> Iterator[Finding]:
    """Chongqing's regulation has 市 and 区县 plans revised at least every 5
    years and 乡镇, 街道, 村 and 居 plans at least every 3 years (configurable).
    The clock runs from the last completed revision, else the issue date;
    plans with neither are not judged.  When that date is known only to the
    month or the year and the answer depends on the day, the rule asks; so
    it does when a revision is done but undated, since it may be the later
    one."""
    c = ctx.config.params_for(CHONGQING)
    for path, p in _plans(ctx):
        stamp = p.last_revised
        if stamp is None:
            continue
        done = [r.date for r in p.revisions if r.date is not None]
        days = last(done) or span(stamp)
        j = ctx.tree.get(plan_jurisdiction(ctx, p))
        local = p.kind in _LOCAL_KINDS or (
            j is not None and j.level.rank >= AdminLevel.TOWNSHIP.rank
        )
        years = c.revision_years_township if local else c.revision_years_city
        due = shift(days, add_years, years)
        late = later(span(ctx.as_of), due)
        if late is False:
            continue
        zh, en = _t(p)
        undated = next(
            (
                k
                for k, r in enumerate(p.revisions)
                if r.status is RevisionStatus.DONE and r.date is None
            ),
            None,
        )
        if late and undated is not None:
            yield ctx.question(
                f"预案「{zh}」上次有日期的修订(或印发)于 {stamp}，应于 {due[1]} 前修订；"
                "文件说明另有一次修订已完成，但未说明日期",
                f"plan '{en}' was last revised (or issued) on a stated date {stamp} and its "
                f"revision was due by {due[1]}; the document says another revision was done "
                "but not when",
                subjects=(p.id,),
                path=f"{path}.revisions[{undated}].date",
            )
        elif late:
            yield ctx.finding(
                f"预案「{zh}」上次修订(或印发)于 {stamp}，应于 {due[1]} 前修订",
                f"plan '{en}' was last revised (or issued) on {stamp}; revision was due by {due[1]}",
                subjects=(p.id,),
                path=f"{path}.revisions",
            )
        else:
            yield ctx.question(
                f"预案「{zh}」上次修订(或印发)于 {stamp}，日期不够具体，无法判断至 {ctx.as_of} "
                f"是否已逾期未修订(应于 {when(due)} 间修订)",
                f"plan '{en}' was last revised (or issued) in {stamp}: cannot tell whether its "
                f"revision was overdue by {ctx.as_of} (due {when(due)})",
                subjects=(p.id,),
                path=f"{path}.revisions",
            )


def _stale_drills(
    ctx: Context, years: int, kinds: tuple[PlanKind, ...] | None
) -> Iterator[tuple[str, Plan, PartialDate, Span, bool]]:
    """Plans whose next drill is overdue (``True``) or may be (``False``: cannot tell)."""
    for path, p in _plans(ctx):
        if kinds is not None and p.kind not in kinds:
            continue
        drilled = [d.date for d in p.drills if d.date is not None]
        days = last(drilled)
        if days is None:
            continue
        due = shift(days, add_years, years)
        late = later(span(ctx.as_of), due)
        if late is not False:
            yield path, p, latest_of(drilled), due, late is True


def _drill_question(ctx: Context, path: str, p: Plan, stamp: PartialDate, due: Span) -> Finding:
    zh, en = _t(p)
    return ctx.question(
        f"预案「{zh}」上次演练于 {stamp}，日期不够具体，无法判断至 {ctx.as_of} 是否已逾期未演练"
        f"(应于 {when(due)} 间再次演练)",
        f"plan '{en}' was last drilled in {stamp}: cannot tell whether its next drill was "
        f"overdue by {ctx.as_of} (due {when(due)})",
        subjects=(p.id,),
        path=f"{path}.drills",
    )


@rule(
    "EK107",
    Level.WARNING,
    zh="专项或部门预案三年内未演练",
    en="special or department plan not drilled within 3 years",
    source=(
        "突发事件应急预案管理办法 (国办发〔2024〕5号, which repealed the 2013 Measures; "
        "its drill interval is not verified: the 3 years are those of the 2013 Measures Art. 22)"
    ),
    needs=("Plan.kind", "Plan.drills"),
)
def special_drill_overdue(ctx: Context) -> Iterator[Finding]:
    """Special and department plans are drilled at least once every three
    years (configurable).  Judged from recorded drills: a plan with no drill
    on record is EK114's business, since the record may simply be missing."""
    for path, p, stamp, due, late in _stale_drills(
        ctx,
        ctx.config.params_for(NATIONAL).special_drill_years,
        (PlanKind.SPECIAL, PlanKind.DEPARTMENT),
    ):
        if not late:
            yield _drill_question(ctx, path, p, stamp, due)
            continue
        zh, en = _t(p)
        yield ctx.finding(
            f"预案「{zh}」上次演练于 {stamp}，应于 {due[1]} 前再次演练",
            f"plan '{en}' was last drilled on {stamp}; the next drill was due by {due[1]}",
            subjects=(p.id,),
            path=f"{path}.drills",
        )


@rule(
    "EK108",
    Level.WARNING,
    zh="预案一年内未演练",
    en="plan not drilled within the last year",
    source="重庆市突发事件应对条例 (2012) Art. 19 (C2)",
    pack=CHONGQING,
    needs=("Plan.drills",),
)
def local_drill_overdue(ctx: Context) -> Iterator[Finding]:
    """Chongqing's regulation has plans drilled at least once a year
    (configurable).  Judged from recorded drills, as EK107."""
    for path, p, stamp, due, late in _stale_drills(
        ctx, ctx.config.params_for(CHONGQING).local_drill_years, None
    ):
        if not late:
            yield _drill_question(ctx, path, p, stamp, due)
            continue
        zh, en = _t(p)
        yield ctx.finding(
            f"预案「{zh}」上次演练于 {stamp}，已超过一年",
            f"plan '{en}' was last drilled on {stamp}, more than a year ago",
            subjects=(p.id,),
            path=f"{path}.drills",
        )


@rule(
    "EK109",
    Level.WARNING,
    zh="预案体系演练次数低于要求",
    en="plan system drilled less than its policy requires",
    source="seed §一 (每年1次综合性演练、1次专项演练)",
    pack=CHONGQING,
    needs=("PlanSystem.drill_policy", "PlanSystem.plans", "Plan.drills"),
)
def drill_policy(ctx: Context) -> Iterator[Finding]:
    """A plan system's drill policy asks for so many comprehensive and special
    drills a year (Chongqing: one of each).  The rule counts the drills
    recorded on the system's plans in the twelve months up to ``as_of``.
    Drills dated too coarsely to tell whether they fall in those months are
    counted apart: when they alone could make up the shortfall, the rule
    asks instead of reporting it.  A plan system none of whose plans has a
    drill on record is not judged, as in EK107: the record is missing, not
    the drills (EK114 asks about it)."""
    since = add_years(ctx.as_of, -1)
    for i, ps in enumerate(ctx.system.plan_systems):
        policy = ps.drill_policy
        if policy is None:
            continue
        plans = [p for pid in dict.fromkeys(ps.plans) if isinstance(p := ctx.get(pid), Plan)]
        if not any(p.drills for p in plans):
            continue
        done = {DrillScope.COMPREHENSIVE: 0, DrillScope.SPECIAL: 0}
        maybe = {DrillScope.COMPREHENSIVE: 0, DrillScope.SPECIAL: 0}
        for p in plans:
            for d in p.drills:
                if d.scope not in done or d.date is None:
                    continue
                inside = _in_window(span(d.date), since, ctx.as_of)
                if inside:
                    done[d.scope] += 1
                elif inside is None:
                    maybe[d.scope] += 1
        needs = (
            (DrillScope.COMPREHENSIVE, policy.comprehensive_per_year),
            (DrillScope.SPECIAL, policy.special_per_year),
        )
        # A count the policy does not state is not judged.
        short = [(s, n, done[s]) for s, n in needs if n is not None and done[s] + maybe[s] < n]
        unsure = [
            (s, n, done[s], maybe[s])
            for s, n in needs
            if n is not None and done[s] < n <= done[s] + maybe[s]
        ]
        if unsure and not short:
            yield ctx.question(
                f"预案体系「{ps.name.get('zh')}」{since} 至 {ctx.as_of} 间："
                + "；".join(
                    f"{s.zh}要求 {n} 次，记录 {d} 次，另有 {m} 次日期不够具体，无法判断是否在此期间"
                    for s, n, d, m in unsure
                ),
                f"plan system '{ps.name.get('en')}' from {since} to {ctx.as_of}: "
                + "; ".join(
                    f"{s.en}: {n} required, {d} recorded, and {m} dated too coarsely to tell "
                    "whether they fall in this period"
                    for s, n, d, m in unsure
                ),
                subjects=(ps.id,),
                path=f"$.plan_systems[{i}].drill_policy",
            )
        if short:
            yield ctx.finding(
                f"预案体系「{ps.name.get('zh')}」{since} 至 {ctx.as_of} 间："
                + "；".join(f"{s.zh}要求 {n} 次，记录 {d} 次" for s, n, d in short),
                f"plan system '{ps.name.get('en')}' from {since} to {ctx.as_of}: "
                + "; ".join(f"{s.en}: {n} required, {d} recorded" for s, n, d in short),
                subjects=(ps.id,),
                path=f"$.plan_systems[{i}].drill_policy",
                hint=Label(
                    zh="在所属预案的 drills 中记录已开展的演练。",
                    en="Record the drills held in the plans' drills.",
                ),
            )


@rule(
    "EK110",
    Level.WARNING,
    zh="预案未按时备案",
    en="plan not filed within 20 working days",
    source=(
        "突发事件应急预案管理办法 (国办发〔2024〕5号, issued and in force 2024-01-31) Art. 26 (N5)"
    ),
    needs=("Plan.kind", "Plan.issued", "Plan.filed", "Plan.filed_with"),
)
def filing(ctx: Context) -> Iterator[Finding]:
    """Government plans (overall, special, department, township, village)
    are filed within 20 working days of issue.  The rule is that of the 2024
    Measures, which took effect on 31 January 2024: plans issued before, or
    whose coarse issue date may fall before, are not judged.  Working days
    follow the configured calendar (weekends off, extra holidays and swapped
    working days as given).  A plan filed late is a violation; one past its
    deadline with neither a filing date nor a filing body is asked about
    (the document may not mention the filing).  When the issue or filing
    date is known only to the month or the year and the answer depends on
    the day, the rule asks."""
    c = ctx.config.params_for(NATIONAL)
    limit = c.filing_working_days
    for path, p in _plans(ctx):
        if p.kind not in _FILED_KINDS or p.issued is None:
            continue
        if span(p.issued)[0] < MEASURES_2024:  # issued (or maybe issued) before the 2024 Measures
            continue
        issued = span(p.issued)
        deadline = shift(issued, c.calendar.add_working_days, limit)
        zh, en = _t(p)
        if p.filed is not None:
            filed = span(p.filed)
            late = later(filed, deadline)
            if late:
                n = c.calendar.working_days_between(issued[1], filed[0])
                least_zh, least_en = (
                    ("", "") if exact(issued) and exact(filed) else ("至少", "at least ")
                )
                yield ctx.finding(
                    f"预案「{zh}」印发后{least_zh}第 {n} 个工作日才备案(期限 {limit} 个工作日)",
                    f"plan '{en}' was filed {least_en}{n} working days after issue (limit {limit})",
                    subjects=(p.id,),
                    path=f"{path}.filed",
                )
            elif late is None:
                yield ctx.question(
                    f"预案「{zh}」于 {p.issued} 印发、{p.filed} 备案，日期不够具体，"
                    f"无法判断是否在 {limit} 个工作日内备案",
                    f"plan '{en}' was issued in {p.issued} and filed in {p.filed}: cannot tell "
                    f"whether it was filed within {limit} working days",
                    subjects=(p.id,),
                    path=f"{path}.filed",
                )
        elif p.filed_with is None:
            late = later(span(ctx.as_of), deadline)
            if late:
                yield ctx.question(
                    f"文件未说明 {p.issued} 印发的预案「{zh}」是否已备案(应于 {deadline[1]} 前)",
                    f"the document does not say whether plan '{en}', issued on {p.issued}, was "
                    f"filed (due by {deadline[1]})",
                    subjects=(p.id,),
                    path=f"{path}.filed",
                )
            elif late is None:
                yield ctx.question(
                    f"预案「{zh}」于 {p.issued} 印发，至 {ctx.as_of} 无备案记录；印发日期不够具体，"
                    f"无法判断备案是否已逾期(应于 {when(deadline)} 间备案)",
                    f"plan '{en}' was issued in {p.issued} and has no filing on record by "
                    f"{ctx.as_of}: cannot tell whether filing was overdue (due {when(deadline)})",
                    subjects=(p.id,),
                    path=f"{path}.filed",
                )


@rule(
    "EK111",
    Level.ERROR,
    zh="预案上下级关系成环",
    en="plan parent cycle",
    source="突发事件应急预案管理办法 (plan hierarchy)",
    needs=("Plan.parent",),
)
def plan_cycle(ctx: Context) -> Iterator[Finding]:
    """A plan's ``parent`` is the higher plan it implements; following parents
    must end at a top plan.  A cycle leaves no plan at the top."""
    plans = ctx.system.plans
    parents: dict[str, str | None] = {}
    for p in plans:
        parents.setdefault(p.id, p.parent)
    cycles = parent_cycles(parents)
    # Where each plan is, only for a system with a cycle to report.
    where: dict[str, int] = {}
    for i, p in enumerate(plans if cycles else ()):
        where.setdefault(p.id, i)
    for cycle in cycles:
        first = min(cycle)
        yield ctx.finding(
            "预案上级关系成环：" + " → ".join([*cycle, cycle[0]]),
            "plan parents form a cycle: " + " -> ".join([*cycle, cycle[0]]),
            subjects=tuple(sorted(cycle)),
            path=f"$.plans[{where[first]}].parent",
        )


@rule(
    "EK112",
    Level.WARNING,
    zh="预案修订计划逾期未完成",
    en="revision programme past due and incomplete",
    source="seed §一 (年内修订; 按计划完成专项预案修订)",
    needs=("RevisionProgress.due", "RevisionProgress.revised", "RevisionProgress.total"),
)
def progress_overdue(ctx: Context) -> Iterator[Finding]:
    """A plan system's revision programme (so many of so many plans revised
    by a date) that is past its due date with fewer revised than the total.
    A due date known only to the month or the year is due by its end."""
    for i, ps in enumerate(ctx.system.plan_systems):
        for k, prog in enumerate(ps.progress):
            if prog.due is None or not prog.due.before(ctx.as_of):
                continue
            if prog.revised is None or prog.total is None or prog.revised >= prog.total:
                continue
            yield ctx.finding(
                f"「{prog.scope.zh}」修订计划于 {prog.due} 到期，仅完成 {prog.revised}/{prog.total}",
                f"revision of '{prog.scope.get('en')}' was due on {prog.due}; "
                f"{prog.revised} of {prog.total} done",
                subjects=(ps.id,),
                path=f"$.plan_systems[{i}].progress[{k}]",
            )


@rule(
    "EK113",
    Level.WARNING,
    zh="计划中的文件或修订已逾期",
    en="planned document or revision past due",
    source="seed §一 (年内修订印发)",
    needs=("Document.status", "Document.due", "Revision.status", "Revision.due"),
)
def planned_past_due(ctx: Context) -> Iterator[Finding]:
    """A document still planned, being drafted or being revised, or a plan
    revision still planned or in progress, whose due date has passed (a due
    date known only to the month or the year is due by its end).  When the
    status is not stated, the rule asks whether it was done."""
    for i, d in enumerate(ctx.system.documents):
        if d.due is None or not d.due.before(ctx.as_of) or d.status is DocumentStatus.ISSUED:
            continue
        if d.status is None:
            yield ctx.question(
                f"文件未说明应于 {d.due} 印发的「{display(d)}」是否已印发",
                f"the document does not say whether '{display(d, 'en')}', due on {d.due}, "
                "was issued",
                subjects=(d.id,),
                path=f"$.documents[{i}].status",
            )
        else:
            yield ctx.finding(
                f"文件「{display(d)}」应于 {d.due} 印发，状态仍为{d.status.zh}",
                f"document '{display(d, 'en')}' was due on {d.due} and is still {d.status.en}",
                subjects=(d.id,),
                path=f"$.documents[{i}].due",
            )
    for path, p in _plans(ctx):
        for k, rev in enumerate(p.revisions):
            if (
                rev.status is RevisionStatus.DONE
                or rev.due is None
                or not rev.due.before(ctx.as_of)
            ):
                continue
            zh, en = _t(p)
            if rev.status is None:
                yield ctx.question(
                    f"文件未说明预案「{zh}」应于 {rev.due} 完成的修订是否已完成",
                    f"the document does not say whether the revision of plan '{en}' due on "
                    f"{rev.due} was done",
                    subjects=(p.id,),
                    path=f"{path}.revisions[{k}].status",
                )
            else:
                yield ctx.finding(
                    f"预案「{zh}」的修订应于 {rev.due} 完成，状态仍为{rev.status.zh}",
                    f"revision of plan '{en}' was due on {rev.due} and is still {rev.status.en}",
                    subjects=(p.id,),
                    path=f"{path}.revisions[{k}].due",
                )


@rule(
    "EK114",
    Level.INFO,
    zh="预案没有演练记录",
    en="plan without any recorded drill",
    source=(
        "突发事件应急预案管理办法 (国办发〔2024〕5号; drill article not verified); "
        "重庆市突发事件应对条例 Art. 19"
    ),
    needs=("Plan.drills",),
)
def no_drill(ctx: Context) -> Iterator[Finding]:
    """A plan with no drill on record cannot be judged by the drill-interval
    rules (EK107, EK108, EK109, EK115).  Usually the record is missing, not
    the drill: the rule asks when the plan was last drilled."""
    for path, p in _plans(ctx):
        if not p.drills:
            zh, en = _t(p)
            yield ctx.question(
                f"文件未说明预案「{zh}」最近一次演练的时间",
                f"the document does not say when plan '{en}' was last drilled",
                subjects=(p.id,),
                path=f"{path}.drills",
            )


@rule(
    "EK115",
    Level.WARNING,
    zh="生产安全事故预案两年内未演练",
    en="production-safety plan not drilled within 2 years",
    source="生产安全事故应急条例 (2019) Art. 8 (N4)",
    needs=("Plan.kind", "Plan.event_types", "Plan.drills", "EventType.category"),
)
def safety_drill_overdue(ctx: Context) -> Iterator[Finding]:
    """Governments, their departments, townships and streets drill their
    production-safety plans at least every two years (configurable).  A plan
    counts as a production-safety plan when it covers an accident-disaster
    event type; judged from recorded drills, as EK107."""
    accident = {
        e.id for e in ctx.system.event_types if e.category is EventCategory.ACCIDENT_DISASTER
    }
    if not accident:
        return
    for path, p, stamp, due, late in _stale_drills(
        ctx, ctx.config.params_for(NATIONAL).safety_drill_years, _FILED_KINDS
    ):
        if not accident.intersection(p.event_types):
            continue
        if not late:
            yield _drill_question(ctx, path, p, stamp, due)
            continue
        zh, en = _t(p)
        yield ctx.finding(
            f"生产安全事故预案「{zh}」上次演练于 {stamp}，应于 {due[1]} 前再次演练",
            f"production-safety plan '{en}' was last drilled on {stamp}; "
            f"the next drill was due by {due[1]}",
            subjects=(p.id,),
            path=f"{path}.drills",
        )
