"""Say what the letter says: labelled figures, principles, what a revision changed,
document numbers (文号), the role a reply's sender answers in, and real events.

Each of these is optional and says nothing when left out: a round trip
writes nothing for "not stated" (the empty tuple) and reads it back as not
stated, and every stated value comes back as itself, in every file format.
"""

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import emergencykit as ek
from emergencykit import io
from emergencykit.io._convert import converter
from emergencykit.model import COLLECTIONS
from emergencykit.strategies import ids, labels, objects
from emergencykit.strategies._objects import counts

#: The fields that state a list of facts, with a strategy for a stated (non-empty) value.
_FIGURES = st.lists(
    st.builds(ek.Figure, label=labels(), count=counts()), min_size=1, max_size=3
).map(tuple)
_LABELS = st.lists(labels(), min_size=1, max_size=3).map(tuple)
_IDS = st.lists(ids(), min_size=1, max_size=3).map(tuple)
LISTED: list[tuple[type, str, st.SearchStrategy[Any]]] = [
    *((cls, "figures", _FIGURES) for cls, _ in COLLECTIONS.values()),
    (ek.Framework, "principles", _LABELS),
    (ek.TierScheme, "principles", _LABELS),
    (ek.Programme, "other_principles", _LABELS),
    (ek.Revision, "changes", _LABELS),
    (ek.Plan, "events", _IDS),
    (ek.Revision, "events", _IDS),
    (ek.Commitment, "events", _IDS),
]

