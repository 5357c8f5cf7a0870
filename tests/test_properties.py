"""Properties of whole systems: they load, validate cleanly, break as told, and
the validator, the graph and the renderers are total and deterministic."""

import json
import pathlib
import random
import subprocess
import sys

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emergencykit import io, rules
from emergencykit.graph import to_graph
from emergencykit.model import COLLECTIONS, EmergencySystem
from emergencykit.rules import Level, Report, ValidationConfig
from emergencykit.strategies import DEFAULT_AS_OF, MUTATIONS, Mutation, any_systems, systems

CONFIG = ValidationConfig(as_of=DEFAULT_AS_OF)

# Whole-system properties cost a validation or a graph per example: they run a
# quarter of the profile's examples (ci: 50), mutations a tenth per mutation.
WHOLE = settings(
    max_examples=max(10, settings.default.max_examples // 4),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PER_MUTATION = settings(
    max_examples=max(5, settings.default.max_examples // 10),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def errors(report: Report) -> list[str]:
    return [
        f"{f.code} {f.subjects} {f.message_en}"
        for f in report.findings
        if f.severity is Level.ERROR
    ]


def invariant(report: Report) -> set[tuple[str, str, tuple[str, ...]]]:
    """What must not depend on document order: paths (``$.teams[3]``) do, and
    so does the order in which a finding lists its subjects."""
    return {(f.code, str(f.severity), tuple(sorted(f.subjects))) for f in report.findings}


def shuffled(system: EmergencySystem, seed: int) -> EmergencySystem:
    rng = random.Random(seed)
    change = {}
    for name in [*COLLECTIONS, "relations"]:
        items = list(getattr(system, name))
        rng.shuffle(items)
        change[name] = tuple(items)
    return attrs.evolve(system, **change)


@pytest.mark.parametrize("fmt", ["json", "toml", "yaml"])
@given(system=systems())
@WHOLE
def test_valid_systems_round_trip(fmt: str, system: EmergencySystem) -> None:
    assert io.loads(io.dumps(system, fmt), fmt) == system


@given(system=systems(depth=(1, 4), children=(1, 2)))
@WHOLE
def test_valid_systems_have_no_errors(system: EmergencySystem) -> None:
    assert errors(rules.validate(system, CONFIG)) == []


@given(system=systems())
@WHOLE
def test_valid_systems_pass_every_pack_with_at_most_span_warnings(system: EmergencySystem) -> None:
    # Small systems cannot reach a span of 3; everything else the packs ask
    # for (drills, revisions, filings, deadlines, replies …) is met.
    every_pack = ValidationConfig(as_of=DEFAULT_AS_OF, packs=("national", "chongqing", "ics"))
    report = rules.validate(system, every_pack)
    loud = {f.code for f in report.findings if f.severity in (Level.ERROR, Level.WARNING)}
    assert loud <= {"EK503"}


EVERY_PACK = ValidationConfig(as_of=DEFAULT_AS_OF, packs=("national", "chongqing", "ics"))


def found(system: EmergencySystem) -> set[tuple[str, tuple[str, ...]]]:
    return {(f.code, f.subjects) for f in rules.validate(system, EVERY_PACK).findings}


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: m.name)
@given(system=systems(), data=st.data())
@PER_MUTATION
def test_mutation_triggers_its_code(
    mutation: Mutation, system: EmergencySystem, data: st.DataObject
) -> None:
    # A finding of the mutation's code that the valid system did not have:
    # small valid systems may already show a span below the band (EK503).
    new = found(mutation.apply(system, data)) - found(system)
    assert mutation.code in {code for code, _ in new}


@given(system=any_systems())
@WHOLE
def test_validation_graph_and_renderers_are_total(system: EmergencySystem) -> None:
    report = rules.validate(system, CONFIG)
    assert isinstance(report, Report)
    # A rule that raised is reported under EK000 instead of stopping the run.
    assert "EK000" not in {f.code for f in report.findings}
    to_graph(system)
    for lang in ("zh", "en"):
        assert isinstance(rules.render_text(report, lang), str)
        assert isinstance(rules.render_sarif(report, lang, filename="system.json"), str)
    assert isinstance(rules.render_json(report), str)


@given(system=any_systems())
@WHOLE
def test_same_system_same_json_report(system: EmergencySystem) -> None:
    rebuilt = attrs.evolve(system)
    first = rules.render_json(rules.validate(system, CONFIG))
    assert rules.render_json(rules.validate(rebuilt, CONFIG)) == first


@given(system=systems(), seed=st.integers(0, 2**32 - 1), data=st.data())
@WHOLE
def test_order_of_collections_changes_nothing(
    system: EmergencySystem, seed: int, data: st.DataObject
) -> None:
    # A defect too, so that the comparison covers findings and not just silence;
    # duplicates are left out: which twin resolves first depends on order.
    mutation = data.draw(st.sampled_from([m for m in MUTATIONS if m.code != "EK001"]))
    system = mutation.apply(system, data)
    other = shuffled(system, seed)
    assert invariant(rules.validate(other, CONFIG)) == invariant(rules.validate(system, CONFIG))
    g, h = to_graph(system), to_graph(other)
    assert set(g.nodes) == set(h.nodes)
    assert set(g.edges(keys=True)) == set(h.edges(keys=True))


@pytest.mark.shrinking
def test_failures_shrink_and_still_fail() -> None:
    script = pathlib.Path(__file__).with_name("shrinking.py")
    out = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=True, timeout=900
    )
    result = json.loads(out.stdout)
    assert result["fails"]
    assert result["reported"] <= result["first"]
