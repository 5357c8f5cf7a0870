"""EK4xx: public-opinion protocols — lead, deadlines, spokesperson, one source of instructions."""

import datetime as dt
from collections.abc import Iterator

from emergencykit.model import Kind, Label, OpinionProtocol, Sector, is_open
from emergencykit.rules._builtin import CHONGQING, NATIONAL
from emergencykit.rules._engine import Context, rule
from emergencykit.rules._report import Finding, Level

__all__: list[str] = []


def _protocols(ctx: Context) -> Iterator[tuple[str, OpinionProtocol]]:
    for i, p in enumerate(ctx.system.protocols):
        yield f"$.protocols[{i}]", p


def _h(td: dt.timedelta) -> str:
    return f"{td.total_seconds() / 3600:g}"


@rule(
    "EK401",
    Level.ERROR,
    zh="舆情机制没有牵头单位",
    en="protocol without a lead",
    source="国办发〔2016〕19号 (N12; article not verified); seed §四 (市委宣传部牵头统筹)",
    needs=("OpinionProtocol.lead",),
)
def protocol_without_lead(ctx: Context) -> Iterator[Finding]:
    """Someone leads the handling of public opinion around an emergency
    (Chongqing: the municipal publicity department); without a lead the
    releases of different units are not coordinated.  A document that does
    not say who leads is asked."""
    for path, p in _protocols(ctx):
        if p.lead is None:
            yield ctx.question(
                f"文件未说明舆情机制「{p.name.get('zh')}」由哪个单位牵头",
                f"the document does not say who leads protocol '{p.name.get('en')}'",
                subjects=(p.id,),
                path=f"{path}.lead",
            )


@rule(
    "EK402",
    Level.WARNING,
    zh="舆情机制牵头单位不是宣传部门",
    en="protocol lead is not a publicity department",
    source="seed §四 (市委宣传部牵头)",
    pack=CHONGQING,
    needs=("OpinionProtocol.lead", "Agency.sector"),
)
def lead_not_publicity(ctx: Context) -> Iterator[Finding]:
    """Chongqing has the publicity department (宣传部) lead news and public
    opinion in major emergencies.  A lead whose sector is another departs
    from that; a lead whose sector is not stated is asked about."""
    for path, p in _protocols(ctx):
        if p.lead is None or ctx.kind(p.lead) != Kind.AGENCY:
            continue
        sector = ctx.get(p.lead).sector
        lz, le = ctx.names(p.lead)
        if sector is None:
            yield ctx.question(
                f"文件未说明舆情机制「{p.name.get('zh')}」的牵头单位「{lz}」是否为宣传部门",
                f"the document does not say whether '{le}', the lead of protocol "
                f"'{p.name.get('en')}', is a publicity department",
                subjects=(p.id, p.lead),
                path=f"{path}.lead",
            )
        elif sector is not Sector.PUBLICITY:
            yield ctx.finding(
                f"舆情机制「{p.name.get('zh')}」由「{lz}」牵头，它不是宣传部门",
                f"protocol '{p.name.get('en')}' is led by '{le}', which is not a publicity department",
                subjects=(p.id, p.lead),
                path=f"{path}.lead",
            )


def _deadline(
    ctx: Context, field: str, limit: dt.timedelta, what: tuple[str, str]
) -> Iterator[Finding]:
    # The national limit binds whether or not a protocol repeats it: a protocol
    # that sets no deadline, or sets one only from 特别重大 events up, is not
    # judged; only a deadline it states looser than the limit is a violation.
    for path, p in _protocols(ctx):
        d = p.deadlines
        value = getattr(d, field) if d is not None else None
        if value is None:
            continue
        if value > limit:
            yield ctx.finding(
                f"舆情机制「{p.name.get('zh')}」的{what[0]}时限为 {_h(value)} 小时，超过 {_h(limit)} 小时",
                f"protocol '{p.name.get('en')}' allows {_h(value)} h for the {what[1]}, "
                f"more than {_h(limit)} h",
                subjects=(p.id,),
                path=f"{path}.deadlines.{field}",
            )


@rule(
    "EK403",
    Level.WARNING,
    zh="权威发布时限宽于 5 小时",
    en="authoritative-release deadline looser than 5 h",
    source="国办发〔2016〕80号 (N11)",
    needs=("OpinionProtocol.deadlines",),
)
def release_deadline(ctx: Context) -> Iterator[Finding]:
    """In major public-opinion cases authoritative information is released
    within 5 hours (configurable).  The national limit applies whether or
    not a local protocol repeats it: a protocol that sets no deadline is
    not judged; one that sets a longer deadline contradicts it."""
    yield from _deadline(
        ctx,
        "authoritative_release",
        ctx.config.params_for(NATIONAL).release_deadline,
        ("权威发布", "authoritative-release"),
    )


