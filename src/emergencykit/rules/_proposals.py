"""EK7xx: proposals, replies and the commitments made in them."""

from collections.abc import Iterator

from emergencykit.model import HandlingMode, Label, Proposal
from emergencykit.rules._builtin import NATIONAL
from emergencykit.rules._config import add_months
from emergencykit.rules._dates import later, shift, span, when
from emergencykit.rules._engine import Context, rule
from emergencykit.rules._report import Finding, Level

__all__: list[str] = []


def _p(p: Proposal) -> tuple[str, str]:
    return f"第{p.number}号提案", f"proposal No. {p.number}"


@rule(
    "EK701",
    Level.WARNING,
    zh="答复晚于交办后 3 个月",
    en="reply later than 3 months after assignment",
    source="建议提案办理办法 Arts 8–9 (N14)",
)
def late_reply(ctx: Context) -> Iterator[Finding]:
    """A proposal is answered within 3 months of assignment, 6 at most with
    reasons given in advance (both configurable).  Later than 3 months is a
    warning, later than 6 an error.  When a date is known only to the month
    or the year and the answer depends on the day, the rule asks."""
    c = ctx.config.params_for(NATIONAL)
    for i, p in enumerate(ctx.system.proposals):
        if p.assigned is None or p.reply is None:
            continue
        assigned, replied = span(p.assigned), span(p.reply.date)
        due = shift(assigned, add_months, c.reply_months)
        hard = shift(assigned, add_months, c.reply_months_max)
        late = later(replied, due)
        zh, en = _p(p)
        if late is None:
            yield ctx.question(
                f"{zh}于 {p.assigned} 交办，{p.reply.date} 答复，日期不够具体，"
                f"无法判断是否超过 {c.reply_months} 个月(应于 {when(due)} 间答复)",
                f"{en} was assigned in {p.assigned} and answered in {p.reply.date}: cannot tell "
                f"whether the reply came more than {c.reply_months} months later (due {when(due)})",
                subjects=(p.id,),
                path=f"$.proposals[{i}].reply.date",
            )
        elif late:
            very = later(replied, hard) is True
            months = c.reply_months_max if very else c.reply_months
            yield ctx.finding(
                f"{zh}于 {p.assigned} 交办，{p.reply.date} 才答复，超过 {months} 个月",
                f"{en} was assigned on {p.assigned} and answered on {p.reply.date}, "
                f"more than {months} months later",
                subjects=(p.id,),
                path=f"$.proposals[{i}].reply.date",
                severity=Level.ERROR if very else None,
            )


@rule(
    "EK702",
    Level.WARNING,
    zh="答复未经审签",
    en="reply not signed",
    source="建议提案办理办法 (答复由负责人审签)",
)
def unsigned_reply(ctx: Context) -> Iterator[Finding]:
    """A reply is signed off by the head of the handling unit (审签)."""
    for i, p in enumerate(ctx.system.proposals):
        if p.reply is not None and p.reply.signer is None:
            zh, en = _p(p)
            yield ctx.finding(
                f"{zh}的答复没有审签人",
                f"the reply to {en} is not signed",
                subjects=(p.id,),
                path=f"$.proposals[{i}].reply.signer",
            )


@rule(
    "EK703",
    Level.ERROR,
    zh="承诺事项没有责任单位",
    en="commitment without a responsible agency",
    source="建议提案办理办法 (落实答复承诺)",
)
def commitment_without_owner(ctx: Context) -> Iterator[Finding]:
    """A promise made in a reply is kept by a named agency; without one
    nobody can be held to it."""
    for i, c in enumerate(ctx.system.commitments):
        if c.responsible is None:
            yield ctx.finding(
                f"承诺事项「{c.text.zh}」没有责任单位",
                f"commitment '{c.text.get('en')}' has no responsible agency",
                subjects=(c.id,),
                path=f"$.commitments[{i}].responsible",
            )


@rule(
    "EK704",
    Level.WARNING,
    zh="办理方式与协办单位不符",
    en="handling mode inconsistent with co-handlers",
    source="建议提案办理办法 Art. 9 (N14)",
)
def mode_mismatch(ctx: Context) -> Iterator[Finding]:
    """Joint handling (主办会同协办) has co-handlers; sole handling has none."""
    for i, p in enumerate(ctx.system.proposals):
        joint_alone = p.mode is HandlingMode.JOINT and not p.co_handlers
        sole_with = p.mode is HandlingMode.SOLE and bool(p.co_handlers)
        if joint_alone or sole_with:
            zh, en = _p(p)
            yield ctx.finding(
                f"{zh}的办理方式为{p.mode.zh}，却"
                + ("没有协办单位" if joint_alone else f"列有 {len(p.co_handlers)} 个协办单位"),
                f"{en} is handled as {p.mode.en} but "
                + (
                    "has no co-handlers"
                    if joint_alone
                    else f"lists {len(p.co_handlers)} co-handlers"
                ),
                subjects=(p.id,),
                path=f"$.proposals[{i}].mode",
            )


