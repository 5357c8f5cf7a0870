"""Provenance: citations on every object, EK006, and ``summary --sources``."""

import io as _io
import json

import attrs
import pytest
import rules_helpers as h
from hypothesis import given

import emergencykit as ek
from emergencykit import io
from emergencykit.cli import main
from emergencykit.errors import FieldValueError
from emergencykit.strategies import objects
from emergencykit.summary import render_text, summarize

SEED = ek.Source(id="seed", title=ek.Label(zh="复函"))


def _cited(system: ek.EmergencySystem, *cites: ek.Citation) -> ek.EmergencySystem:
    system = attrs.evolve(system, sources=(SEED,))
    return h.edit(system, "jurisdictions", "cq", cite=cites)


def test_every_collection_can_cite() -> None:
    for cls, _ in ek.COLLECTIONS.values():
        assert "cite" in {f.name for f in attrs.fields(cls)}, cls.__name__


def test_an_inference_says_why() -> None:
    with pytest.raises(FieldValueError, match="'why' is required when inferred is true"):
        ek.Citation(inferred=True)
    assert ek.Citation(inferred=True, why="general knowledge").why == "general knowledge"
    # Not inferred, or not saying: no reason needed.
    assert ek.Citation(inferred=False).why is None
    assert ek.Citation(source="seed").inferred is None


def test_a_quote_is_text() -> None:
    with pytest.raises(FieldValueError, match="quote"):
        ek.Citation(quote=" 组建 ")
    with pytest.raises(FieldValueError, match="quote"):
        ek.Citation(quote=5)  # type: ignore[arg-type]


@given(objects(ek.Citation))
def test_citations_round_trip(citation: ek.Citation) -> None:
    assert io.structure(io.unstructure(citation), ek.Citation) == citation


def test_old_documents_without_source_ids_still_load() -> None:
    text = '{"schema": "emergencykit/1", "id": "s", "name": {"zh": "示"}, "sources": [{"title": {"zh": "复函"}}], "jurisdictions": [{"id": "cq", "name": {"zh": "重庆市"}, "level": "provincial", "source": "seed §一"}]}'
    system = io.loads(text, "json")
    assert system.sources[0].id is None
    assert system["cq"].source == "seed §一"
    assert system["cq"].cite == ()


def test_unknown_source_fires_ek006() -> None:
    s = _cited(h.base(), ek.Citation(source="sed", locator="§一"))
    (f,) = h.findings(s, "EK006")
    assert f.path == "$.jurisdictions[0].cite[0].source"
    assert "'sed'" in f.message("en")


def test_known_or_unnamed_source_is_quiet() -> None:
    s = _cited(
        h.base(),
        ek.Citation(source="seed", locator="§一", quote="全市"),
        ek.Citation(inferred=True, why="general knowledge"),
    )
    assert h.findings(s, "EK006") == []


def test_summary_sources_shows_quotes_in_both_languages() -> None:
    s = _cited(
        h.base(),
        ek.Citation(source="seed", locator="§一", quote="全市\u202e"),
        ek.Citation(inferred=True, why="general knowledge"),
    )
    assert "cited" not in summarize(s)
    data = summarize(s, lang="en", sources=True)
    (cq,) = [c for c in data["cited"] if c["id"] == "cq"]
    assert cq["cite"][0] == {
        "source": "seed",
        "locator": "§一",
        "quote": "全市\u202e",
        "inferred": None,
        "why": None,
    }
    en = render_text(data, lang="en")
    assert "== Where each object is stated ==" in en
    assert "      seed §一: 「全市\\u202e」" in en  # escaped, never raw
    assert "      inferred: general knowledge" in en
    # an inference with no source, place or words has no "—: —" line of its own
    assert "—: —" not in en
    assert "(no citation)" in en
    zh = render_text(summarize(s, sources=True), lang="zh")
    assert "== 出处(每个对象所据原文) ==" in zh
    assert "推断: general knowledge" in zh


def test_cli_summary_sources(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "s.json"
    io.dump(_cited(h.base(), ek.Citation(source="seed", locator="§二", quote="原文")), path)
    out = _io.StringIO()
    assert main(["summary", str(path), "--sources", "--format", "json"], stdout=out) == 0
    cited = json.loads(out.getvalue())["cited"]
    assert cited[0]["cite"][0]["quote"] == "原文"
    plain = _io.StringIO()
    assert main(["summary", str(path)], stdout=plain) == 0
    assert "原文" not in plain.getvalue()
