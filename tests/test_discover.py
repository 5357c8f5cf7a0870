"""The entry-point reader finds what importlib.metadata finds, or defers to it."""

import importlib.metadata
import sys
import zipfile
from pathlib import Path

import pytest

from emergencykit.rules import _discover


def _pairs(eps: object) -> list[tuple[str, str, str]]:
    return [(ep.name, ep.value, ep.group) for ep in eps]  # type: ignore[attr-defined]


def _standard(group: str) -> list[tuple[str, str, str]]:
    return _pairs(importlib.metadata.entry_points(group=group))


def test_the_installed_distributions_give_the_same_entry_points() -> None:
    groups = set(importlib.metadata.entry_points().groups) | {"emergencykit.rules"}
    for group in sorted(groups):
        found = _discover.entry_points(group)
        assert found is not None
        assert _pairs(found) == _standard(group), group


def _dist(root: Path, directory: str, text: str | None) -> None:
    (root / directory).mkdir(parents=True)
    if text is not None:
        (root / directory / "entry_points.txt").write_text(text, encoding="utf-8")


def test_made_up_distributions_give_the_same_entry_points(monkeypatch, tmp_path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    _dist(
        first,
        "My_Pack-1.0.dist-info",
        "# a comment\n\n[emergencykit.rules]\n  mine = my_pack.rules:PACK  \n"
        "extra=my_pack.rules:OTHER [fast]\n[console_scripts]\nmy-tool = my_pack.cli:main\n",
    )
    _dist(first, "plain-2.0.dist-info", None)
    _dist(first, "old_style.egg-info", "[emergencykit.rules]\nold = old_style:PACK\n")
    (first / "single.egg-info").write_text("Metadata-Version: 1.0\n", encoding="utf-8")
    # The same distribution again, later on the path, under another spelling: shadowed.
    _dist(second, "my.pack-0.9.dist-info", "[emergencykit.rules]\nshadowed = x:Y\n")
    _dist(second, "other-1.0.dist-info", "[emergencykit.rules]\nother = other.rules:PACK\n")
    monkeypatch.setattr(sys, "path", [str(first), str(second), str(tmp_path / "missing")])
    for group in ("emergencykit.rules", "console_scripts", "nothing"):
        found = _discover.entry_points(group)
        assert found is not None
        assert _pairs(found) == _standard(group), group
    names = [ep.name for ep in _discover.entry_points("emergencykit.rules") or ()]
    assert sorted(names) == ["extra", "mine", "old", "other"]


def test_what_it_cannot_read_as_importlib_does_is_left_to_importlib(monkeypatch, tmp_path) -> None:
    broken = tmp_path / "broken"
    _dist(broken, "bad-1.0.dist-info", "[emergencykit.rules]\nno equals sign\n")
    monkeypatch.setattr(sys, "path", [str(broken)])
    assert _discover.entry_points("emergencykit.rules") is None
    with pytest.raises(TypeError, match="value"):
        _standard("emergencykit.rules")

    upper = tmp_path / "upper"
    _dist(upper, "Loud-1.0.DIST-INFO", "[emergencykit.rules]\nloud = loud:PACK\n")
    monkeypatch.setattr(sys, "path", [str(upper)])
    assert _discover.entry_points("emergencykit.rules") is None

    archive = tmp_path / "packs.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("zipped-1.0.dist-info/entry_points.txt", "[emergencykit.rules]\nz = z:PACK\n")
    monkeypatch.setattr(sys, "path", [str(archive)])
    assert _discover.entry_points("emergencykit.rules") is None


def test_an_entry_point_loads_as_importlib_loads_it() -> None:
    ep = _discover.EntryPoint("ics", "emergencykit.rules:ICS", "emergencykit.rules")
    standard = importlib.metadata.EntryPoint("ics", "emergencykit.rules:ICS", "emergencykit.rules")
    assert ep.load() is standard.load()
    assert ep.module == standard.module == "emergencykit.rules"