_SETTINGS = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.parametrize(
    ("cls", "name", "stated"), LISTED, ids=[f"{c.__name__}.{n}" for c, n, _ in LISTED]
)
@_SETTINGS
@given(data=st.data())
def test_a_listed_fact_round_trips_unstated_and_stated(
    cls: type, name: str, stated: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    c = converter()
    obj = data.draw(objects(cls))
    assert attrs.fields_dict(cls)[name].default == ()
    silent = attrs.evolve(obj, **{name: ()})
    written = c.unstructure(silent)
    assert name not in written
    assert getattr(c.structure(written, cls), name) == ()
    value = data.draw(stated)
    said = attrs.evolve(obj, **{name: value})
    written = c.unstructure(said)
    assert name in written
    back = c.structure(written, cls)
    assert back == said and getattr(back, name) == value


_COLLECTED = list(COLLECTIONS)


@pytest.mark.parametrize("fmt", ["json", "toml", "yaml"])
@_SETTINGS
@given(data=st.data())
def test_files_keep_figures_apart_from_none(fmt: str, data: st.DataObject) -> None:
    collection = data.draw(st.sampled_from(_COLLECTED))
    cls, _ = COLLECTIONS[collection]
    obj = data.draw(objects(cls))
    value = data.draw(st.just(()) | _FIGURES)
    item = attrs.evolve(obj, figures=value)
    system = ek.EmergencySystem(id="s", name=ek.Label(zh="系统"), **{collection: (item,)})
    back = io.loads(io.dumps(system, fmt), fmt)
    assert back == system
    assert getattr(back, collection)[0].figures == value


def test_figures_principles_and_changes_load_as_the_letter_words_them() -> None:
    text = """
schema: emergencykit/1
id: s
name: {zh: 宣城}
agencies:
  - id: xc-yjj
    name: {zh: 宣城市应急管理局}
    kind: government_department
    figures:
      - label: {zh: 整合的部门}
        count: {value: 9, unit: agencies, text: 9个部门}
      - label: {zh: 承担日常工作职责的议事协调机构办公室}
        count: {value: 5, unit: items}
frameworks:
  - id: reform
    name: {zh: 应急指挥机构}
    principles: [{zh: 优化}, {zh: 协同}, {zh: 高效}]
plans:
  - id: relief
    kind: special
    revisions:
      - status: done
        changes: [{zh: 进一步修正《自然灾害救助应急预案》响应启动标准}]
"""
    system = io.loads(text, "yaml")
    (bureau,) = system.agencies
    assert [(f.label.zh, f.count.value, f.count.unit) for f in bureau.figures] == [
        ("整合的部门", 9, ek.CountUnit.AGENCIES),
        ("承担日常工作职责的议事协调机构办公室", 5, ek.CountUnit.ITEMS),
    ]
    assert [p.zh for p in system.frameworks[0].principles] == ["优化", "协同", "高效"]
    (revision,) = system.plans[0].revisions
    # Done and undated: a partial description, not an error.
    assert (revision.status, revision.date) == (ek.RevisionStatus.DONE, None)
    assert revision.changes[0].zh.startswith("进一步修正")
    assert io.loads(io.dumps(system, "toml"), "toml") == system


def test_a_figure_needs_both_its_label_and_its_count() -> None:
    text = """
schema: emergencykit/1
id: s
name: {zh: 系统}
agencies:
  - {id: a, name: {zh: 局}, kind: government_department, figures: [{label: {zh: 站点}}]}
"""
    with pytest.raises(ek.errors.LoadError, match=r"agencies\[0\]\.figures\[0\]\.count"):
        io.loads(text, "yaml")


# -- document numbers (文号): a number, none (文号: 无), or not stated ------------------

#: (number, numbered) as a source may state them: not at all, "none", a number,
#: "it has one" without giving it, and a number with the flag said too.
NUMBERINGS = [
    (None, None),
    (None, False),
    ("渝应急函〔2022〕12号", None),
    (None, True),
    ("宣应急〔2021〕3号", True),
]


@pytest.mark.parametrize("fmt", ["json", "toml", "yaml"])
@_SETTINGS
@given(data=st.data())
def test_files_keep_a_number_none_and_not_stated_apart(fmt: str, data: st.DataObject) -> None:
    number, numbered = data.draw(st.sampled_from(NUMBERINGS))
    role = data.draw(st.none() | st.sampled_from(ek.ReplyRole))
    document = attrs.evolve(data.draw(objects(ek.Document)), number=number, numbered=numbered)
    proposal = data.draw(objects(ek.Proposal, reply=st.just(None)))
    reply = ek.Reply(number=number, numbered=numbered, role=role)
    system = ek.EmergencySystem(
        id="s",
        name=ek.Label(zh="系统"),
        documents=(document,),
        proposals=(attrs.evolve(proposal, reply=reply),),
    )
    written = io.dumps(system, fmt)
    back = io.loads(written, fmt)
    assert back == system
    for obj in (back.documents[0], back.proposals[0].reply):
        assert (obj.number, obj.numbered) == (number, numbered)
    assert back.proposals[0].reply.role == role
    if numbered is None:
        assert "numbered" not in io.unstructure(back)["documents"][0]


def test_a_number_and_no_number_at_once_is_refused() -> None:
    with pytest.raises(ek.errors.FieldValueError, match="'numbered' must not be false"):
        ek.Reply(number="渝应急函〔2022〕12号", numbered=False)
    text = """
schema: emergencykit/1
id: s
name: {zh: 系统}
documents:
  - {id: d, kind: notice, number: 渝府发〔2022〕1号, numbered: false}
"""
    with pytest.raises(ek.errors.LoadError, match=r"documents\[0\]\.numbered"):
        io.loads(text, "yaml")


def test_the_summary_shows_a_number_none_and_the_replying_role() -> None:
    from emergencykit.summary import render_text, summarize

    none = ek.Reply(numbered=False, sender="xcb", role=ek.ReplyRole.CO_HANDLER)
    numbered = ek.Document(
        id="d", title=ek.Label(zh="通知"), kind=ek.DocumentKind.NOTICE, number="咸政办发〔2024〕5号"
    )
    system = ek.EmergencySystem(
        id="s",
        name=ek.Label(zh="系统"),
        agencies=(
            ek.Agency(
                id="xcb",
                name=ek.Label(zh="市委宣传部", en="publicity department"),
                kind=ek.AgencyKind.PARTY_DEPARTMENT,
            ),
        ),
        documents=(numbered,),
        proposals=(ek.Proposal(id="p", kind=ek.ProposalKind.NPC_SUGGESTION, reply=none),),
    )
    zh = render_text(summarize(system, lang="zh"), lang="zh")
    assert "文号: 咸政办发〔2024〕5号" in zh
    assert "  答复文号: 无\n" in zh
    assert "  答复单位身份: 市委宣传部 (协办)\n" in zh
    en = render_text(summarize(system, lang="en"), lang="en")
    assert "  reply number: none\n" in en
    assert "  replying as: publicity department (co-handler)\n" in en
    silent = attrs.evolve(
        system,
        proposals=(ek.Proposal(id="p", kind=ek.ProposalKind.NPC_SUGGESTION, reply=ek.Reply()),),
    )
    text = render_text(summarize(silent, lang="en"), lang="en")
    assert "reply number" not in text and "replying as" not in text


# -- events: real incidents that plans, revisions and commitments cite -----------------

_EVENTS = """
schema: emergencykit/1
id: s
name: {zh: 示例}
root: cq
jurisdictions:
  - {id: cq, name: {zh: 重庆市}, level: provincial}
event_types:
  - {id: et-flood, name: {zh: 洪涝灾害}, category: natural_disaster}
events:
  - id: flood-2020
    name: {zh: “8·20”洪水, en: the 20 August flood}
    event_type: et-flood
    date: 2020-08
    jurisdiction: cq
plans:
  - id: flood-plan
    kind: special
    events: [flood-2020]
    revisions:
      - {status: done, date: 2021-03, events: [flood-2020]}
proposals:
  - {id: p, kind: cppcc_proposal}
commitments:
  - {id: c, proposal: p, text: {zh: 总结洪水教训}, events: [flood-2020]}
"""


def test_events_load_and_are_cited_by_plans_revisions_and_commitments() -> None:
    system = io.loads(_EVENTS, "yaml")
    (flood,) = system.events
    assert (flood.event_type, str(flood.date), flood.jurisdiction) == ("et-flood", "2020-08", "cq")
    assert system["flood-2020"] is flood and system.path_of("flood-2020") == "$.events[0]"
    assert system.plans[0].revisions[0].events == ("flood-2020",)
    assert io.loads(io.dumps(system, "toml"), "toml") == system
    # An event with nothing but its name is a partial description, not an error.
    bare = ek.Event(id="e", name=ek.Label(zh="某次火灾"))
    assert (bare.event_type, bare.date, bare.jurisdiction) == (None, None, None)


def test_graph_edges_of_events_come_from_the_declarations() -> None:
    from emergencykit import graph

    G = graph.to_graph(io.loads(_EVENTS, "yaml"))
    assert G.nodes["flood-2020"]["kind"] == ek.Kind.EVENT
    edges = {
        (u, v, str(k), d["field"])
        for u, v, k, d in G.edges(keys=True, data=True)
        if "flood-2020" in (u, v)
    }
    assert edges == {
        ("flood-2020", "et-flood", "member_of", "event_type"),
        ("flood-2020", "cq", "located_in", "jurisdiction"),
        ("flood-plan", "flood-2020", "refers_to", "revisions.events, events"),
        ("c", "flood-2020", "refers_to", "events"),
    }


def test_reference_rules_check_what_cites_an_event() -> None:
    from emergencykit import rules

    system = io.loads(_EVENTS, "yaml")
    plan = attrs.evolve(system.plans[0], events=("no-such-event",))
    wrong = attrs.evolve(system.commitments[0], events=("flood-plan",))
    broken = attrs.evolve(system, plans=(plan,), commitments=(wrong,))
    report = rules.validate(broken, rules.ValidationConfig(as_of=dt.date(2024, 1, 1)))
    found = {(f.code, f.path) for f in report.findings if f.code in ("EK002", "EK003")}
    assert found == {
        ("EK002", "$.plans[0].events[0]"),
        ("EK003", "$.commitments[0].events[0]"),
    }
    clean = rules.validate(system, rules.ValidationConfig(as_of=dt.date(2024, 1, 1)))
    assert not [f for f in clean.findings if f.code in ("EK002", "EK003")]


def test_the_summary_lists_events_with_what_cites_them() -> None:
    from emergencykit.summary import render_text, summarize

    system = io.loads(_EVENTS, "yaml")
    data = summarize(system, lang="en")
    assert data["events"] == [
        {
            "name": "the 20 August flood",
            "type": "洪涝灾害",
            "date": "2020-08",
            "jurisdiction": "重庆市",
            "cited_by": ["flood-plan", "总结洪水教训"],
        }
    ]
    en = render_text(data, lang="en")
    assert "== Events the document names ==\n  - the 20 August flood [洪涝灾害, 2020-08]\n" in en
    assert "      cited by: flood-plan; 总结洪水教训\n" in en
    assert "after: the 20 August flood" in en
    zh = render_text(summarize(system, lang="zh"), lang="zh")
    assert "所涉事件：“8·20”洪水" in zh
    assert "Events" not in render_text(
        summarize(attrs.evolve(system, events=()), lang="en"), lang="en"
    )


def test_generated_systems_have_events_where_sensible() -> None:
    from hypothesis import Phase, find
    from hypothesis import settings as hsettings

    from emergencykit.datasets import synthetic
    from emergencykit.strategies import systems

    small = systems(depth=1, agencies=0, plans=1, teams=0, proposals=0)
    found = find(
        small,
        lambda s: bool(s.events),
        settings=hsettings(database=None, phases=(Phase.generate,), max_examples=500),
    )
    (event,) = found.events
    cited = [r for p in found.plans for r in p.revisions if event.id in r.events]
    assert len(cited) == 1 and not cited[0].date.before(event.date)
    big = synthetic(200, seed=1)
    assert [e.id for e in big.events] == ["event-flood-cn"]
    assert any("event-flood-cn" in r.events for p in big.plans for r in p.revisions)
