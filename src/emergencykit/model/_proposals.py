"""Proposals (提案) and suggestions (建议), their handling, reply and commitments."""

from collections.abc import Iterable
from typing import Annotated

import attrs

from emergencykit.errors import FieldValueError
from emergencykit.model._classes import shared_methods, validated
from emergencykit.model._common import AdminLevel, Count, Entity, Label, Relation, check_number
from emergencykit.model._dates import PartialDate
from emergencykit.model._labels import BilingualEnum
from emergencykit.model._refs import Kind, ref, refs
from emergencykit.model._types import Id, Text, Year, between

__all__ = [
    "Commitment",
    "CommitmentStatus",
    "Contact",
    "HandlingMode",
    "OutcomeGrade",
    "Proposal",
    "ProposalKind",
    "Reply",
    "ReplyRole",
    "Session",
]


class ProposalKind(BilingualEnum):
    """A CPPCC member's proposal (提案) or an NPC deputy's suggestion (建议).

    >>> from emergencykit import ProposalKind
    >>> ProposalKind.NPC_SUGGESTION.noun("zh"), ProposalKind.NPC_SUGGESTION.noun("en")
    ('建议', 'suggestion')
    """

    CPPCC_PROPOSAL = ("cppcc_proposal", "政协提案", "CPPCC proposal")
    NPC_SUGGESTION = ("npc_suggestion", "人大代表建议", "NPC deputy's suggestion")

    def noun(self, lang: str = "zh") -> str:
        """What messages call one: 提案 / proposal, 建议 / suggestion."""
        return _NOUNS[self.value][lang == "en"]

    @classmethod
    def common_noun(cls, kinds: Iterable["ProposalKind"], lang: str = "zh") -> str:
        """What messages call items of ``kinds`` together: one kind's noun, or both.

        Where a message speaks of proposals in general (a heading, the kind
        a field names), a system of NPC suggestions only reads 建议, never
        提案; with both kinds, or none, both words (建议提案, the usual pair).

        >>> from emergencykit import ProposalKind
        >>> ProposalKind.common_noun([ProposalKind.NPC_SUGGESTION] * 2)
        '建议'
        >>> ProposalKind.common_noun([], "en")
        'proposal or suggestion'
        """
        found = set(kinds)
        if len(found) == 1:
            return found.pop().noun(lang)
        return "proposal or suggestion" if lang == "en" else "建议提案"


_NOUNS = {"cppcc_proposal": ("提案", "proposal"), "npc_suggestion": ("建议", "suggestion")}


class HandlingMode(BilingualEnum):
    """主办 alone, 主办 with 协办 (joint), or 分办 (split, separate replies)."""

    SOLE = ("sole", "单独办理", "sole handling")
    JOINT = ("joint", "主办会同协办", "lead with co-handlers")
    SPLIT = ("split", "分办", "split handling")


class OutcomeGrade(BilingualEnum):
    """The usual A/B/C grading of a reply's outcome."""

    A = ("A", "A类(已解决或采纳)", "A (solved or adopted)")
    B = ("B", "B类(正在解决或列入计划)", "B (being solved or planned)")
    C = ("C", "C类(留作参考)", "C (kept for reference)")


_CN_DIGITS = "〇一二三四五六七八九十"


def _cn(n: int) -> str:
    if n <= 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n - 10] if n > 10 else "")
    tens, ones = divmod(n, 10)
    return _CN_DIGITS[tens] + "十" + (_CN_DIGITS[ones] if ones else "") if n < 100 else str(n)


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class Session:
    """The session a proposal was filed at: term (届) and meeting (次).

    >>> from emergencykit import Session, AdminLevel
    >>> Session(level=AdminLevel.PROVINCIAL, term=5, meeting=5).label()
    '五届五次会议'
    """

    level: AdminLevel
    term: Annotated[int, between(1, 1000)] | None = None
    meeting: Annotated[int, between(1, 1000)] | None = None
    year: Year | None = None

    def label(self, lang: str = "zh") -> str:
        """``五届五次会议`` or ``meeting 5 of term 5``; the parts not stated are left out.

        >>> from emergencykit import Session, AdminLevel
        >>> Session(level=AdminLevel.PROVINCIAL, meeting=2).label(), Session(level=AdminLevel.COUNTY).label("en")
        ('第二次会议', 'meeting')
        """
        term, meeting = self.term, self.meeting
        if lang == "en":
            words = [] if meeting is None else [str(meeting)]
            return " ".join(["meeting", *words] + ([] if term is None else [f"of term {term}"]))
        if term is None:
            return "会议" if meeting is None else f"第{_cn(meeting)}次会议"
        return f"{_cn(term)}届" + ("会议" if meeting is None else f"{_cn(meeting)}次会议")


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class Contact:
    """Whom to contact about a reply."""

    person: Id | None = ref(Kind.PERSON, relation=Relation.MEMBER_OF, direction="in")
    phone: Text | None = None
    postcode: Text | None = None


