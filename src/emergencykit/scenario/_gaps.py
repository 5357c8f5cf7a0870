"""The gaps a what-if simulation reports: codes EK8xx, declared once.

A simulation never raises on a system that loads: what stops the data from
answering (an unknown event type, no plan that applies, a report nobody can
receive, a team nobody can send) is a :class:`~emergencykit.rules.Finding`
in the report style of ``check``, under a code of the area EK8.  As in
``check``, silence is a *question* (the document does not say who receives
the report) and a contradiction or impossibility a *violation* (the report
goes to an id that names nothing); a system that declares itself complete
turns its questions into violations.
"""

from collections.abc import Iterable

import attrs

from emergencykit.model import Completeness, EmergencySystem, Label
from emergencykit.rules import Finding, FindingKind, Level

__all__ = ["GAPS", "Gap"]


@attrs.frozen(kw_only=True)
class Gap:
    """One kind of gap a simulation reports: its code, severity, titles, source and meaning.

    ``kind`` says whether the gap is a violation (the data contradict
    themselves or make the step impossible) or a question (the data are
    silent).  ``rationale`` says when it is reported.

    Examples
    --------
    >>> GAPS["EK803"].title.get("en")
    'no plan applies'
    >>> GAPS["EK803"].kind.value
    'question'
    """

    code: str
    severity: Level
    kind: FindingKind
    title: Label
    source: str
    rationale: str

    def finding(
        self,
        system: EmergencySystem,
        zh: str,
        en: str,
        subjects: Iterable[str] = (),
        *,
        hint: Label | None = None,
    ) -> Finding:
        """The finding of this gap: a question at info level, unless the system is complete."""
        question = self.kind is FindingKind.QUESTION
        if question and system.completeness is Completeness.COMPLETE:
            question = False
        return Finding(
            code=self.code,
            severity=Level.INFO if question else self.severity,
            message_zh=zh,
            message_en=en,
            subjects=tuple(subjects),
            hint=hint,
            source=self.source,
            kind=FindingKind.QUESTION if question else FindingKind.VIOLATION,
        )


_V, _Q = FindingKind.VIOLATION, FindingKind.QUESTION
_LAW = (
    "突发事件应对法 (2007 text Arts 4 and 7: 分级负责、属地管理为主; "
    "2024 revision, article numbers not verified)"
)

