"""The pydantic v2 mirror: one ``BaseModel`` per model class, made by ``create_model``."""

import functools
from typing import Annotated, Any, Literal

import attrs
from annotated_types import Interval
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, create_model, model_validator

from mirrors import _schema

# Strict (no coercion), unknown keys refused, frozen: as the model's loader and classes.
_CONFIG = ConfigDict(strict=True, extra="forbid", frozen=True)


class _Translate(_schema.Translate):
    def pattern(self, regex: str) -> Any:
        # pydantic's default regex engine searches: anchor at both ends.
        return Annotated[str, StringConstraints(pattern=f"^(?:{regex})$")]

    def bounded(self, low: int, high: int) -> Any:
        return Annotated[int, Interval(ge=low, le=high)]


def _model(cls: type, translate: _Translate) -> type[BaseModel]:
    definitions: dict[str, Any] = {}
    if cls.__name__ == "EmergencySystem":
        # Every document starts with its schema key; "schema" is a BaseModel method.
        definitions["schema_"] = (Literal["emergencykit/1"], Field(alias="schema"))
    for field in _schema.fields(cls):
        hint = translate(cls, field.hint)
        if field.default is attrs.NOTHING:
            definitions[field.name] = (hint, ...)
        else:
            definitions[field.name] = (hint, field.default)
    validators: dict[str, Any] = {}
    check = _schema.check(cls)
    if check is not None:

        def after(self: Any) -> Any:
            check(self)
            return self

        validators["cross_field_check"] = model_validator(mode="after")(after)
    return create_model(  # type: ignore[call-overload, no-any-return]
        cls.__name__,
        __config__=ConfigDict(**_CONFIG, populate_by_name=True)
        if cls.__name__ == "EmergencySystem"
        else _CONFIG,
        __validators__=validators,
        **definitions,
    )


@functools.cache
def system_model() -> type[BaseModel]:
    """The pydantic model of a whole document."""
    mirror: dict[type, Any] = {}
    translate = _Translate(mirror)
    for cls in _schema.classes():
        mirror[cls] = _model(cls, translate)
    return mirror[_schema.classes()[-1]]  # type: ignore[no-any-return]
