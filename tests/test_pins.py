"""Pins: the reports and graphs of the embedded and a synthetic system, byte for byte.

Refactors must not change what users see.  Each pin is the SHA-256 of a
canonical rendering: the JSON and text reports of ``check`` in both
languages, the JSON and text summaries, the JSON Schema, and the graph
(nodes with their attributes and edges with keys and data, in graph order).
A deliberate change of output updates ``tests/snapshots/pins.json`` with
``python tests/test_pins.py --update`` and says why in the commit.
"""

import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

PINS = Path(__file__).parent / "snapshots" / "pins.json"


def _systems() -> dict[str, Any]:
    from emergencykit.datasets import chongqing_2022, synthetic

    return {"chongqing": chongqing_2022(), "synthetic-10k": synthetic(objects=10_000, seed=7)}


def _graph_text(system: Any) -> str:
    from emergencykit.graph import to_graph

    G = to_graph(system)
    lines = [repr(sorted(G.graph.items()))]
    # A node's kind is compared as its text, so that a str-valued kind enum
    # replacing the bare strings keeps the pin.
    lines.extend(
        f"N {n!r} {[(k, str(v) if k == 'kind' else v) for k, v in d.items()]!r}"
        for n, d in G.nodes(data=True)
    )
    lines.extend(
        f"E {u!r} {v!r} {k!r} {sorted(d.items())!r}" for u, v, k, d in G.edges(keys=True, data=True)
    )
    return "\n".join(lines)


def _renderings(name: str, system: Any) -> dict[str, Callable[[], str]]:
    import emergencykit.rules as rules
    from emergencykit import io, summary

    assert system.described is not None
    as_of = system.described.latest()

    def report() -> Any:
        return rules.validate(system, rules.ValidationConfig(as_of=as_of))

    out: dict[str, Callable[[], str]] = {
        f"{name}/check.json": lambda: rules.render(report(), "json", lang="zh", filename=None),
        f"{name}/check.zh.txt": lambda: rules.render(report(), "text", lang="zh", filename=None),
        f"{name}/check.en.txt": lambda: rules.render(report(), "text", lang="en", filename=None),
        f"{name}/check.sarif": lambda: rules.render(
            report(), "sarif", lang="en", filename="a.yaml"
        ),
        f"{name}/summary.json": lambda: summary.render_json(summary.summarize(system, lang="en")),
        f"{name}/summary.zh.txt": lambda: summary.render_text(summary.summarize(system), lang="zh"),
        f"{name}/graph": lambda: _graph_text(system),
        f"{name}/document.json": lambda: io.dumps(system, "json"),
    }
    return out


def _all() -> dict[str, Callable[[], str]]:
    from emergencykit import io

    out: dict[str, Callable[[], str]] = {
        "schema": lambda: json.dumps(io.json_schema(), ensure_ascii=False, indent=2, sort_keys=True)
    }
    for name, system in _systems().items():
        out.update(_renderings(name, system))
    return out


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@pytest.fixture(scope="module")
def renderings() -> dict[str, Callable[[], str]]:
    return _all()


def test_every_pin_is_rendered(renderings: dict[str, Callable[[], str]]) -> None:
    assert sorted(renderings) == sorted(json.loads(PINS.read_text(encoding="utf-8")))


@pytest.mark.parametrize("key", sorted(json.loads(PINS.read_text(encoding="utf-8"))))
def test_output_is_byte_identical(key: str, renderings: dict[str, Callable[[], str]]) -> None:
    expected = json.loads(PINS.read_text(encoding="utf-8"))[key]
    assert _digest(renderings[key]()) == expected, f"{key} changed"


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python tests/test_pins.py --update")
    pins = {key: _digest(render()) for key, render in sorted(_all().items())}
    PINS.write_text(json.dumps(pins, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {len(pins)} pins")
