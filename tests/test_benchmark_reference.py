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
