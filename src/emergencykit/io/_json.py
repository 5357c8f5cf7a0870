"""The JSON of documents, with or without the ``fast`` extra.

A document's JSON is what ``json.dumps(data, indent=2, ensure_ascii=False)``
writes for the system's plain data, plus a final newline.  With the
``fast`` extra installed, orjson writes the same bytes (two-space indent,
``": "`` between key and value, ``[]`` and ``{}`` for empty lists and
mappings, text as UTF-8, the same escapes) several times faster.  orjson
refuses integers beyond 64 bits and lone surrogates: for those the standard
library writes the text, so the output never depends on which path ran.
"""

import functools
import json
from types import ModuleType
from typing import Any

from emergencykit.io._convert import converter
from emergencykit.model._system import EmergencySystem

__all__ = ["dump_json", "fast_encoder", "json_document"]


@functools.cache
def fast_encoder() -> ModuleType | None:
    """orjson when the ``fast`` extra is installed, else ``None`` (imported on first use)."""
    try:
        import orjson
    except ImportError:
        return None
    return orjson


def _fast(data: Any) -> bytes | None:
    orjson = fast_encoder()
    if orjson is None:
        return None
    try:
        document: bytes = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    except orjson.JSONEncodeError:
        # An integer beyond 64 bits or a lone surrogate.
        return None
    return document


def _standard(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def dump_json(data: Any) -> str:
    """Plain data as the text of a JSON document."""
    document = _fast(data)
    return _standard(data) if document is None else document.decode("utf-8")


def json_document(system: EmergencySystem, *, fast: bool = True) -> str | bytes:
    """``system`` as a JSON document: UTF-8 bytes from orjson, else text from the standard library.

    ``fast=False`` uses the standard library even where orjson is installed
    (the tests compare the two).  Text may hold a lone surrogate, which the
    caller must refuse; bytes never do.
    """
    data = converter().unstructure(system)
    document = _fast(data) if fast else None
    return _standard(data) if document is None else document