#: Every gap a simulation reports, by code.
GAPS: dict[str, Gap] = {
    g.code: g
    for g in (
        Gap(
            code="EK801",
            severity=Level.ERROR,
            kind=_V,
            title=Label(zh="事件类型无法识别", en="unknown event type"),
            source="GB/T 35561 (突发事件分类与编码)",
            rationale="The incident names an event type that is neither the id of one of the "
            "system's event types nor a code of the national classification the system uses.",
        ),
        Gap(
            code="EK802",
            severity=Level.ERROR,
            kind=_V,
            title=Label(zh="事发地无法识别", en="unknown jurisdiction"),
            source="GB/T 2260 (中华人民共和国行政区划代码)",
            rationale="The incident names a place that is neither the id nor the division code "
            "of one of the system's jurisdictions; nothing else can be simulated.",
        ),
        Gap(
            code="EK803",
            severity=Level.ERROR,
            kind=_Q,
            title=Label(zh="没有适用的预案", en="no plan applies"),
            source=_LAW,
            rationale="No plan of the incident's jurisdiction or of those above it, up to the "
            "level that handles an incident of this severity, covers the event type.  The "
            "document may simply not list the plan, so this is a question.",
        ),
        Gap(
            code="EK804",
            severity=Level.WARNING,
            kind=_Q,
            title=Label(zh="预案未说明适用的事件类型", en="plan coverage not stated"),
            source="突发事件应急预案管理办法 (国办发〔2024〕5号; article not verified)",
            rationale="A plan on the incident's chain that is not an overall plan states no "
            "event types: whether it applies cannot be told, so it is not activated.",
        ),
        Gap(
            code="EK805",
            severity=Level.WARNING,
            kind=_Q,
            title=Label(zh="系统未描述应负责的层级", en="handling level not described"),
            source=_LAW,
            rationale="The severity calls for a level of government (national for 特别重大, "
            "provincial for 重大 …) that the system does not describe above the incident: "
            "the highest level it describes handles the incident, and who takes over above "
            "it is not stated.",
        ),
        Gap(
            code="EK806",
            severity=Level.WARNING,
            kind=_Q,
            title=Label(zh="预案未说明指挥者", en="plan names no commander"),
            source="突发事件应对法 (2024 rev.) Art. 28 (N1: 组织指挥体系与职责)",
            rationale="An activated plan names neither a commander for the response level, "
            "nor a lead, nor an issuer: nobody the data name commands under it.",
        ),
        Gap(
            code="EK807",
            severity=Level.WARNING,
            kind=_Q,
            title=Label(zh="报告无人接收", en="no recipient for a report"),
            source="突发事件应对法 (2024 rev.) Arts 17–18 (N7); "
            "生产安全事故报告和调查处理条例 Arts 9–11 (N9)",
            rationale="A report must go up to a level of the chain for which the data name no "
            "agency to receive it: the deadline cannot be met by the chain the data describe.",
        ),
        Gap(
            code="EK808",
            severity=Level.ERROR,
            kind=_V,
            title=Label(zh="报告对象不存在", en="report goes to an unknown party"),
            source="突发事件应对法 (2024 rev.) Art. 61 (N8)",
            rationale="A protocol sends its reports to an id that names nothing in the system: "
            "the report cannot arrive, so its deadline cannot be met.",
        ),
        Gap(
            code="EK809",
            severity=Level.WARNING,
            kind=_V,
            title=Label(zh="时限早于信息可达时间", en="deadline before the information can arrive"),
            source="生产安全事故报告和调查处理条例 Arts 9–11 (N9); 国办发〔2016〕80号 (N11)",
            rationale="A protocol's deadline falls before the latest moment the statutory "
            "reporting chain lets its reporting party itself be told; the timeline keeps "
            "deadlines along each chain from running backwards and uses the later moment.",
        ),
        Gap(
            code="EK810",
            severity=Level.ERROR,
            kind=_Q,
            title=Label(zh="没有可调派的适配队伍", en="no team fits"),
            source="seed §一.三 (《全市应急队伍统一调度办法》); 突发事件应对法 (2024 rev.) Art. 39 (N13)",
            rationale="No team or counted group that the command graph lets the response's "
            "commanders reach fits the event type by domain or capability.",
        ),
        Gap(
            code="EK811",
            severity=Level.WARNING,
            kind=_Q,
            title=Label(zh="适配队伍无指挥调度关系", en="fitting force out of reach"),
            source="seed §一.三 (《全市应急队伍统一调度办法》)",
            rationale="A team or counted group in the handling jurisdiction fits the event type, "
            "but no commands or dispatches edge links it to the response's commanders: the "
            "data do not say who sends it, so it is not dispatched.",
        ),
        Gap(
            code="EK812",
            severity=Level.ERROR,
            kind=_V,
            title=Label(zh="责任方不可用且无替代", en="responsible party unavailable, no fallback"),
            source="NIMS/ICS doctrine (I1: unity of command)",
            rationale="A step's responsible party is unavailable and the data name nobody to "
            "take over (no parent agency, host, office or government above it).",
        ),
        Gap(
            code="EK813",
            severity=Level.WARNING,
            kind=_V,
            title=Label(
                zh="不可用方是单点故障", en="unavailable party is a single point of failure"
            ),
            source="graph analytics: single_points_of_failure (every command path passes through it)",
            rationale="Every command path from the response's commander to some forces passes "
            "through an unavailable party: those forces are cut off.",
        ),
        Gap(
            code="EK814",
            severity=Level.WARNING,
            kind=_V,
            title=Label(zh="不可用方不存在", en="unavailable id names nothing"),
            source="emergencykit",
            rationale="An id given as unavailable names no object of the system; it changes "
            "nothing.",
        ),
        Gap(
            code="EK815",
            severity=Level.WARNING,
            kind=_V,
            title=Label(
                zh="事故等级低于伤亡人数对应的等级", en="level below what the casualties make it"
            ),
            source="生产安全事故报告和调查处理条例 Art. 3",
            rationale="For a production-safety accident the regulation grades by casualties: "
            "30 or more deaths or 100 or more seriously injured make it 特别重大, 10 or 50 "
            "重大, 3 or 10 较大 (以上 includes the bound).  An incident whose stated deaths or injured (at least their lower "
            "bound) make it graver than its level contradicts its own figures; the simulation "
            "keeps the stated level.",
        ),
    )
}