@rule(
    "EK705",
    Level.ERROR,
    zh="提案没有主办单位",
    en="proposal without a lead handler",
    source="建议提案办理办法 Art. 9 (N14)",
)
def without_lead_handler(ctx: Context) -> Iterator[Finding]:
    """Every proposal has a lead handler (主办) who answers it."""
    for i, p in enumerate(ctx.system.proposals):
        if p.lead_handler is None:
            zh, en = _p(p)
            yield ctx.finding(
                f"{zh}没有主办单位",
                f"{en} has no lead handler",
                subjects=(p.id,),
                path=f"$.proposals[{i}].lead_handler",
            )


@rule(
    "EK706",
    Level.WARNING,
    zh="交办超过 3 个月仍未答复",
    en="no reply more than 3 months after assignment",
    source="建议提案办理办法 Art. 8 (N14)",
)
def unanswered(ctx: Context) -> Iterator[Finding]:
    """As of the check date, a proposal assigned more than 3 months earlier
    (configurable) still has no reply; when the assignment date is known only
    to the month or the year and the answer depends on the day, the rule asks."""
    c = ctx.config.params_for(NATIONAL)
    for i, p in enumerate(ctx.system.proposals):
        if p.assigned is None or p.reply is not None:
            continue
        due = shift(span(p.assigned), add_months, c.reply_months)
        late = later(span(ctx.as_of), due)
        zh, en = _p(p)
        if late:
            yield ctx.finding(
                f"{zh}于 {p.assigned} 交办，至 {ctx.as_of} 仍未答复(应于 {due[1]} 前)",
                f"{en} was assigned on {p.assigned} and has no reply by {ctx.as_of} "
                f"(due by {due[1]})",
                subjects=(p.id,),
                path=f"$.proposals[{i}].reply",
            )
        elif late is None:
            yield ctx.question(
                f"{zh}于 {p.assigned} 交办，至 {ctx.as_of} 仍未答复；交办日期不够具体，"
                f"无法判断是否已超过 {c.reply_months} 个月(应于 {when(due)} 间答复)",
                f"{en} was assigned in {p.assigned} and has no reply by {ctx.as_of}: cannot tell "
                f"whether the reply was overdue (due {when(due)})",
                subjects=(p.id,),
                path=f"$.proposals[{i}].reply",
            )


@rule(
    "EK707",
    Level.INFO,
    zh="承诺责任单位不在办理单位之列",
    en="commitment owner is neither lead handler nor co-handler",
    source="建议提案办理办法 Art. 9 (N14)",
)
def outside_owner(ctx: Context) -> Iterator[Finding]:
    """A reply's commitments are usually kept by the units that handled the
    proposal.  A commitment owned by another agency may be right (the reply
    speaks for the government) but is worth a look.  Proposals without a lead
    handler are EK705's business and are not judged here."""
    for i, c in enumerate(ctx.system.commitments):
        p = ctx.get(c.proposal)
        if c.responsible is None or not isinstance(p, Proposal) or p.lead_handler is None:
            continue
        if c.responsible != p.lead_handler and c.responsible not in p.co_handlers:
            rz, re_ = ctx.names(c.responsible)
            yield ctx.finding(
                f"承诺事项「{c.text.zh}」由「{rz}」负责，它不是该提案的主办或协办单位",
                f"commitment '{c.text.get('en')}' is owned by '{re_}', which neither leads nor "
                "co-handles the proposal",
                subjects=(c.id, c.responsible, p.id),
                path=f"$.commitments[{i}].responsible",
            )


@rule(
    "EK708",
    Level.WARNING,
    zh="主办单位同时列为协办单位",
    en="lead handler also listed as co-handler",
    source="建议提案办理办法 Art. 9 (N14)",
)
def lead_also_co(ctx: Context) -> Iterator[Finding]:
    """The lead handler agrees the reply with the co-handlers; listing it as
    its own co-handler is a slip."""
    for i, p in enumerate(ctx.system.proposals):
        if p.lead_handler is not None and p.lead_handler in p.co_handlers:
            zh, en = _p(p)
            k = p.co_handlers.index(p.lead_handler)
            yield ctx.finding(
                f"{zh}的主办单位「{ctx.name(p.lead_handler)}」同时列为协办单位",
                f"the lead handler of {en}, '{ctx.name(p.lead_handler, 'en')}', is also a co-handler",
                subjects=(p.id, p.lead_handler),
                path=f"$.proposals[{i}].co_handlers[{k}]",
                hint=Label(zh="从 co_handlers 中删去主办单位。", en="Remove it from co_handlers."),
            )
