"""The API reference (``docs/api``) documents every public name, and only those.

A public module is ``emergencykit`` or one of its modules or packages whose
name does not start with an underscore; its public names are its
``__all__``.  A page documents a name with a mkdocstrings directive
(``::: emergencykit.model.Plan``); a name that a module re-exports (the
model's classes in ``emergencykit``) counts as documented when the same
object is documented under the same name on another page.
"""

import importlib
import pkgutil
import re
from pathlib import Path

import yaml

import emergencykit

ROOT = Path(__file__).resolve().parent.parent
API = ROOT / "docs" / "api"
DIRECTIVE = re.compile(r"^::: ([\w.]+)[ \t]*$", re.M)


def public_modules() -> list[str]:
    names = (m.name for m in pkgutil.iter_modules(emergencykit.__path__))
    return ["emergencykit", *sorted(f"emergencykit.{n}" for n in names if not n.startswith("_"))]


def page(module: str) -> Path:
    return API / f"{module.removeprefix('emergencykit.')}.md"


def directives() -> list[tuple[Path, str, str]]:
    found = []
    for path in sorted(API.glob("*.md")):
        for target in DIRECTIVE.findall(path.read_text(encoding="utf-8")):
            module, _, name = target.rpartition(".")
            found.append((path, module, name))
    return found


def test_every_public_name_is_in_the_api_reference() -> None:
    documented = [
        (name, getattr(importlib.import_module(module), name)) for _, module, name in directives()
    ]
    missing = []
    for module in public_modules():
        mod = importlib.import_module(module)
        for name in mod.__all__:
            obj = getattr(mod, name)
            if not any(n == name and o is obj for n, o in documented):
                missing.append(f"{module}.{name}")
    assert missing == []


def test_each_public_module_documents_its_names_on_its_own_page() -> None:
    stray = []
    for path, module, name in directives():
        mod = importlib.import_module(module)
        if module not in public_modules() or name not in mod.__all__ or path != page(module):
            stray.append(f"{path.name}: {module}.{name}")
    assert stray == []


def test_every_public_module_has_a_page_in_the_nav() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    (api,) = [item["API reference"] for item in config["nav"] if "API reference" in item]
    listed = {next(iter(entry.values())) for entry in api}
    expected = {f"api/{page(m).name}" for m in public_modules()} | {"api/index.md"}
    assert listed == expected
    assert {p.name for p in API.glob("*.md")} == {Path(p).name for p in expected}


def test_the_reference_is_built_with_a_search_that_cuts_chinese_into_words() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["name"] == "material"
    (search,) = [p["search"] for p in config["plugins"] if isinstance(p, dict) and "search" in p]
    # Material joins jieba's words with zero-width spaces; the separator must split there.
    assert re.split(search["separator"], "应急\u200b管理") == ["应急", "管理"]
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for need in ("mkdocs-material", "mkdocstrings[python]", "jieba"):
        assert f'"{need}' in pyproject
