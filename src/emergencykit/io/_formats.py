"""Reading and writing JSON, TOML and YAML text, with the safety limits of loading.

Parsers turn text into plain data (dicts, lists, scalars) or raise
:class:`~emergencykit.errors.LoadError` with the line and column the parser
reports.  Nothing here runs code from a document: JSON and TOML have no way
to, and YAML is read with PyYAML's safe loader only, with anchors and aliases
refused and the merge key ``<<`` read as a plain key.  Where PyYAML has its
C extension (libyaml), YAML is read and written with it: the same data and
the same text, several times faster.
"""

import functools
import itertools
import json
import re
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import attrs

from emergencykit.errors import LoadError, MissingExtraError, Problem
from emergencykit.io._scalars import MAX_DIGITS, HugeInt

__all__ = [
    "FORMATS",
    "SUFFIXES",
    "dump_text",
    "fast_json",
    "key_dropped_fast",
    "parse_json_fast",
    "parse_text",
    "too_deep",
]

# The format nests at most this deep (system, collection, object, field, …).
_PATH_DEPTH = 8

_DIGIT_RUN = re.compile(rf"[0-9][0-9_]{{{MAX_DIGITS},}}")
_TOML_AT = re.compile(r"^(?P<msg>.*) \(at line (?P<line>[0-9]+), column (?P<col>[0-9]+)\)$")
_TOML_END = re.compile(r"^(?P<msg>.*) \(at end of document\)$")


def _fail(file: str, where: str, message: str) -> LoadError:
    return LoadError([Problem(file, where, message)])


def _at(line: int, column: int) -> str:
    return f"line {line}, column {column}"


