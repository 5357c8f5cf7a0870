"""Say what the letter says: labelled figures, principles, what a revision changed.

Each of these is optional and says nothing when left out: a round trip
writes nothing for "not stated" (the empty tuple) and reads it back as not
stated, and every stated value comes back as itself, in every file format.
"""

from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import emergencykit as ek
from emergencykit import io
from emergencykit.io._convert import converter
from emergencykit.model import COLLECTIONS
from emergencykit.strategies import labels, objects
from emergencykit.strategies._objects import counts

#: The fields that state a list of facts, with a strategy for a stated (non-empty) value.
_FIGURES = st.lists(
    st.builds(ek.Figure, label=labels(), count=counts()), min_size=1, max_size=3
).map(tuple)
_LABELS = st.lists(labels(), min_size=1, max_size=3).map(tuple)
LISTED: list[tuple[type, str, st.SearchStrategy[Any]]] = [
    *((cls, "figures", _FIGURES) for cls, _ in COLLECTIONS.values()),
    (ek.Framework, "principles", _LABELS),
    (ek.TierScheme, "principles", _LABELS),
    (ek.Programme, "other_principles", _LABELS),
    (ek.Revision, "changes", _LABELS),
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
