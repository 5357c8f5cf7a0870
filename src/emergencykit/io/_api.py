"""load/loads/dump/dumps and structure/unstructure: the public functions of :mod:`emergencykit.io`."""

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, overload

from emergencykit._files import NotAFileError, TooLargeError, read_bounded, write_atomic
from emergencykit._gc import paused_gc, prepare_settle, settle
from emergencykit._guards import takes
from emergencykit.errors import LoadError, Problem, UnknownFormatError, UnwritableError
from emergencykit.io import _formats, _plain
from emergencykit.io._formats import FORMATS, SUFFIXES, dump_text, parse_text, too_deep
from emergencykit.model._system import EmergencySystem

if TYPE_CHECKING:
    import cattrs

# cattrs, the converter (io._convert), the problem reports (io._problems)
# and the JSON writer (io._json) are imported where they are first needed:
# a small valid document is read and built without them (_built_plainly).

__all__ = [
    "MAX_DEPTH",
    "MAX_PROBLEMS",
    "MAX_SIZE",
    "dump",
    "dumps",
    "load",
    "loads",
    "structure",
    "unstructure",
]

T = TypeVar("T")

#: Inputs larger than this many bytes (characters, for ``str`` text) are refused.
MAX_SIZE = 256 * 1024 * 1024

#: Documents nested deeper than this are refused; the format itself needs fewer than 10 levels.
MAX_DEPTH = 64

#: A :class:`~emergencykit.errors.LoadError` lists at most this many problems.
MAX_PROBLEMS = 100

#: After loading a document of at least this many characters, the loaded
#: objects are moved to the collector's oldest generation
#: (:func:`emergencykit._gc.settle`).
SETTLE_SIZE = 1024 * 1024

#: A document of fewer characters than this is built without generated code
#: (see :func:`converter_for`) …
GENERATE_SIZE = 1024 * 1024

#: … until documents of this many characters in all have been built so.
GENERATE_AFTER = 2 * 1024 * 1024

_built_by_field = 0


def converter_for(size: int) -> "cattrs.Converter":
    """The converter that builds the objects of a document of ``size`` characters.

    The generated structure functions (:mod:`emergencykit.io._compiled`)
    build each object several times faster than the field-by-field hooks,
    but writing and compiling them costs about as much as building a
    megabyte of document field by field: a small document, such as the
    embedded model, is built field by field, and so are the next ones until
    the generated functions would have paid for themselves.  Both give the
    same objects and the same problems (``tests/test_load_paths.py``).
    """
    from emergencykit.io._convert import converter

    global _built_by_field
    if size < GENERATE_SIZE and _built_by_field < GENERATE_AFTER:
        _built_by_field += size
        return converter(generated=False)
    _built_by_field = GENERATE_AFTER
    return converter()


def _built_plainly(data: Any, size: int) -> EmergencySystem | None:
    """The system of ``data``, a document of ``size`` characters built field by field without cattrs; else ``None``.

    Where :func:`converter_for` would build field by field (a small
    document), the plain builder (:func:`emergencykit.io._plain.structure`)
    builds the same objects from the same hooks without importing cattrs or
    resolving its hooks, which cost a small document more than building it.
    It decides nothing about errors: on anything it does not accept, the
    caller builds with the converter, which says what is wrong as always.
    """
    global _built_by_field
    if size >= GENERATE_SIZE or _built_by_field >= GENERATE_AFTER:
        return None
    try:
        system = _plain.structure(data)
    except Exception:
        return None
    _built_by_field += size
    return system


_BOM = "\ufeff"
_BOM_BYTES = _BOM.encode("utf-8")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _format_name(format: str) -> str:
    # A suffix without its dot names its format too (``yml``).
    name = SUFFIXES.get(f".{format}", format)
    if name not in FORMATS:
        raise UnknownFormatError(
            f"unknown format {format!r} (expected one of: {', '.join(FORMATS)})"
        )
    return name


def _structure(
    data: Any, cls: type[T], file: str, max_depth: int, by: "cattrs.Converter | None" = None
) -> T:
    """Structure ``data`` (with the converter ``by``, by default the generated one);
    on failure, say what is wrong, problem by problem.

    Call with the garbage collector paused (:func:`paused_gc`).
    """
    from emergencykit.io._convert import converter
    from emergencykit.io._problems import problems

    try:
        result: T = (by or converter()).structure(data, cls)
        return result
    except Exception as exc:
        error = exc
    deep = too_deep(data, max_depth)
    if deep is not None:
        raise LoadError([Problem(file, deep, f"nested deeper than {max_depth} levels")])
    shown, more = problems(error, file, MAX_PROBLEMS)
    raise LoadError(shown, more=more)


