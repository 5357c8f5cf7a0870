"""Open lists of ids (等): declared once in ``open``, kept by every format, read as lower bounds."""

import json
from typing import Any

import attrs
import pytest
import rules_helpers as h
from hypothesis import HealthCheck, given, settings

import emergencykit as ek
from emergencykit import io, rules
from emergencykit._fieldref import fields_markdown
from emergencykit.datasets import chongqing_2022
from emergencykit.model import id_lists, is_open, references
from emergencykit.strategies import DEFAULT_AS_OF, any_systems, objects
from emergencykit.summary import render_text, summarize

WHOLE = settings(
    max_examples=max(10, settings.default.max_examples // 4),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _model_classes() -> list[type]:
    found = (getattr(ek, name) for name in ek.__all__)
    return [c for c in found if isinstance(c, type) and attrs.has(c)]


def test_every_class_with_an_id_list_can_mark_it_open() -> None:
    # A new class that holds lists of ids gets ``open`` too, or this fails.
    for cls in _model_classes():
        if id_lists(cls):
            assert "open" in attrs.fields_dict(cls), cls.__name__


def test_id_lists_are_the_refs_fields() -> None:
    assert id_lists(ek.Proposal) == ("proposers", "co_handlers")
    assert id_lists(ek.RevisionProgress) == ("responsible_agencies",)
    # A scheme's tiers are objects, not ids.
    assert id_lists(ek.TierScheme) == ()
    assert all(references(ek.Plan)[n].many for n in id_lists(ek.Plan))


@pytest.mark.parametrize(
    ("cls", "kw", "name", "message"),
    [
        (
            ek.Proposal,
            {"kind": "cppcc_proposal"},
            "title",
            "'open[0]' must name one of Proposal's lists of ids (proposers, co_handlers) "
            "(got 'title')",
        ),
        (
            ek.TeamCategory,
            {"name": ek.Label(zh="类别")},
            "domain",
            "'open[0]' must name a list of ids, and TeamCategory has none (got 'domain')",
        ),
    ],
)
def test_marking_what_is_not_an_id_list_is_refused(
    cls: type, kw: dict[str, Any], name: str, message: str
) -> None:
    with pytest.raises(ek.FieldValueError, match="open") as caught:
        cls(id="x", open=[name], **kw)
    assert str(caught.value) == message
    assert caught.value.field == "open[0]"


def test_nested_lists_can_be_open() -> None:
    progress = ek.RevisionProgress(
        scope=ek.Label(zh="专项预案"), responsible_agencies=["a"], open=["responsible_agencies"]
    )
    assert is_open(progress, "responsible_agencies")
    with pytest.raises(ek.FieldValueError, match="RevisionProgress's lists of ids"):
        ek.RevisionProgress(scope=ek.Label(zh="专项预案"), open=["scope"])


def test_a_bad_open_key_in_a_document_names_its_path() -> None:
    text = (
        "schema: emergencykit/1\nid: s\nname: {zh: x}\n"
        "proposals:\n- {id: p, kind: cppcc_proposal, open: [co_handler]}\n"
    )
    with pytest.raises(ek.LoadError) as caught:
        io.loads(text, "yaml")
    assert "$.proposals[0].open[0]: must name one of Proposal's lists of ids" in str(caught.value)


def test_open_is_written_after_the_lists_it_names() -> None:
    p = ek.Proposal(id="p", kind="cppcc_proposal", co_handlers=["a"], open=["co_handlers"])
    data = io.unstructure(ek.EmergencySystem(id="s", name=ek.Label(zh="x"), proposals=(p,)))
    assert list(data["proposals"][0]) == ["id", "kind", "co_handlers", "open"]
    assert io.structure(data).proposals[0] == p


@pytest.mark.parametrize("fmt", ["json", "toml", "yaml"])
@given(p=objects(ek.Proposal))
@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
def test_round_trip_keeps_open_and_not_open(fmt: str, p: ek.Proposal) -> None:
    system = ek.EmergencySystem(id="s", name=ek.Label(zh="x"), proposals=(p,))
    back = io.loads(io.dumps(system, fmt), fmt).proposals[0]
    assert back == p
    for name in id_lists(ek.Proposal):
        assert is_open(back, name) is is_open(p, name)


def test_the_schema_lists_each_class_s_own_id_lists() -> None:
    defs = io.json_schema()["$defs"]
    assert defs["Proposal"]["properties"]["open"] == {
        "type": "array",
        "items": {"enum": ["proposers", "co_handlers"]},
    }
    assert defs["Tier"]["properties"]["open"] == {"type": "array", "maxItems": 0}
    assert defs["RevisionProgress"]["properties"]["open"]["items"]["enum"] == [
        "responsible_agencies"
    ]


def test_the_field_reference_names_the_lists() -> None:
    page = fields_markdown()
    assert "| `open` | list of key | empty | `proposers`, `co_handlers` |" in page


def test_chongqing_co_handlers_are_open_as_the_seed_says() -> None:
    # 「市委宣传部、政局、市公安局、市住房城乡建委和市卫委等协办单位共同研究办理」
    (p,) = chongqing_2022().proposals
    assert is_open(p, "co_handlers") and not is_open(p, "proposers")
    assert any("市卫委等协办单位" in (c.quote or "") for c in p.cite)


def test_the_summary_says_and_others() -> None:
    system = chongqing_2022()
    zh = render_text(summarize(system, lang="zh"), lang="zh")
    en = render_text(summarize(system, lang="en"), lang="en")
    assert "重庆市卫生健康委员会等\n" in zh
    assert "Chongqing Health Commission; and others\n" in en
    closed = attrs.evolve(system, proposals=(attrs.evolve(system.proposals[0], open=()),))
    data = summarize(closed, lang="en")
    assert "and others" not in json.dumps(data["proposals"])


# -- rules read an open list as a lower bound -------------------------------------------


def test_ek704_joint_with_an_open_list_naming_none_is_quiet() -> None:
    s = h.edit(h.base(), "proposals", "pp", co_handlers=())
    assert [f.code for f in h.findings(s, "EK704")] == ["EK704"]
    s = h.edit(s, "proposals", "pp", open=("co_handlers",))
    assert h.findings(s, "EK704") == []


def test_ek707_owner_maybe_among_unnamed_co_handlers_is_asked() -> None:
    s = h.edit(h.base(), "commitments", "c1", responsible="gov")
    (f,) = h.findings(s, "EK707")
    assert f.kind is rules.FindingKind.VIOLATION
    s = h.edit(s, "proposals", "pp", open=("co_handlers",))
    (f,) = h.findings(s, "EK707")
    assert f.kind is rules.FindingKind.QUESTION
    assert f.subjects == ("c1", "gov", "pp")
    assert "among the co-handlers of the proposal it does not name" in f.message("en")


def test_ek407_lead_maybe_among_unnamed_first_report_targets_is_asked() -> None:
    s = h.edit(h.base(), "protocols", "protocol", first_report_to=("gov",))
    (f,) = h.findings(s, "EK407")
    assert f.kind is rules.FindingKind.VIOLATION
    s = h.edit(s, "protocols", "protocol", open=("first_report_to",))
    (f,) = h.findings(s, "EK407")
    assert f.kind is rules.FindingKind.QUESTION


def test_ek201_an_open_list_of_institutions_has_some() -> None:
    s = h.edit(h.base(), "aspects", "aspect", institutions=())
    assert [f.code for f in h.findings(s, "EK201")] == ["EK201"]
    assert h.findings(h.edit(s, "aspects", "aspect", open=("institutions",)), "EK201") == []


def test_ek206_an_open_list_of_modes_has_some() -> None:
    (policy,) = h.base().dispatch_policies
    s = h.edit(h.base(), "dispatch_policies", policy.id, modes=())
    assert [f.code for f in h.findings(s, "EK206")] == ["EK206"]
    assert h.findings(h.edit(s, "dispatch_policies", policy.id, open=("modes",)), "EK206") == []


def test_named_members_beyond_a_total_stay_a_violation_when_open() -> None:
    # An open list has at least its named members: too many named is still too many.
    s = h.edit(h.base(), "proposals", "pp", co_handlers=("xcb", "yjj"), open=("co_handlers",))
    assert [f.kind for f in h.findings(s, "EK708")] == [rules.FindingKind.VIOLATION]


def _with_open(obj: Any, everything: bool) -> Any:
    """``obj`` with every list of ids of it and of the objects in it marked open (or none)."""
    if isinstance(obj, tuple):
        return tuple(_with_open(x, everything) for x in obj)
    if not attrs.has(type(obj)):
        return obj
    changes = {
        f.name: _with_open(getattr(obj, f.name), everything)
        for f in attrs.fields(type(obj))
        if f.name != "cite"
    }
    if "open" in changes:
        changes["open"] = id_lists(type(obj)) if everything else ()
    return attrs.evolve(obj, **changes)


def _violations(system: ek.EmergencySystem) -> set[tuple[str, str | None, tuple[str, ...]]]:
    report = rules.validate(system, rules.ValidationConfig(as_of=DEFAULT_AS_OF))
    return {
        (f.code, f.path, f.subjects)
        for f in report.findings
        if f.kind is rules.FindingKind.VIOLATION
    }


def test_opening_every_list_of_the_seed_model_creates_no_violation() -> None:
    closed = _with_open(chongqing_2022(), everything=False)
    opened = _with_open(closed, everything=True)
    assert _violations(opened) <= _violations(closed)


@WHOLE
@given(system=any_systems())
def test_opening_any_list_never_creates_a_violation(system: ek.EmergencySystem) -> None:
    closed = _with_open(system, everything=False)
    opened = _with_open(closed, everything=True)
    assert _violations(opened) <= _violations(closed)