@rule(
    "EK404",
    Level.WARNING,
    zh="新闻发布会时限宽于 24 小时",
    en="press-conference deadline looser than 24 h",
    source="国办发〔2016〕61号 (N11)",
    needs=("OpinionProtocol.deadlines",),
)
def press_deadline(ctx: Context) -> Iterator[Finding]:
    """In major cases a press conference is held within 24 hours
    (configurable).  As EK403: the national limit applies whether or not a
    protocol repeats it; only a longer stated deadline contradicts it."""
    yield from _deadline(
        ctx,
        "press_conference",
        ctx.config.params_for(NATIONAL).press_conference_deadline,
        ("新闻发布会", "press-conference"),
    )


@rule(
    "EK405",
    Level.WARNING,
    zh="没有新闻发言人",
    en="no spokesperson",
    source="国办发〔2016〕19号 (N12); 重庆市突发事件应对条例 Art. 8 (C4)",
    needs=("OpinionProtocol.press_release", "PressReleasePlan.spokesperson"),
)
def no_spokesperson(ctx: Context) -> Iterator[Finding]:
    """The locality or unit handling an event releases information first and
    its head is the first spokesperson; Chongqing keeps a spokesperson
    system.  A protocol whose press-release plan names no spokesperson
    leaves that to chance; a document that does not name one is asked."""
    for path, p in _protocols(ctx):
        if p.press_release is None or p.press_release.spokesperson is None:
            yield ctx.question(
                f"文件未说明舆情机制「{p.name.get('zh')}」的新闻发言人是谁",
                f"the document does not say who is the spokesperson of protocol "
                f"'{p.name.get('en')}'",
                subjects=(p.id,),
                path=f"{path}.press_release" + ("" if p.press_release is None else ".spokesperson"),
                hint=Label(
                    zh="在 press_release.spokesperson 中填写发言人(人员 id)。",
                    en="Set press_release.spokesperson to a person id.",
                ),
            )


@rule(
    "EK406",
    Level.ERROR,
    zh="令出多门",
    en="more than one source of instructions",
    source="国办发〔2016〕19号 (article not verified); seed §四 (严格执行市委宣传部调度指令，避免令出多门)",
    needs=("OpinionProtocol.instruction_sources",),
)
def many_sources(ctx: Context) -> Iterator[Finding]:
    """Units handling a public-opinion case follow one source of
    instructions; several sources give conflicting orders (令出多门)."""
    for path, p in _protocols(ctx):
        sources = sorted(set(p.instruction_sources))
        if len(sources) > 1:
            yield ctx.finding(
                f"舆情机制「{p.name.get('zh')}」有 {len(sources)} 个指令来源："
                + "、".join(ctx.name(s) for s in sources),
                f"protocol '{p.name.get('en')}' has {len(sources)} sources of instructions: "
                + ", ".join(ctx.name(s, "en") for s in sources),
                subjects=(p.id, *sources),
                path=f"{path}.instruction_sources",
            )


@rule(
    "EK407",
    Level.WARNING,
    zh="首报未报送牵头单位",
    en="first report does not go to the protocol lead",
    source="seed §四 (各单位第一时间报告市委宣传部)",
    pack=CHONGQING,
    needs=("OpinionProtocol.lead", "OpinionProtocol.first_report_to"),
)
def first_report(ctx: Context) -> Iterator[Finding]:
    """In Chongqing units report first to the publicity department that leads
    the protocol, and to the party committee and government at the same
    time.  A protocol whose first reports bypass its lead leaves the lead
    uninformed.  A protocol that does not say to whom first reports go is
    asked, and so is one whose open list (等) leaves the lead unnamed."""
    for path, p in _protocols(ctx):
        unsaid = not p.first_report_to or (
            p.lead not in p.first_report_to and is_open(p, "first_report_to")
        )
        if p.lead is not None and unsaid:
            lz, le = ctx.names(p.lead)
            yield ctx.question(
                f"文件未说明舆情机制「{p.name.get('zh')}」的首报对象(是否包括牵头单位「{lz}」)",
                f"the document does not say to whom first reports under protocol "
                f"'{p.name.get('en')}' go (its lead '{le}' among them?)",
                subjects=(p.id, p.lead),
                path=f"{path}.first_report_to",
            )
        elif p.lead is not None and p.lead not in p.first_report_to:
            lz, le = ctx.names(p.lead)
            yield ctx.finding(
                f"舆情机制「{p.name.get('zh')}」的首报对象不含牵头单位「{lz}」",
                f"first reports under protocol '{p.name.get('en')}' do not go to its lead '{le}'",
                subjects=(p.id, p.lead),
                path=f"{path}.first_report_to",
            )