def _type(value: Any) -> str:
    return type(value).__name__


def _line_column(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


# Characters checked at a time for lone surrogates: a bounded copy each.
_CHUNK = 1 << 20


def _surrogate_at(text: str) -> int | None:
    """Where the first lone surrogate of ``text`` is, or ``None``.

    Encoding to UTF-8 fails exactly at a lone surrogate, and is four times
    faster than searching with a regex; chunks keep the copy small.
    """
    if text.isascii():
        return None
    for start in range(0, len(text), _CHUNK):
        try:
            text[start : start + _CHUNK].encode("utf-8")
        except UnicodeEncodeError as exc:
            return start + exc.start
    return None


def _decode(text: str | bytes, file: str, max_size: int) -> str:
    if len(text) > max_size:
        raise LoadError([Problem(file, "$", f"the input is larger than {max_size} bytes")])
    if isinstance(text, bytes):
        raw = text
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            good = raw[: exc.start].decode("utf-8")
            raise LoadError(
                [
                    Problem(
                        file,
                        _line_column(good, len(good)),
                        f"not UTF-8 text (got byte 0x{raw[exc.start]:02x})",
                    )
                ]
            ) from None
    else:
        # Decoded bytes never hold a lone surrogate; a str may, and no format
        # could write it back.
        at = _surrogate_at(text)
        if at is not None:
            raise LoadError(
                [
                    Problem(
                        file,
                        _line_column(text, at),
                        f"not Unicode text (got a lone surrogate U+{ord(text[at]):04X})",
                    )
                ]
            )
    return text.removeprefix(_BOM)


def loads(
    text: str | bytes | bytearray | memoryview,
    format: str = "json",
    *,
    filename: str = "<string>",
    max_size: int = MAX_SIZE,
    max_depth: int = MAX_DEPTH,
) -> EmergencySystem:
    """Read an :class:`~emergencykit.EmergencySystem` from a JSON, TOML or YAML document.

    Parameters
    ----------
    text
        The document.  Bytes (also a ``bytearray`` or ``memoryview``) must be
        UTF-8; a leading byte-order mark is ignored.
    format
        ``"json"`` (default), ``"toml"`` or ``"yaml"`` (``"yml"`` also works).
    filename
        The name used in error messages.
    max_size
        Refuse inputs longer than this many bytes (characters for ``str``).
    max_depth
        Refuse documents nested deeper than this.

    Returns
    -------
    EmergencySystem

    Raises
    ------
    LoadError
        For an input of another type, and for every problem of the document,
        one per line, as
        ``FILE: $.plans[3].drills[0].date: <what is wrong> (got <value>)``;
        syntax errors as ``FILE: line 3, column 5: <what is wrong>``.
    MissingExtraError
        For YAML when PyYAML is not installed.
    UnknownFormatError
        For an unknown ``format`` (a :class:`ValueError`).

    Examples
    --------
    >>> from emergencykit.io import loads
    >>> system = loads('{"schema": "emergencykit/1", "id": "demo", "name": {"zh": "示例"}}')
    >>> system.id, system.name.zh
    ('demo', '示例')
    >>> loads('{"schema": "emergencykit/1", "id": "demo", "name": {"zh": 5}}', filename="demo.json")
    Traceback (most recent call last):
    ...
    emergencykit.errors.LoadError: demo.json: $.name.zh: must be a string (got 5)
    """
    fmt = _format_name(format)
    if isinstance(text, bytearray | memoryview):
        text = bytes(text)
    elif not isinstance(text, str | bytes):
        message = f"the input must be str, bytes, bytearray or memoryview (got {_type(text)})"
        raise LoadError([Problem(filename, "$", message)])
    if fmt == "json" and len(text) <= max_size and _formats.fast_json() is not None:
        system = _load_fast([text], max_depth)
        if system is not None:
            return system
    return _parse_and_structure([_decode(text, filename, max_size)], fmt, filename, max_depth)


def _load_fast(box: list[str | bytes], max_depth: int) -> EmergencySystem | None:
    """The system of the JSON document in ``box``, read with the ``fast`` extra; ``None`` if that fails.

    Any failure, whatever it is, sends the document to the standard reader,
    which says what is wrong exactly as without the extra.  What succeeds
    here is what the standard reader builds: the same values (see
    :func:`~emergencykit.io._formats.parse_json_fast`), structured by the
    same hooks.  The box is emptied once the text is parsed, as
    :func:`_parse_and_structure` empties its own.

    orjson keeps the last of two equal keys where the standard reader
    refuses the document, so a repeated key must be looked for.  Every
    colon of a document follows a key or sits inside a string, and the
    generated structure functions count the keys of the objects they build
    (:data:`~emergencykit.io._compiled.KEYS`): when the root's keys and
    theirs make as many as the document has colons, no key can have
    repeated (a repeated key would be one colon more than the keys read),
    and the document need not be written back to tell.  Otherwise (a colon
    inside a string, an object built field by field, or built twice after a
    failed fast pass) it is written back and its colons counted again
    (:func:`~emergencykit.io._formats.key_dropped_fast`).
    """
    text = box.pop()
    if isinstance(text, str):
        try:
            # Encoded here: orjson would keep a UTF-8 copy inside the caller's str.
            text = text.encode("utf-8")
        except UnicodeEncodeError:
            return None
    size = len(text)
    settling = size >= SETTLE_SIZE and prepare_settle()
    with paused_gc():
        data = _formats.parse_json_fast(text.removeprefix(_BOM_BYTES))
        colons = text.count(b":")
        del text
        if type(data) is not dict:
            return None
        plainly = _built_plainly(data, size)
        if plainly is not None:
            # The plain builder counts no keys: the document is written back.
            system = plainly
            counted = False
        else:
            from emergencykit.io._compiled import KEYS

            by = converter_for(size)
            keys = [0, 0]
            counting = KEYS.set(keys)
            try:
                system = by.structure(data, EmergencySystem)
            except Exception:
                return None
            finally:
                KEYS.reset(counting)
            counted = not keys[1] and keys[0] + len(data) == colons
        if not counted and _formats.key_dropped_fast(data, colons):
            return None
        del data
        if settling:
            settle()
        return system


def _parse_and_structure(
    box: list[str], fmt: str, filename: str, max_depth: int
) -> EmergencySystem:
    """Parse the text in ``box`` and build the system.

    The text comes in a box that this function empties, so that once it is
    parsed nothing keeps it alive while the model is built: on a document of
    hundreds of megabytes that is the difference between holding the text,
    the parsed data and the model at once, or only the last two.
    """
    decoded = box.pop()
    if not decoded or decoded.isspace():
        raise LoadError([Problem(filename, "$", "the document is empty")])
    size = len(decoded)
    settling = size >= SETTLE_SIZE and prepare_settle()
    # Parsing and structuring build every object at once, all of them alive:
    # collections would find nothing to free (see paused_gc).
    with paused_gc():
        data = parse_text(decoded, fmt, filename, max_depth)
        del decoded
        if data is None:
            raise LoadError([Problem(filename, "$", "the document is empty")])
        if not isinstance(data, dict):
            message = f"the document must be a mapping (got {type(data).__name__})"
            raise LoadError([Problem(filename, "$", message)])
        system = _built_plainly(data, size)
        if system is None:
            by = converter_for(size)
            system = _structure(data, EmergencySystem, filename, max_depth, by)
        del data
        if settling:
            settle()
        return system


def _format_of(path: Path, format: str | None) -> str | None:
    if format is not None:
        return _format_name(format)
    return SUFFIXES.get(path.suffix.lower())


def _unknown_suffix(path: Path) -> str:
    known = ", ".join(SUFFIXES)
    return f"unknown file suffix {path.suffix!r} (expected one of: {known}; or pass format=)"


def load(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    max_size: int = MAX_SIZE,
    max_depth: int = MAX_DEPTH,
) -> EmergencySystem:
    """Read an :class:`~emergencykit.EmergencySystem` from a file.

    Parameters
    ----------
    path
        The file; its suffix (``.json``, ``.toml``, ``.yaml``, ``.yml``) gives
        the format unless ``format`` is given.
    format
        ``"json"``, ``"toml"`` or ``"yaml"``, overriding the suffix.
    max_size
        Refuse files larger than this many bytes: never more than
        ``max_size + 1`` bytes are read, whatever size the file system reports.
    max_depth
        Refuse documents nested deeper than this.

    Returns
    -------
    EmergencySystem

    Raises
    ------
    LoadError
        When the file is missing or unreadable, is not a regular file (a
        directory, a FIFO, a device), its name is not usable, its suffix
        names no known format, or the document is bad (see :func:`loads`).
    MissingExtraError
        For YAML when PyYAML is not installed.
    UnknownFormatError
        For an unknown ``format`` (a :class:`ValueError`).

    Examples
    --------
    >>> from emergencykit.io import load
    >>> load("no-such-file.json")
    Traceback (most recent call last):
    ...
    emergencykit.errors.LoadError: no-such-file.json: $: the file does not exist
    """
    try:
        name = os.fspath(path)
    except TypeError:
        raise LoadError(
            [Problem("<path>", "$", f"a path must be a str or os.PathLike (got {_type(path)})")]
        ) from None
    if isinstance(name, bytes):
        raise LoadError([Problem(repr(name), "$", "a path must be text, not bytes")])
    where = Path(name)
    fmt = _format_of(where, format)
    if fmt is None:
        raise LoadError([Problem(name, "$", _unknown_suffix(where))])
    if "\0" in name:
        raise LoadError(
            [Problem(name, "$", "is not a usable file name (it holds a NUL character)")]
        )
    data = _read(where, name, max_size)
    if fmt == "json" and _formats.fast_json() is not None:
        fast: list[str | bytes] = [data]
        del data
        system = _load_fast(fast, max_depth)
        if system is not None:
            return system
        # The standard reader says what is wrong, reading the file again
        # rather than keeping its bytes while the model was built.
        data = _read(where, name, max_size)
    # Decoded at once, so that the bytes are not kept (see _parse_and_structure).
    box = [_decode(data, name, max_size)]
    del data
    return _parse_and_structure(box, fmt, name, max_depth)


def _read(where: Path, name: str, max_size: int) -> bytes:
    try:
        return read_bounded(where, max_size)
    except FileNotFoundError:
        raise LoadError([Problem(name, "$", "the file does not exist")]) from None
    except IsADirectoryError:
        raise LoadError([Problem(name, "$", "is a directory, not a file")]) from None
    except (NotAFileError, TooLargeError) as exc:
        raise LoadError([Problem(name, "$", str(exc.strerror))]) from None
    except OSError as exc:
        raise LoadError([Problem(name, "$", f"cannot be read: {exc.strerror}")]) from None


def _unwritable(char: str) -> UnwritableError:
    return UnwritableError(f"cannot write a lone surrogate U+{ord(char):04X} as UTF-8")


@takes(system=EmergencySystem, format=str)
def dumps(system: EmergencySystem, format: str = "json") -> str:
    """Write a system as a JSON, TOML or YAML document.

    Keys follow the classes' field order, starting with
    ``schema: emergencykit/1``; fields equal to their default are left out;
    the same system always gives the same text.  With the ``fast`` extra
    installed (``pip install 'emergencykit[fast]'``), JSON is written by
    orjson: the same text, several times faster.

    Parameters
    ----------
    system
        The system to write.
    format
        ``"json"`` (default: two-space indent, UTF-8 text as is), ``"toml"``
        or ``"yaml"``.

    Returns
    -------
    str
        The document, ending with a newline.

    Raises
    ------
    MissingExtraError
        For TOML without tomli-w, for YAML without PyYAML.
    UnknownFormatError
        For an unknown ``format`` (a :class:`ValueError`).
    UnwritableError
        When the system holds a lone surrogate, which no UTF-8 document can
        hold (only possible when attrs validators were switched off).

    Examples
    --------
    >>> import emergencykit as ek
    >>> from emergencykit.io import dumps
    >>> print(dumps(ek.EmergencySystem(id="demo", name=ek.Label(zh="示例")), "yaml"), end="")
    schema: emergencykit/1
    id: demo
    name:
      zh: 示例
    """
    document = _document(system, _format_name(format))
    if isinstance(document, bytes):
        return document.decode("utf-8")
    _utf8(document)
    return document


def _document(system: EmergencySystem, fmt: str) -> str | bytes:
    """The document in ``fmt``: UTF-8 bytes when the writer made bytes, else text.

    Only text may hold a lone surrogate (see :func:`_utf8`): the ``fast``
    extra's encoder refuses them, and so does libyaml, which the caller
    learns as :class:`~emergencykit.errors.UnwritableError`.
    """
    try:
        with paused_gc():
            if fmt == "json":
                from emergencykit.io._json import json_document

                return json_document(system)
            return dump_text(unstructure(system), fmt)
    except UnicodeEncodeError as exc:
        raise _unwritable(exc.object[exc.start]) from None


def _utf8(text: str) -> bytes:
    """``text`` as UTF-8, or UnwritableError for a lone surrogate.

    Only a model built with attrs validation switched off can hold one;
    encoding is the cheapest way to look for it (a regular expression
    search over the whole text costs several times more).
    """
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise _unwritable(exc.object[exc.start]) from None


@takes(system=EmergencySystem)
def dump(
    system: EmergencySystem, path: str | os.PathLike[str], *, format: str | None = None
) -> None:
    """Write a system to a file as UTF-8 text with ``\\n`` line ends, atomically.

    The text goes to a temporary file in the same directory, which then
    replaces ``path`` in one step: if writing fails (a full disk), an
    existing file is left as it was.  A read-only file is refused.

    Parameters
    ----------
    system
        The system to write.
    path
        The file; its suffix gives the format unless ``format`` is given.
    format
        ``"json"``, ``"toml"`` or ``"yaml"``, overriding the suffix.

    Returns
    -------
    None

    Raises
    ------
    MissingExtraError
        For TOML without tomli-w, for YAML without PyYAML.
    UnknownFormatError
        When neither the suffix nor ``format`` names a known format (a
        :class:`ValueError`).
    UnwritableError
        When the system holds a string no UTF-8 file can hold (see
        :func:`dumps`).
    OSError
        When the file cannot be written; its ``filename`` is ``path``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import emergencykit as ek
    >>> from emergencykit.io import dump, load
    >>> system = ek.EmergencySystem(id="demo", name=ek.Label(zh="示例"))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     target = pathlib.Path(folder, "demo.toml")
    ...     dump(system, target)
    ...     load(target) == system
    True
    """
    where = Path(path)
    fmt = _format_of(where, format)
    if fmt is None:
        raise UnknownFormatError(f"{where}: {_unknown_suffix(where)}")
    document = _document(system, fmt)
    write_atomic(where, _utf8(document) if isinstance(document, str) else document)


@overload
def structure(data: Any, *, filename: str = ...) -> EmergencySystem: ...
@overload
def structure(data: Any, cls: type[T], *, filename: str = ...) -> T: ...
def structure(data: Any, cls: Any = EmergencySystem, *, filename: str = "<data>") -> Any:
    """Build a model object from plain Python data (dicts, lists, strings, numbers).

    The rules are those of documents: strict types, no unknown keys; an
    :class:`~emergencykit.EmergencySystem` needs ``schema: emergencykit/1``.

    Parameters
    ----------
    data
        A mapping as :func:`unstructure` makes it (dates may also be
        :class:`datetime.date` objects, durations :class:`datetime.timedelta`).
    cls
        Any class of :mod:`emergencykit.model`; default
        :class:`~emergencykit.EmergencySystem`.
    filename
        The name used in error messages.

    Returns
    -------
    An instance of ``cls``.

    Raises
    ------
    LoadError
        Listing every problem with its path.

    Examples
    --------
    >>> import emergencykit as ek
    >>> from emergencykit.io import structure
    >>> structure({"value": 3500, "unit": "people", "approx": "at_least"}, ek.Count).lower
    3500
    >>> structure({"value": -3, "unit": "peeple"}, ek.Count)
    Traceback (most recent call last):
    ...
    emergencykit.errors.LoadError: <data>: $.value: must be ≥ 0 (got -3)
    <data>: $.unit: must be a CountUnit (one of: teams, people, organisations, agencies, categories, items, aircraft, stations, places, systems) (got 'peeple')
    """
    with paused_gc():
        return _structure(data, cls, filename, MAX_DEPTH)


def unstructure(obj: Any) -> Any:
    """Turn a model object into plain data: dicts, lists, strings, numbers, booleans.

    Fields equal to their default are left out, keys keep the field order,
    enums become their value, dates in their text form (``2022-05-11``, ``2021-11``, ``2022~``), durations ISO 8601
    (``PT5H``).  A system gains ``schema: emergencykit/1`` as its first key.

    Parameters
    ----------
    obj
        Any object of :mod:`emergencykit.model`.

    Returns
    -------
    dict
        Plain data that :func:`structure` turns back into an equal object.

    Examples
    --------
    >>> import datetime as dt
    >>> import emergencykit as ek
    >>> from emergencykit.io import unstructure
    >>> unstructure(ek.Institution(id="i", name=ek.Label(zh="信息接报"), time_limit=dt.timedelta(hours=1)))
    {'id': 'i', 'name': {'zh': '信息接报'}, 'time_limit': 'PT1H'}
    """
    from emergencykit.io._convert import converter

    return converter().unstructure(obj)
