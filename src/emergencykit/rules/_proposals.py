"""EK7xx: proposals, replies and the commitments made in them."""

from collections.abc import Iterator

from emergencykit._words import plural
from emergencykit.model import HandlingMode, Label, Proposal, ReplyRole, is_open
from emergencykit.rules._builtin import NATIONAL
from emergencykit.rules._config import add_months
from emergencykit.rules._dates import later, shift, span, when
from emergencykit.rules._engine import Context, rule
from emergencykit.rules._report import Finding, Level

__all__: list[str] = []

#: The proposal-handling measures the EK7 rules rely on.  Their Arts 8–9
#: (reply within 3 months, 6 at most with reasons given in advance; the lead
#: handler agrees the reply with the co-handlers; split items are answered
#: separately) are those of the government measures on handling deputies'
#: suggestions and CPPCC proposals (人大代表建议、批评和意见及政协提案办理工作办法)
#: as local governments reproduce them; the issuing document's number is not
#: verified.
_MEASURES = "人大代表建议、批评和意见及政协提案办理工作办法 (issuing number not verified)"


#: The handling modes a reply's role belongs to: a co-handler answers in
#: joint handling, a split unit in split handling, a lead handler in sole
#: or joint handling.
_MODES_OF_ROLE = {
    ReplyRole.LEAD: (HandlingMode.SOLE, HandlingMode.JOINT),
    ReplyRole.CO_HANDLER: (HandlingMode.JOINT,),
    ReplyRole.SPLIT: (HandlingMode.SPLIT,),
}


def _p(p: Proposal) -> tuple[str, str]:
    """How messages name a proposal: by its kind (提案 or 建议) and number, else title, else id."""
    zh, en = p.kind.noun("zh"), p.kind.noun("en")
    if p.number is not None:
        return f"第{p.number}号{zh}", f"{en} No. {p.number}"
    if p.title is not None:
        return f"{zh}「{p.title.get('zh')}」", f"{en} '{p.title.get('en')}'"
    return f"{zh} {p.id} ", f"{en} {p.id}"


@rule(
    "EK701",
    Level.WARNING,
    zh="答复晚于交办后 3 个月",
    en="reply later than 3 months after assignment",
    source=f"{_MEASURES} Art. 8 (N14)",
    needs=("Proposal.assigned", "Reply.date", "Reply.role"),
)
def late_reply(ctx: Context) -> Iterator[Finding]:
    """A proposal is answered within 3 months of assignment, 6 at most with
    reasons given in advance (both configurable).  Later than 3 months is a
    warning, later than 6 an error.  When a date is known only to the month
    or the year and the answer depends on the day, the rule asks.  A reply
    that says its sender answers as a co-handler (协办) is not the answer
    these limits time, and is not judged."""
    c = ctx.config.params_for(NATIONAL)
    for i, p in enumerate(ctx.system.proposals):
        if p.assigned is None or p.reply is None or p.reply.date is None:
            continue
        if p.reply.role is ReplyRole.CO_HANDLER:
            continue
        answered = p.reply.date
        assigned, replied = span(p.assigned), span(answered)
        due = shift(assigned, add_months, c.reply_months)
        hard = shift(assigned, add_months, c.reply_months_max)
        late = later(replied, due)
        zh, en = _p(p)
        if late is None:
            yield ctx.question(
                f"{zh}于 {p.assigned} 交办，{answered} 答复，日期不够具体，"
                f"无法判断是否超过 {c.reply_months} 个月(应于 {when(due)} 间答复)",
                f"{en} was assigned in {p.assigned} and answered in {answered}: cannot tell "
                f"whether the reply came more than {c.reply_months} months later (due {when(due)})",
                subjects=(p.id,),
                path=f"$.proposals[{i}].reply.date",
            )
        elif late:
            very = later(replied, hard) is True
            months = c.reply_months_max if very else c.reply_months
            yield ctx.finding(
                f"{zh}于 {p.assigned} 交办，{answered} 才答复，超过 {months} 个月",
                f"{en} was assigned on {p.assigned} and answered on {answered}, "
                f"more than {plural(months, 'month')} later",
                subjects=(p.id,),
                path=f"$.proposals[{i}].reply.date",
                severity=Level.ERROR if very else None,
            )


