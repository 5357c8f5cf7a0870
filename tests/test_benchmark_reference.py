"""The benchmark's reference loader (json.loads and the constructors, by hand)
builds the same system as the library, so the load ratio compares like with
like.  The benchmark itself checks this only when it runs; this test keeps a
model change from breaking it unnoticed."""

import importlib.util
import json
import pathlib
import subprocess
import sys
from typing import Any

import pytest

from emergencykit import EmergencySystem, datasets, io

RUN = pathlib.Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"


@pytest.fixture(scope="module")
def bench() -> Any:
    spec = importlib.util.spec_from_file_location("ek_benchmarks_run", RUN)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "system",
    [datasets.chongqing_2022(), datasets.synthetic(objects=300, seed=3)],
    ids=["chongqing", "synthetic"],
)
def test_the_reference_loader_builds_what_the_library_loads(
    bench: Any, system: EmergencySystem
) -> None:
    text = io.dumps(system, "json")
    assert bench.load_by_hand(text) == io.loads(text, "json") == system


COMPARE = RUN.with_name("compare.py")


def test_compare_times_every_step_of_a_document_and_refuses_no_input(
    tmp_path: pathlib.Path,
) -> None:
    document = tmp_path / "doc.json"
    io.dump(datasets.synthetic(objects=300, seed=2), document)
    done = subprocess.run(
        [sys.executable, str(COMPARE), str(document)], capture_output=True, text=True, check=True
    )
    seconds = json.loads(done.stdout)
    assert list(seconds)[:3] == ["load", "dump", "graph_build"]
    assert list(seconds)[-1] == "rules"
    assert all(isinstance(v, float) and v >= 0 for v in seconds.values())
    refused = subprocess.run([sys.executable, str(COMPARE)], capture_output=True, text=True)
    assert refused.returncode == 2
    assert "give a document or --synthetic N" in refused.stderr


def _result(bench: Any, objects: int, scale: float) -> dict[str, Any]:
    """A size's results as :func:`measure` writes them: every step ``scale`` µs per object."""
    seconds = objects * scale * 1e-6
    return {
        "objects": objects,
        "cpu_seconds": dict.fromkeys(bench.WHOLE_RUN_SCALING_STEPS, seconds),
        # One slow outlier among three: the median leaves it out.
        "fresh_cpu_seconds": {
            step: [seconds, seconds * 3, seconds] for step in bench.SCALING_CHILDREN
        },
        "rss": {"load + graph + all rules": {"peak_rss_bytes": 2**30}},
    }


def test_growth_per_object_is_held_on_the_medians_of_fresh_processes(bench: Any) -> None:
    results = {1_000: _result(bench, 1_000, 10.0), 10_000: _result(bench, 10_000, 11.5)}
    # The whole run's single sample of the rules grew more: shown, without a bound.
    results[10_000]["cpu_seconds"]["validate_all_rules"] *= 1.5
    targets = {t["target"]: t for t in bench.ratios(results)}
    fresh = targets[
        "validate_all_rules time per object @ 10,000 ÷ @ 1,000, each in its own process (median of 3)"
    ]
    assert fresh["value"] == pytest.approx(1.15)
    assert fresh["bound"] == 1.2 and fresh["met"] is True
    whole = targets["validate_all_rules time per object @ 10,000 ÷ @ 1,000, whole run"]
    assert whole["value"] == pytest.approx(1.725)
    assert whole["bound"] is None and whole["met"] is None
    floor = targets["json_loads_gc_paused time per object @ 10,000 ÷ @ 1,000, whole run"]
    assert floor["value"] == pytest.approx(1.15)
    # A step that grew past the bound in its own processes is not met.
    results[10_000]["fresh_cpu_seconds"]["simulate"] = [1.0, 1.0, 1.0]
    targets = {t["target"]: t for t in bench.ratios(results)}
    grown = targets[
        "simulate time per object @ 10,000 ÷ @ 1,000, each in its own process (median of 3)"
    ]
    assert grown["met"] is False
