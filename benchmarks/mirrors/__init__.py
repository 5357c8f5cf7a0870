"""Mirrors of the emergencykit document schema in pydantic v2 and msgspec, for benchmarks only.

Each mirror is derived from the model's own declarations (``attrs.fields``
and the ``Annotated`` metadata of each field), class by class, so it has
the same classes, field names, optional and default fields, enums, nested
shapes and field constraints as :mod:`emergencykit.model`; see
:mod:`mirrors._schema` for what is mirrored and what is not.  The mirrors
read and write the documents that ``emergencykit.io.dumps(system, "json")``
writes.  They need the ``bench`` extra (``pip install -e ".[bench]"``);
:func:`available` says which of the two libraries is installed.

    from mirrors import pydantic_mirror
    System = pydantic_mirror()            # the EmergencySystem mirror
    system = System.model_validate_json(text)
    system.model_dump_json(indent=2, exclude_defaults=True, by_alias=True)
"""

import importlib.util

from mirrors._schema import MIRRORED, NOT_MIRRORED

__all__ = ["MIRRORED", "NOT_MIRRORED", "available", "msgspec_mirror", "pydantic_mirror"]


def available() -> dict[str, bool]:
    """Which mirror libraries are installed: ``{"pydantic": bool, "msgspec": bool}``."""
    return {name: importlib.util.find_spec(name) is not None for name in ("pydantic", "msgspec")}


def pydantic_mirror() -> type:
    """The pydantic v2 model of a whole document (``EmergencySystem`` plus its ``schema`` key)."""
    from mirrors._pydantic import system_model

    return system_model()


def msgspec_mirror() -> type:
    """The msgspec ``Struct`` of a whole document (``EmergencySystem`` plus its ``schema`` key)."""
    from mirrors._msgspec import system_struct

    return system_struct()
