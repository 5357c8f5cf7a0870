"""The field reference page is generated from the model and kept up to date."""

import pathlib
import typing
from typing import Annotated

import attrs
import pytest
from annotated_types import Ge, Gt, Interval, Le, Lt

import emergencykit as ek
from emergencykit import _fieldref
from emergencykit.model import references
from emergencykit.model._system import COLLECTIONS

PAGE = pathlib.Path(__file__).resolve().parent.parent / "docs" / "reference" / "fields.md"


def test_docs_fields_md_is_up_to_date() -> None:
    # Regenerate with: python -c "from emergencykit._fieldref import fields_markdown as f; open('docs/reference/fields.md','w').write(f())"
    assert PAGE.read_text(encoding="utf-8") == _fieldref.fields_markdown()


def _all_fields() -> list[tuple[type, "attrs.Attribute[object]"]]:
    found, _ = _fieldref.classes()
    return [(cls, f) for cls in found for f in attrs.fields(cls)]


def test_every_collection_and_every_class_it_holds_has_a_section() -> None:
    found, enums = _fieldref.classes()
    page = _fieldref.fields_markdown()
    for cls, _ in COLLECTIONS.values():
        assert cls in found
    for nested in (ek.Tier, ek.Session, ek.Deadlines, ek.Drill, ek.Post, ek.Contact):
        assert nested in found
        assert f"\n## {nested.__name__}\n" in page
    for enum in (ek.DrillMethod, ek.ResponseLevel, ek.Relation, ek.CountUnit):
        assert enum in enums
        assert f"\n### {enum.__name__}\n" in page
        for member in enum:
            assert f"| `{member.value}` | {member.zh} | {member.en} |" in page


def test_every_field_has_a_meaning() -> None:
    missing = [
        f"{c.__name__}.{f.name}" for c, f in _all_fields() if not _fieldref.meaning_of(c, f.name)
    ]
    assert missing == []


def test_every_meaning_describes_a_field_that_exists() -> None:
    found, _ = _fieldref.classes()
    fields = {cls.__name__: attrs.fields_dict(cls) for cls in [*found, ek.Entity]}
    names = {f.name for cls, f in _all_fields()}
    for key in _fieldref.MEANINGS:
        owner, name = key.split(".")
        if owner == "*":
            assert name in names, key
        else:
            assert name in fields.get(owner, {}), key


def test_a_class_key_overrides_the_base_and_the_wildcard() -> None:
    assert _fieldref.meaning_of(ek.Meeting, "name") == _fieldref.MEANINGS["Meeting.name"]
    assert _fieldref.meaning_of(ek.Team, "name") == _fieldref.MEANINGS["*.name"]
    assert _fieldref.meaning_of(ek.Team, "id") == _fieldref.MEANINGS["Entity.id"]
    assert _fieldref.meaning_of(ek.EmergencySystem, "id") != _fieldref.MEANINGS["Entity.id"]


def _row(cls: type, name: str) -> str:
    page = _fieldref.fields_markdown()
    section = page.split(f"\n## {cls.__name__}\n", 1)[1].split("\n## ", 1)[0]
    (row,) = [line for line in section.splitlines() if line.startswith(f"| `{name}` |")]
    return row


def test_each_reference_names_the_collections_of_its_declared_kinds() -> None:
    where = {kind: name for name, (_, kind) in COLLECTIONS.items()}
    for cls, f in _all_fields():
        reference = references(cls).get(f.name)
        if reference is None or reference.through is not None or reference.kinds is None:
            continue
        row = _row(cls, f.name)
        for kind in reference.kinds:
            assert kind.en in row
            if kind in where:
                assert f"`{where[kind]}`" in row


def test_rows_say_type_default_and_bounds_as_a_document_writes_them() -> None:
    assert _row(ek.Tier, "rank").startswith("| `rank` | integer | **required** | 1 to 100 |")
    assert "| list of id | empty |" in _row(ek.OpinionProtocol, "first_report_to")
    assert "| [DrillMethod](#drillmethod) | none |" in _row(ek.Drill, "method")
    assert "| [ProposalKind](#proposalkind) | **required** |" in _row(ek.Proposal, "kind")
    assert "| `exact` |" in _row(ek.Count, "approx")
    assert "| [Severity](#severity) | none |" in _row(ek.Deadlines, "severity")
    assert "| duration (ISO 8601, `PT5H`) |" in _row(ek.Deadlines, "first_report")
    assert "| 0 to 1,000,000,000 |" in _row(ek.Count, "value")
    assert "the id of any object" in _row(ek.Link, "source")


@pytest.mark.parametrize(
    ("hint", "bounds"),
    [
        (Annotated[int, Ge(3)], (3, None)),
        (Annotated[int, Ge(0), Lt(10)], (0, 9)),
        (Annotated[int, Gt(0), Le(9)], (1, 9)),
        (Annotated[int, Interval(gt=1, le=5)], (2, 5)),
        (Annotated[int, Interval(gt=1, le=5)] | None, (2, 5)),
        (Annotated[int, "not a bound"], (None, None)),
        (typing.get_type_hints(ek.Tier, include_extras=True)["rank"], (1, 100)),
        (int, (None, None)),
    ],
)
def test_bounds_are_read_from_annotated_metadata(hint: object, bounds: tuple[int, int]) -> None:
    assert _fieldref._bounds(hint) == bounds
