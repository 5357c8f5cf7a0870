"""The file format: load and dump systems as JSON, TOML or YAML; the JSON Schema.

One document per system, a mapping whose first key is
``schema: emergencykit/1`` followed by the fields of
:class:`~emergencykit.EmergencySystem`.  Loading is strict (unknown keys,
wrong types and bad values are errors naming their path) and safe (YAML is
read with the safe loader, without aliases; oversized and over-deep inputs
are refused).

>>> import emergencykit as ek
>>> from emergencykit import io
>>> system = ek.EmergencySystem(id="demo", name=ek.Label(zh="示例", en="Example"))
>>> io.loads(io.dumps(system, "toml"), "toml") == system
True
"""

from emergencykit.io._api import (
    MAX_DEPTH,
    MAX_PROBLEMS,
    MAX_SIZE,
    dump,
    dumps,
    load,
    loads,
    structure,
    unstructure,
)
from emergencykit.io._convert import SCHEMA, configure_converter, make_converter
from emergencykit.io._formats import FORMATS, SUFFIXES
from emergencykit.io._problems import format_exception
from emergencykit.io._schema import json_schema

__all__ = [
    "FORMATS",
    "MAX_DEPTH",
    "MAX_PROBLEMS",
    "MAX_SIZE",
    "SCHEMA",
    "SUFFIXES",
    "configure_converter",
    "dump",
    "dumps",
    "format_exception",
    "json_schema",
    "load",
    "loads",
    "make_converter",
    "structure",
    "unstructure",
]