class ReplyRole(BilingualEnum):
    """In which role a reply's sender answers: as lead handler, co-handler or split unit.

    >>> from emergencykit import ReplyRole
    >>> ReplyRole.CO_HANDLER.zh, ReplyRole.CO_HANDLER.en
    ('协办', 'co-handler')
    """

    LEAD = ("lead", "主办", "lead handler")
    CO_HANDLER = ("co_handler", "协办", "co-handler")
    SPLIT = ("split", "分办", "split unit")


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class Reply:
    """The reply letter (复函): its date, signer (审签) and contact.

    ``number`` is the letter's number (文号) as written, and ``numbered``
    false when the letter states it has none (文号: 无); a letter silent on
    it leaves both out.  ``role``
    says in which role the sender answers (主办, 协办, 分办) when the letter
    says so; left out, the reply says nothing about it.

    >>> from emergencykit import Reply, ReplyRole
    >>> Reply(number="渝应急函〔2022〕XX号").number
    '渝应急函〔2022〕XX号'
    >>> Reply(numbered=False).numbered, Reply().numbered  # 文号: 无, and not stated
    (False, None)
    >>> Reply(sender="cq-xcb", role=ReplyRole.CO_HANDLER).role.zh
    '协办'
    """

    date: PartialDate | None = None
    signer: Id | None = ref(Kind.PERSON, relation=Relation.SUPERVISES, direction="in")
    contact: Contact | None = None
    title: Label | None = None
    sender: Id | None = ref(Kind.AGENCY, relation=Relation.LEADS, direction="in")
    number: Text | None = None
    numbered: bool | None = None
    role: ReplyRole | None = None

    def __attrs_post_init__(self) -> None:
        check_number(self.number, self.numbered)


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class Proposal(Entity):
    """A CPPCC proposal or NPC suggestion and how it was handled.

    The reply may not be dated before the assignment; a date known only
    to the month is refused only when it is certainly before:

    >>> from emergencykit import Proposal, ProposalKind, Session, Reply, Label, AdminLevel
    >>> Proposal(id="p", kind=ProposalKind.CPPCC_PROPOSAL, number="0716",
    ...          session=Session(level=AdminLevel.PROVINCIAL, term=5, meeting=5),
    ...          title=Label(zh="…"), assigned="2022-03-01",
    ...          reply=Reply(date="2022-02"))
    Traceback (most recent call last):
    ...
    emergencykit.errors.FieldValueError: 'reply.date' must not be before the assignment date 2022-03-01 (got PartialDate(2022, 2))
    >>> Proposal(id="p", kind=ProposalKind.CPPCC_PROPOSAL, number="0716",
    ...          session=Session(level=AdminLevel.PROVINCIAL, term=5, meeting=5),
    ...          title=Label(zh="…"), assigned="2022-03-01",
    ...          reply=Reply(date="2022-03")).reply.date
    PartialDate(2022, 3)
    """

    kind: ProposalKind
    number: Text | None = None
    session: Session | None = None
    title: Label | None = None
    jurisdiction: Id | None = ref(Kind.JURISDICTION, relation=Relation.LOCATED_IN)
    proposers: tuple[Id, ...] = refs(Kind.PERSON, relation=Relation.ACTIVATES, direction="in")
    lead_handler: Id | None = ref(Kind.AGENCY, relation=Relation.LEADS, direction="in")
    co_handlers: tuple[Id, ...] = refs(Kind.AGENCY, relation=Relation.CO_HANDLES, direction="in")
    mode: HandlingMode | None = None
    assigned: PartialDate | None = None
    reply: Reply | None = None
    grade: OutcomeGrade | None = None

    def __attrs_post_init__(self) -> None:
        assigned = self.assigned
        answered = None if self.reply is None else self.reply.date
        if assigned is not None and answered is not None and answered.before(assigned):
            raise FieldValueError(
                "reply.date",
                f"must not be before the assignment date {assigned}",
                answered,
            )


class CommitmentStatus(BilingualEnum):
    PROMISED = ("promised", "承诺", "promised")
    IN_PROGRESS = ("in_progress", "推进中", "in progress")
    DONE = ("done", "已完成", "done")


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class Commitment(Entity):
    """A measurable promise made in a reply, with the agency responsible.

    ``section`` locates it in the reply (``"一.1"``); ``check`` says how one
    would verify it; ``target`` is the figure promised or reported.
    """

    proposal: Id = ref(Kind.PROPOSAL, relation=Relation.MEMBER_OF, required=True)
    text: Label
    responsible: Id | None = ref(Kind.AGENCY, relation=Relation.LEADS, direction="in")
    supporting: tuple[Id, ...] = refs(Kind.AGENCY, relation=Relation.CO_HANDLES, direction="in")
    section: Text | None = None
    status: CommitmentStatus | None = None
    due: PartialDate | None = None
    check: Label | None = None
    target: Count | None = None
    events: tuple[Id, ...] = refs(Kind.EVENT, relation=Relation.REFERS_TO)