@rule(
    "EK702",
    Level.WARNING,
    zh="答复未经审签",
    en="reply not signed",
    source=f"{_MEASURES}: the reply is signed off by the unit's head (article not verified)",
    needs=("Reply.signer",),
)
def unsigned_reply(ctx: Context) -> Iterator[Finding]:
    """A reply is signed off by the head of the handling unit (审签).  A
    model of a reply that does not record the signer is asked."""
    for i, p in enumerate(ctx.system.proposals):
        if p.reply is not None and p.reply.signer is None:
            zh, en = _p(p)
            yield ctx.question(
                f"未说明{zh}的答复由谁审签",
                f"the document does not say who signed the reply to {en}",
                subjects=(p.id,),
                path=f"$.proposals[{i}].reply.signer",
            )


@rule(
    "EK703",
    Level.ERROR,
    zh="承诺事项没有责任单位",
    en="commitment without a responsible agency",
    source=f"{_MEASURES}: commitments made in replies are kept (article not verified)",
    needs=("Commitment.responsible",),
)
def commitment_without_owner(ctx: Context) -> Iterator[Finding]:
    """A promise made in a reply is kept by a named agency; without one
    nobody can be held to it.  A reply that does not say who keeps a
    promise is asked."""
    for i, c in enumerate(ctx.system.commitments):
        if c.responsible is None:
            yield ctx.question(
                f"答复未说明承诺事项「{c.text.get('zh')}」由哪个单位负责落实",
                f"the reply does not say who keeps the commitment '{c.text.get('en')}'",
                subjects=(c.id,),
                path=f"$.commitments[{i}].responsible",
            )


@rule(
    "EK704",
    Level.WARNING,
    zh="办理方式与协办单位不符",
    en="handling mode inconsistent with co-handlers",
    source=f"{_MEASURES} Art. 9 (N14)",
    needs=("Proposal.mode", "Proposal.co_handlers", "Reply.role"),
)
def mode_mismatch(ctx: Context) -> Iterator[Finding]:
    """Joint handling (主办会同协办) has co-handlers; sole handling has none.
    A document that does not state the handling mode is asked.  An open
    list of co-handlers (等协办单位) has co-handlers even when it names none.
    A reply whose sender answers as a co-handler (协办) belongs to joint
    handling, one that answers as a split unit (分办) to split handling."""
    for i, p in enumerate(ctx.system.proposals):
        mode = p.mode
        role = None if p.reply is None else p.reply.role
        if mode is not None and role is not None and mode not in _MODES_OF_ROLE[role]:
            zh, en = _p(p)
            yield ctx.finding(
                f"{zh}的办理方式为{mode.zh}，答复单位却以{role.zh}身份答复",
                f"{en} is handled as {mode.en} but its reply answers as {role.en}",
                subjects=(p.id,),
                path=f"$.proposals[{i}].reply.role",
            )
            continue
        if mode is None:
            zh, en = _p(p)
            yield ctx.question(
                f"文件未说明{zh}的办理方式(单独办理、主办会同协办或分办)",
                f"the document does not say how {en} is handled (sole, joint or split)",
                subjects=(p.id,),
                path=f"$.proposals[{i}].mode",
            )
            continue
        joint_alone = (
            mode is HandlingMode.JOINT and not p.co_handlers and not is_open(p, "co_handlers")
        )
        sole_with = mode is HandlingMode.SOLE and bool(p.co_handlers)
        if joint_alone or sole_with:
            zh, en = _p(p)
            yield ctx.finding(
                f"{zh}的办理方式为{mode.zh}，却"
                + ("没有协办单位" if joint_alone else f"列有 {len(p.co_handlers)} 个协办单位"),
                f"{en} is handled as {mode.en} but "
                + (
                    "has no co-handlers"
                    if joint_alone
                    else f"lists {plural(len(p.co_handlers), 'co-handler')}"
                ),
                subjects=(p.id,),
                path=f"$.proposals[{i}].mode",
            )


@rule(
    "EK705",
    Level.ERROR,
    zh="提案或建议没有主办单位",
    en="proposal or suggestion without a lead handler",
    source=f"{_MEASURES} Art. 9 (N14)",
    needs=("Proposal.lead_handler", "Proposal.mode"),
)
def without_lead_handler(ctx: Context) -> Iterator[Finding]:
    """A proposal handled jointly or alone has a lead handler (主办) who
    answers it; one handled in split (分办) has none, each unit answering
    separately, and is exempt, as is one whose reply answers as a split
    unit.  A document that does not name the lead handler is asked."""
    for i, p in enumerate(ctx.system.proposals):
        split = p.mode is HandlingMode.SPLIT or (
            p.reply is not None and p.reply.role is ReplyRole.SPLIT
        )
        if p.lead_handler is None and not split:
            zh, en = _p(p)
            yield ctx.question(
                f"文件未说明{zh}的主办单位",
                f"the document does not say who leads the handling of {en}",
                subjects=(p.id,),
                path=f"$.proposals[{i}].lead_handler",
            )


