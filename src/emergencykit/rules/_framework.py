"""EK2xx: the "3+8" framework, command bodies, dispatch and expert panels."""

from collections.abc import Iterator

from emergencykit.model import AgencyKind, InstitutionFunction, Kind, Label, is_open
from emergencykit.rules._builtin import NATIONAL
from emergencykit.rules._engine import Context, rule
from emergencykit.rules._report import Finding, Level

__all__: list[str] = []


def _hours(td: object) -> str:
    seconds = getattr(td, "total_seconds", lambda: 0.0)()
    return f"{seconds / 3600:g}"


@rule(
    "EK201",
    Level.ERROR,
    zh="方面下没有制度",
    en="aspect without institutions",
    source="seed §一 (“3+8”制度架构)",
    needs=("Aspect.institutions",),
)
def aspect_without_institutions(ctx: Context) -> Iterator[Finding]:
    """Each aspect of a framework (监测预警, 值班调度, 处置救援) is carried
    out through institutions; an aspect with none is an empty heading.  A
    document that names an aspect but none of its institutions is asked; an
    open list (等) says there are some."""
    for i, a in enumerate(ctx.system.aspects):
        if not a.institutions and not is_open(a, "institutions"):
            yield ctx.question(
                f"文件未说明方面「{a.name.get('zh')}」下有哪些制度",
                f"the document does not say which institutions aspect '{a.name.get('en')}' has",
                subjects=(a.id,),
                path=f"$.aspects[{i}].institutions",
            )


@rule(
    "EK202",
    Level.WARNING,
    zh="制度没有责任单位",
    en="institution without an owner",
    source=(
        "management practice (an institution needs a keeper); no article found that "
        "requires each 制度 to name one, so asked, not judged"
    ),
    needs=("Institution.owner",),
)
def institution_without_owner(ctx: Context) -> Iterator[Finding]:
    """An institution (制度) is kept by an agency that answers for it; one
    without an owner has nobody to run or revise it.  党政同责 assigns
    safety duties to party and government leaders; it does not name the
    keeper of each institution, so a document that does not say who keeps
    one is asked."""
    for i, inst in enumerate(ctx.system.institutions):
        if inst.owner is None:
            yield ctx.question(
                f"文件未说明制度「{inst.name.get('zh')}」由哪个单位负责",
                f"the document does not say who keeps institution '{inst.name.get('en')}'",
                subjects=(inst.id,),
                path=f"$.institutions[{i}].owner",
            )


@rule(
    "EK203",
    Level.WARNING,
    zh="制度不属于任何方面",
    en="institution not attached to any aspect",
    source="seed §一 (“3+8”制度架构)",
    needs=("Aspect.institutions",),
)
def orphan_institution(ctx: Context) -> Iterator[Finding]:
    """In a framework every institution belongs to an aspect.  One that no
    aspect lists is outside the framework, often a forgotten link.  Silent
    when the system defines no aspects at all.  The document may simply not
    say which aspect it belongs to, so the rule asks."""
    if not ctx.system.aspects:
        return
    attached = {i for a in ctx.system.aspects for i in a.institutions}
    for i, inst in enumerate(ctx.system.institutions):
        if inst.id not in attached:
            yield ctx.question(
                f"文件未说明制度「{inst.name.get('zh')}」属于哪个方面",
                f"the document does not say which aspect institution "
                f"'{inst.name.get('en')}' belongs to",
                subjects=(inst.id,),
                path=f"$.institutions[{i}]",
            )


@rule(
    "EK204",
    Level.WARNING,
    zh="信息接报时限宽于法定时限",
    en="information-reporting time limit looser than the law's",
    source="生产安全事故报告和调查处理条例 Arts 9–11 (N9); 突发公共卫生事件应急条例 Art. 20 (N10)",
    needs=("Institution.function", "Institution.time_limit", "Institution.owner"),
)
def reporting_limit(ctx: Context) -> Iterator[Finding]:
    """Reports move fast by law: a unit reports within 1 hour and each level
    escalates within 2 hours (production-safety accidents); each hop of a
    public-health report takes at most 2 hours.  An information-reporting
    institution whose time limit is longer falls short.  The 1-hour limit
    applies when the owner is an enterprise; institutions without a time
    limit are not judged."""
    c = ctx.config.params_for(NATIONAL)
    for i, inst in enumerate(ctx.system.institutions):
        if (
            inst.function is not InstitutionFunction.INFORMATION_REPORTING
            or inst.time_limit is None
        ):
            continue
        owner = ctx.get(inst.owner)
        unit = ctx.kind(inst.owner) == Kind.AGENCY and owner.kind is AgencyKind.ENTERPRISE
        limit = c.unit_report if unit else c.report_hop
        if inst.time_limit > limit:
            yield ctx.finding(
                f"制度「{inst.name.get('zh')}」的时限为 {_hours(inst.time_limit)} 小时，超过法定的 {_hours(limit)} 小时",
                f"institution '{inst.name.get('en')}' allows {_hours(inst.time_limit)} h, "
                f"more than the legal {_hours(limit)} h",
                subjects=(inst.id,),
                path=f"$.institutions[{i}].time_limit",
            )