def _position(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    return _at(line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def _too_nested(file: str, max_depth: int) -> LoadError:
    return _fail(file, "$", f"nested deeper than {max_depth} levels")


# -- JSON ---------------------------------------------------------------------


def _json_int(digits: str) -> int | HugeInt:
    if len(digits) > MAX_DIGITS + 1:
        return HugeInt(len(digits.lstrip("-")))
    return int(digits)


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise _DuplicateKey(pairs)
    return obj


class _DuplicateKey(ValueError):
    """JSON gives no position to an object hook; the mapping's first pair locates it."""

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        seen: set[str] = set()
        key = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        first, value = pairs[0]
        from emergencykit.io._problems import show  # here: only a bad document needs it

        super().__init__(
            f"duplicate key {key!r} in the mapping that begins {first!r}: {show(value)}"
        )


#: Below this many characters per object on average, a document is read
#: without a hook on its objects and its colons are counted (see
#: :func:`_key_dropped`): a hook call costs as much as writing about 40
#: characters back.
_SMALL_OBJECTS = 40


def _key_dropped(text: str, data: Any) -> bool:
    """Whether reading ``text`` into ``data`` may have dropped a repeated key.

    A key is followed by one colon, and the only other colons of a document
    are those inside strings, which writing ``data`` back keeps: written
    back, a document has as many colons as it had unless a key was dropped.
    An escaped colon (``\\u003a``) is written back as a colon, so a document
    holding one counts as one that may have dropped a key, as does one too
    deep to write back.
    """
    if "\\u003" in text:
        return True
    try:
        again = json.dumps(data, check_circular=False, separators=(",", ":"))
    except RecursionError:
        return True
    return again.count(":") != text.count(":")


def _parse_json(text: str, file: str, max_depth: int) -> Any:
    try:
        try:
            # A hook on every object finds a repeated key where it is, but
            # costs more than the parse itself on a flood of small objects
            # (``[{}, {}, …]``): those are read without, and again with the
            # hook only when a key may have repeated, to say which.
            if text.count("{") * _SMALL_OBJECTS > len(text):
                data = json.loads(text)
                if not _key_dropped(text, data):
                    return data
            return json.loads(text, object_pairs_hook=_json_object)
        except ValueError as exc:
            if isinstance(exc, json.JSONDecodeError | _DuplicateKey):
                raise
            # int() refused a very long literal.  Parsing again with a hook
            # costs nothing on good documents and lets the loader report the
            # number at its path.
            return json.loads(text, object_pairs_hook=_json_object, parse_int=_json_int)
    except json.JSONDecodeError as exc:
        raise _fail(file, _at(exc.lineno, exc.colno), f"invalid JSON: {exc.msg}") from None
    except _DuplicateKey as exc:
        raise _fail(file, "$", str(exc)) from None
    except RecursionError:
        raise _too_nested(file, max_depth) from None


# -- the fast JSON reader: the ``fast`` extra -----------------------------------


@functools.cache
def fast_json() -> ModuleType | None:
    """orjson when the ``fast`` extra is installed, else ``None`` (imported on first use).

    The one place that asks: the reader here, the loader of
    :mod:`emergencykit.io._api` and the JSON writer of
    :mod:`emergencykit.io._json` all call it, so a test that replaces it with
    ``lambda: None`` runs the standard library's path for all of them.
    """
    try:
        import orjson
    except ImportError:
        return None
    # Typed whether or not orjson (and so its stubs) is installed where mypy runs.
    module: ModuleType = orjson
    return module


def parse_json_fast(raw: bytes) -> Any:
    """Parse UTF-8 JSON with orjson; ``None`` when only the standard reader may say what it holds.

    orjson refuses what the standard reader also refuses (bad syntax,
    invalid UTF-8, lone surrogates), and refuses more (``NaN``, numbers out
    of range, nesting past 1,024 levels): all of these go to the standard
    reader, which says what is wrong as it always has.  Where both read a
    document, they read the same values, with two differences: orjson keeps
    the last of two equal keys, and reads an integer beyond 64 bits as a
    float.  A repeated key is the caller's to find, by counting colons (see
    :func:`key_dropped_fast`); a document holding an escaped colon
    (``\\u003a``), which would spoil the count, is left to the standard
    reader.  A float is refused by every field, so a document holding one
    fails to load and is read again, by the standard reader, as every
    document that fails is.
    """
    orjson = fast_json()
    # No backslash (a byte search), no escape: most documents skip the slower search.
    if orjson is None or (b"\\" in raw and b"\\u003" in raw):
        return None
    try:
        return orjson.loads(raw)
    except Exception:
        # JSONDecodeError
        return None


def key_dropped_fast(data: Any, colons: int) -> bool:
    """Whether reading a document of ``colons`` colons into ``data`` with orjson may have dropped a repeated key.

    A key is followed by one colon, and the only other colons of a document
    are those inside strings, which writing ``data`` back keeps: written
    back, a document has as many colons as it had unless a key was dropped.
    A document nested too deep for orjson to write counts as one that may
    have.
    """
    orjson = fast_json()
    if orjson is None:
        return True
    try:
        again = orjson.dumps(data)
    except Exception:
        # nesting beyond what orjson writes
        return True
    return bool(again.count(b":") != colons)


# -- TOML ---------------------------------------------------------------------


def _parse_toml(text: str, file: str, max_depth: int) -> Any:
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = _TOML_AT.match(message)
        if at:
            where = _at(int(at["line"]), int(at["col"]))
            message = at["msg"]
        else:
            end = _TOML_END.match(message)
            where = "end of document" if end else "$"
            message = end["msg"] if end else message
        raise _fail(file, where, f"invalid TOML: {message}") from None
    except RecursionError:
        raise _too_nested(file, max_depth) from None
    except ValueError:
        # tomllib calls int() on integer literals, which refuses very long ones
        run = _DIGIT_RUN.search(text)
        if run is None:
            raise
        digits = sum(c.isdigit() for c in run.group())
        raise _fail(
            file, _position(text, run.start()), f"is too large (got an integer of {digits} digits)"
        ) from None


# -- YAML ---------------------------------------------------------------------


def _yaml() -> Any:
    # PyYAML is a runtime dependency; imported on first use so that JSON and
    # TOML users do not pay for it.
    import yaml

    return yaml


class _Refused(Exception):
    def __init__(self, message: str, mark: Any) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark


_LOADER: Any = None


def _loader() -> Any:
    """A safe loader (libyaml's when available) that refuses aliases and duplicate keys."""
    global _LOADER
    if _LOADER is not None:
        return _LOADER
    yaml = _yaml()
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc, valid-type]
        def construct_object(self, node: Any, deep: bool = False) -> Any:
            # A node met twice was reached through an alias: refusing aliases
            # rules out "billion laughs" expansion and cycles at once.
            if node in self.constructed_objects or node in self.recursive_objects:
                raise _Refused(
                    "YAML anchors and aliases are not allowed (objects refer to each other by id)",
                    node.start_mark,
                )
            return super().construct_object(node, deep)

        def flatten_mapping(self, node: Any) -> None:
            # The merge key "<<" is not applied: in JSON it would be a key
            # like any other, so here too it is read as the key "<<", which
            # the loader reports as unknown.
            return None

        def construct_merge_key(self, node: Any) -> Any:
            return self.construct_scalar(node)

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            mapping = super().construct_mapping(node, deep)
            if len(mapping) != len(node.value):
                seen: set[Any] = set()
                for key_node, _ in node.value:
                    if not isinstance(key_node.value, str):
                        continue
                    if key_node.value in seen:
                        raise _Refused(f"duplicate key {key_node.value!r}", key_node.start_mark)
                    seen.add(key_node.value)
            return mapping

        def construct_yaml_int(self, node: Any) -> Any:
            text = self.construct_scalar(node)
            digits = sum(c.isdigit() for c in text)
            if digits > MAX_DIGITS:
                return HugeInt(digits)
            return super().construct_yaml_int(node)

        def construct_yaml_timestamp(self, node: Any) -> Any:
            # An impossible date such as 2022-13-01 stays text, so that the
            # date hook reports it with its path instead of the parser failing.
            try:
                return super().construct_yaml_timestamp(node)
            except ValueError:
                return self.construct_scalar(node)

    Loader.add_constructor("tag:yaml.org,2002:int", Loader.construct_yaml_int)
    Loader.add_constructor("tag:yaml.org,2002:timestamp", Loader.construct_yaml_timestamp)
    Loader.add_constructor("tag:yaml.org,2002:merge", Loader.construct_merge_key)
    _LOADER = Loader
    return Loader


def _parse_yaml(text: str, file: str, max_depth: int) -> Any:
    yaml = _yaml()
    loader = _loader()
    try:
        return yaml.load(text, Loader=loader)
    except _Refused as exc:
        raise _fail(file, _at(exc.mark.line + 1, exc.mark.column + 1), exc.message) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = _at(mark.line + 1, mark.column + 1) if mark is not None else "$"
        problem = exc.problem or exc.context or "cannot be parsed"
        if exc.context and problem.startswith("but "):
            problem = f"{exc.context}, {problem}"
        raise _fail(file, where, f"invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise _fail(file, "$", f"invalid YAML: {exc}") from None
    except RecursionError:
        raise _too_nested(file, max_depth) from None


def parse_text(text: str, format: str, file: str, max_depth: int) -> Any:
    """Parse ``text`` in ``format`` into plain data; raise LoadError on bad syntax."""
    return _REGISTRY[format].parse(text, file, max_depth)


def too_deep(data: Any, max_depth: int) -> str | None:
    """Where the first value nested deeper than ``max_depth`` starts, or ``None``.

    Iterative, so that it is safe on any depth the parser let through; it
    spells out only the path it returns, so that a document of millions of
    values costs one pass and no string per value.  The path stops growing
    below the format's own depth: past it, it would only repeat ``[0]``.
    Above the limit, empty values (``{}``, ``[]``, ``""``, ``0`` …) are
    skipped without being looked at, a flood of ``{}`` items in one step.
    """
    if type(data) is not dict and type(data) is not list:
        return None
    if max_depth <= 0:
        return "$"
    # The open containers, outermost first, with an iterator over each one's
    # entries and the key of the entry being walked in each.
    containers: list[Any] = [data]
    walks: list[Iterator[tuple[Any, Any]]] = [_entries(data, max_depth > 1)]
    keys: list[Any] = []
    while walks:
        for key, value in walks[-1]:
            if type(value) is not dict and type(value) is not list:
                continue
            if len(walks) >= max_depth:
                keys.append(key)
                steps = zip(containers[:_PATH_DEPTH], keys[:_PATH_DEPTH], strict=False)
                return "$" + "".join(f".{k}" if type(c) is dict else f"[{k}]" for c, k in steps)
            if not value:
                continue
            keys.append(key)
            containers.append(value)
            walks.append(_entries(value, len(walks) + 1 < max_depth))
            break
        else:
            walks.pop()
            containers.pop()
            if keys:
                keys.pop()
    return None


def _entries(container: Any, skip_empty: bool) -> Iterator[tuple[Any, Any]]:
    """(key, value) of each entry of ``container``; only the non-empty ones if ``skip_empty``.

    An empty container below the limit holds nothing deeper, and the other
    empty values are no containers: skipping them all changes no answer.
    """
    if type(container) is dict:
        items: Iterator[tuple[Any, Any]] = iter(container.items())
        return itertools.compress(items, container.values()) if skip_empty else items
    pairs = enumerate(container)
    return itertools.compress(pairs, container) if skip_empty else pairs


# -- writing ------------------------------------------------------------------


def _dump_toml(data: Any) -> str:
    try:
        import tomli_w
    except ImportError:
        raise MissingExtraError(
            "writing TOML needs the 'toml' extra: pip install 'emergencykit[toml]'",
            extra="toml",
            module="tomli_w",
        ) from None
    text: str = tomli_w.dumps(data)
    return text


_DUMPER: Any = None


def _dumper() -> Any:
    """A safe dumper (libyaml's when available) that writes every string so it reads back."""
    global _DUMPER
    if _DUMPER is not None:
        return _DUMPER
    yaml = _yaml()
    base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class Dumper(base):  # type: ignore[misc, valid-type]
        def represent_str(self, data: str) -> Any:
            # PyYAML's own emitter writes NEL (U+0085) raw inside a quoted
            # scalar, where the reader folds it into a space; double quotes
            # escape it as \N, as libyaml does.
            if "\x85" in data:
                return self.represent_scalar("tag:yaml.org,2002:str", data, style='"')
            return super().represent_str(data)

        # PyYAML represents every value through a chain of generic calls (alias
        # bookkeeping, a lookup along the type's MRO, one call per node kind):
        # half the time of the representer.  The plain data of a document is
        # dicts, lists, strings, integers, booleans and None, none of them
        # shared: their nodes are made directly (_plain_nodes), the same nodes
        # the representer makes (flow style as dump() asks, no alias: nothing
        # is shared, and the loader refuses aliases anyway).
        def represent_data(self, data: Any) -> Any:
            if self.default_style is None and not self.sort_keys:
                flow = self.default_flow_style
                if flow is not None:
                    return _plain_nodes(data, flow, super().represent_data)
            return super().represent_data(data)

    scalar, mapping, sequence = yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode

    def _plain_nodes(data: Any, flow: bool, other: Callable[[Any], Any]) -> Any:
        # The dump's flags are read once, not once per value; anything else
        # goes to PyYAML's representer.
        def node(data: Any) -> Any:
            t = type(data)
            if t is str:
                return scalar(_STR, data, None, None, '"' if "\x85" in data else None)
            if t is dict:
                return mapping(
                    _MAP, [(node(k), node(v)) for k, v in data.items()], None, None, flow
                )
            if t is list:
                return sequence(_SEQ, [node(v) for v in data], None, None, flow)
            if t is int:
                return scalar(_INT, str(data))
            if t is bool:
                return scalar(_BOOL, "true" if data else "false")
            if data is None:
                return scalar(_NULL, "null")
            return other(data)

        return node(data)

    Dumper.add_representer(str, Dumper.represent_str)
    if not Dumper.yaml_path_resolvers:
        _resolve_quickly(Dumper, yaml)
    _DUMPER = Dumper
    return Dumper


def _resolve_quickly(dumper: Any, yaml: Any) -> None:
    """Give ``dumper`` the resolver PyYAML's has, in fewer steps.

    The emitter asks the resolver, for every node, which tag it would read
    back: twice per scalar, with a walk down and up the document's path
    around each node.  Without path resolvers (the safe dumper has none) the
    walk does nothing, and the tags depend only on each scalar's first
    character and text: the same answers, from one table made here, cost a
    third of the time PyYAML's generic lookups take on a large document.
    """
    wildcard = tuple(dumper.yaml_implicit_resolvers.get(None, ()))
    table = {
        first: tuple(resolvers) + wildcard
        for first, resolvers in dumper.yaml_implicit_resolvers.items()
        if first is not None
    }
    scalar, mapping = yaml.ScalarNode, yaml.MappingNode
    plain_str, plain_map, plain_seq = (
        dumper.DEFAULT_SCALAR_TAG,
        dumper.DEFAULT_MAPPING_TAG,
        dumper.DEFAULT_SEQUENCE_TAG,
    )

    def resolve(self: Any, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is scalar:
            if implicit[0]:
                for tag, regexp in table.get(value[:1], wildcard):
                    if regexp.match(value):
                        return tag
            return plain_str
        return plain_map if kind is mapping else plain_seq

    def descend_resolver(self: Any, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self: Any) -> None:
        return None

    dumper.resolve = resolve
    dumper.descend_resolver = descend_resolver
    dumper.ascend_resolver = ascend_resolver


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_INT, _BOOL, _NULL = "tag:yaml.org,2002:int", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"


def _dump_yaml(data: Any) -> str:
    text: str = _yaml().dump(data, Dumper=_dumper(), allow_unicode=True, sort_keys=False, width=100)
    return text


def dump_text(data: Any, format: str) -> str:
    """Write plain data as text in ``format``."""
    return _REGISTRY[format].dump(data)


# -- the registry -------------------------------------------------------------


def _dump_json(data: Any) -> str:
    # The JSON writer (and cattrs with it) is imported when a document is
    # written: the command line lists the formats without importing it.
    from emergencykit.io._json import dump_json

    return dump_json(data)


@attrs.frozen
class _Format:
    suffixes: tuple[str, ...]
    parse: Callable[[str, str, int], Any]
    dump: Callable[[Any], str]


# The one registry of document formats: FORMATS, SUFFIXES, the command line's
# help and the docs' lists (kept in step by tests/test_registries.py) come
# from it.
_REGISTRY = {
    "json": _Format((".json",), _parse_json, _dump_json),
    "toml": _Format((".toml",), _parse_toml, _dump_toml),
    "yaml": _Format((".yaml", ".yml"), _parse_yaml, _dump_yaml),
}

#: The formats, by the name accepted in ``format=``.
FORMATS = tuple(_REGISTRY)

#: File suffixes and their formats.
SUFFIXES = {suffix: name for name, f in _REGISTRY.items() for suffix in f.suffixes}
