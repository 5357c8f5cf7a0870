"""The msgspec mirror: one frozen ``Struct`` per model class, made by ``defstruct``."""

import functools
from typing import Annotated, Any, Literal

import attrs
import msgspec

from mirrors import _schema


class _Translate(_schema.Translate):
    def pattern(self, regex: str) -> Any:
        # msgspec searches with Python's re: anchor at both ends.
        return Annotated[str, msgspec.Meta(pattern=f"\\A(?:{regex})\\Z")]

    def bounded(self, low: int, high: int) -> Any:
        return Annotated[int, msgspec.Meta(ge=low, le=high)]


def _struct(cls: type, translate: _Translate) -> type[msgspec.Struct]:
    fields: list[Any] = []
    if cls.__name__ == "EmergencySystem":
        fields.append(("schema", Literal["emergencykit/1"]))
    # A Struct wants its required fields first; field names, not order, are the schema.
    spec = _schema.fields(cls)
    for field in [f for f in spec if f.default is attrs.NOTHING]:
        fields.append((field.name, translate(cls, field.hint)))
    for field in [f for f in spec if f.default is not attrs.NOTHING]:
        fields.append((field.name, translate(cls, field.hint), field.default))
    namespace: dict[str, Any] = {}
    check = _schema.check(cls)
    if check is not None:
        namespace["__post_init__"] = lambda self: check(self)
    return msgspec.defstruct(
        cls.__name__,
        fields,
        namespace=namespace,
        frozen=True,
        kw_only=True,
        forbid_unknown_fields=True,
        omit_defaults=True,
    )


@functools.cache
def system_struct() -> type[msgspec.Struct]:
    """The msgspec struct of a whole document."""
    mirror: dict[type, Any] = {}
    translate = _Translate(mirror)
    for cls in _schema.classes():
        mirror[cls] = _struct(cls, translate)
    return mirror[_schema.classes()[-1]]  # type: ignore[no-any-return]