@rule(
    "EK205",
    Level.ERROR,
    zh="调度办法没有调度主体",
    en="dispatch policy without a dispatcher",
    source="seed §一 (《全市应急队伍统一调度办法》)",
    needs=("DispatchPolicy.dispatcher",),
)
def policy_without_dispatcher(ctx: Context) -> Iterator[Finding]:
    """Unified dispatch (统一调度) needs the body that dispatches; a policy
    without one unifies nothing.  A document that does not name it is asked."""
    for i, d in enumerate(ctx.system.dispatch_policies):
        if d.dispatcher is None:
            yield ctx.question(
                f"文件未说明调度办法「{d.name.get('zh')}」由哪个单位调度",
                f"the document does not say who dispatches under '{d.name.get('en')}'",
                subjects=(d.id,),
                path=f"$.dispatch_policies[{i}].dispatcher",
            )


@rule(
    "EK206",
    Level.WARNING,
    zh="调度办法没有调度形式",
    en="dispatch policy without dispatch modes",
    source="seed §一 (印发《全市应急队伍统一调度办法》,推进全市应急队伍调度制度化、规范化、程序化)",
    needs=("DispatchPolicy.modes",),
)
def policy_without_modes(ctx: Context) -> Iterator[Finding]:
    """A dispatch policy that makes the dispatch of teams 制度化、规范化、程序化
    says in which forms it dispatches them; without any, how it works day to
    day is unclear.  An open list (等) says there are some.  Chongqing's
    five video forms (双周视频调度、每日点名调度 …) are forms of video
    coordination sessions, not of the team-dispatch measures, so the seed
    states none for the measures and the rule asks."""
    for i, d in enumerate(ctx.system.dispatch_policies):
        if not d.modes and not is_open(d, "modes"):
            yield ctx.question(
                f"文件未说明调度办法「{d.name.get('zh')}」采用哪些调度形式",
                f"the document does not say in which forms '{d.name.get('en')}' dispatches",
                subjects=(d.id,),
                path=f"$.dispatch_policies[{i}].modes",
            )


@rule(
    "EK207",
    Level.WARNING,
    zh="指挥机构既无领导也无设立单位",
    en="command body without lead or host",
    source="应对法 Art. 19 (应急指挥机构)",
    needs=("CommandBody.lead", "CommandBody.host"),
)
def body_without_lead(ctx: Context) -> Iterator[Finding]:
    """A headquarters or leading group is led by someone or set up by some
    agency; with neither, nobody answers for it.  Fires when both ``lead``
    and ``host`` are empty."""
    for i, b in enumerate(ctx.system.command_bodies):
        if b.lead is None and b.host is None:
            yield ctx.question(
                f"文件未说明指挥机构「{b.name.get('zh')}」由谁领导、由哪个单位设立",
                f"the document does not say who leads or hosts command body '{b.name.get('en')}'",
                subjects=(b.id,),
                path=f"$.command_bodies[{i}].lead",
            )


@rule(
    "EK208",
    Level.INFO,
    zh="专家组织没有召集单位",
    en="expert panel without a convener",
    source="seed §一 (专家咨询委员会), §二 (专家库)",
    needs=("ExpertPanel.convener",),
)
def panel_without_convener(ctx: Context) -> Iterator[Finding]:
    """An expert panel or pool is convened by some agency that calls on it;
    the document may simply not say which."""
    for i, e in enumerate(ctx.system.expert_panels):
        if e.convener is None:
            yield ctx.question(
                f"文件未说明专家组织「{e.name.get('zh')}」由哪个单位召集",
                f"the document does not say who convenes expert panel '{e.name.get('en')}'",
                subjects=(e.id,),
                path=f"$.expert_panels[{i}].convener",
                hint=Label(zh="在 convener 中填写召集单位。", en="Name the convener."),
            )