@rule(
    "EK706",
    Level.WARNING,
    zh="交办超过 3 个月仍未答复",
    en="no reply more than 3 months after assignment",
    source=f"{_MEASURES} Art. 8 (N14)",
    needs=("Proposal.assigned", "Proposal.reply"),
)
def unanswered(ctx: Context) -> Iterator[Finding]:
    """As of the check date, a proposal assigned more than 3 months earlier
    (configurable) has no reply on record.  The document may not record the
    reply, so the rule asks whether it was answered; when the assignment
    date is known only to the month or the year and the answer depends on
    the day, it asks that too."""
    c = ctx.config.params_for(NATIONAL)
    for i, p in enumerate(ctx.system.proposals):
        if p.assigned is None or p.reply is not None:
            continue
        due = shift(span(p.assigned), add_months, c.reply_months)
        late = later(span(ctx.as_of), due)
        zh, en = _p(p)
        if late:
            yield ctx.question(
                f"文件未说明 {p.assigned} 交办的{zh}是否已答复(应于 {due[1]} 前)",
                f"the document does not say whether {en}, assigned on {p.assigned}, was "
                f"answered (due by {due[1]})",
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
    source=f"{_MEASURES} Art. 9 (N14)",
    needs=(
        "Commitment.responsible",
        "Proposal.lead_handler",
        "Proposal.co_handlers",
        "Reply.sender",
        "Reply.role",
    ),
)
def outside_owner(ctx: Context) -> Iterator[Finding]:
    """A reply's commitments are usually kept by the units that handled the
    proposal.  A commitment owned by another agency may be right (the reply
    speaks for the government) but is worth a look.  A reply's sender that
    says in which role it answers is one of the handling units, listed or
    not.  Proposals without a lead handler are EK705's business and are not
    judged here.  When the
    co-handlers are an open list (等), the owner may be one the reply does
    not name, so the rule asks."""
    for i, c in enumerate(ctx.system.commitments):
        p = ctx.get(c.proposal)
        if c.responsible is None or not isinstance(p, Proposal) or p.lead_handler is None:
            continue
        reply = p.reply
        answering = reply.sender if reply is not None and reply.role is not None else None
        if c.responsible not in (p.lead_handler, answering, *p.co_handlers):
            rz, re_ = ctx.names(c.responsible)
            if is_open(p, "co_handlers"):
                yield ctx.question(
                    f"文件未说明承诺事项「{c.text.get('zh')}」的负责单位「{rz}」是否在"
                    f"该{p.kind.noun()}未列名的协办单位之中",
                    f"the document does not say whether '{re_}', owner of commitment "
                    f"'{c.text.get('en')}', is among the co-handlers of the "
                    f"{p.kind.noun('en')} it does not name",
                    subjects=(c.id, c.responsible, p.id),
                    path=f"$.commitments[{i}].responsible",
                )
                continue
            yield ctx.finding(
                f"承诺事项「{c.text.get('zh')}」由「{rz}」负责，它不是该{p.kind.noun()}的主办或协办单位",
                f"commitment '{c.text.get('en')}' is owned by '{re_}', which neither leads nor "
                f"co-handles the {p.kind.noun('en')}",
                subjects=(c.id, c.responsible, p.id),
                path=f"$.commitments[{i}].responsible",
            )


@rule(
    "EK708",
    Level.WARNING,
    zh="主办单位同时列为协办单位",
    en="lead handler also listed as co-handler",
    source=f"{_MEASURES} Art. 9 (N14)",
    needs=("Proposal.lead_handler", "Proposal.co_handlers", "Reply.sender", "Reply.role"),
)
def lead_also_co(ctx: Context) -> Iterator[Finding]:
    """The lead handler agrees the reply with the co-handlers; listing it as
    its own co-handler, or having it answer as a co-handler, is a slip."""
    for i, p in enumerate(ctx.system.proposals):
        reply = p.reply
        if (
            reply is not None
            and reply.role is ReplyRole.CO_HANDLER
            and reply.sender is not None
            and reply.sender == p.lead_handler
        ):
            zh, en = _p(p)
            yield ctx.finding(
                f"{zh}的主办单位「{ctx.name(reply.sender)}」以协办身份答复",
                f"the lead handler of {en}, '{ctx.name(reply.sender, 'en')}', answers as a "
                "co-handler",
                subjects=(p.id, reply.sender),
                path=f"$.proposals[{i}].reply.role",
            )
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
