"""A model class's constructor with every field's constraint tested in one expression.

Attrs' generated ``__init__`` calls one validator per field (and the
validators of optional and tuple fields call their inner ones): a Python
call per field and per item.  :func:`checked` writes, once per class, a
function that takes the same keyword arguments, converts them as the
class's converters do, tests all the fields' constraints in one expression
written by the fields' own validators
(:meth:`~emergencykit.model._validators._Check.condition`, so a constraint
is still declared once, in the annotation), sets the fields of a new
instance as attrs' ``__init__`` does and runs the class's cross-field check
(``__attrs_post_init__``).

Any argument that fails goes to the class itself, whose validators say
what is wrong, so errors are exactly those of ``cls(**kwargs)``; a valid
one gives an object equal to it.  A bulk builder (the synthetic generator)
makes its objects this way.

>>> from emergencykit.model import Label
>>> make = checked(Label)
>>> make(zh="政府", en="government") == Label(zh="政府", en="government")
True
>>> make(zh=" 政府")
Traceback (most recent call last):
...
emergencykit.errors.FieldValueError: 'zh' must be a non-empty string without surrounding whitespace (got ' 政府')
"""

import keyword
import types
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import attrs

from emergencykit.model._validators import (
    ATTRS_CONFIG,
    RUNNING,
    Inline,
    condition,
    validators_running,
)

__all__ = ["checked"]

P = ParamSpec("P")
T = TypeVar("T")

# Names the generated code reads besides the fields: no field may be called so.
_RESERVED = frozenset(
    {"all", "bool", "int", "isinstance", "len", "list", "str", "tuple", "type", "instance"}
)

_NOTHING = object()


def _slot_setter(cl: type, name: str) -> Callable[[Any, Any], None] | None:
    """The ``__set__`` of the slot ``name`` of ``cl`` (what ``object.__setattr__`` finds)."""
    for klass in cl.__mro__:
        if name in vars(klass):
            slot = vars(klass)[name]
            if not isinstance(slot, types.MemberDescriptorType):
                return None
            setter: Callable[[Any, Any], None] = slot.__set__
            return setter
    return None


def checked(cl: Callable[P, T]) -> Callable[P, T]:
    """A function that makes the same object as ``cl(**kwargs)``, faster for a valid one.

    Returns ``cl`` itself for a class whose construction the generated code
    would not repeat exactly (a field outside ``__init__`` or renamed, a
    converter that takes the instance, a ``__attrs_pre_init__``, a cached
    hash, a class without slots).  Written once per class.
    """
    made = _MADE.get(cl)
    if made is None:
        made = _MADE[cl] = _write(cl)
    return made


_MADE: dict[Any, Callable[..., Any]] = {}


def _write(cl: Any) -> Any:
    fields = attrs.fields(cl)
    slots = vars(cl).get("__slots__", ())
    if (
        "__slots__" not in vars(cl)
        or "_attrs_cached_hash" in slots
        or hasattr(cl, "__attrs_pre_init__")
        or any(
            not f.init
            or f.alias != f.name
            or keyword.iskeyword(f.name)
            or f.name in _RESERVED
            or f.name.startswith("_")
            or isinstance(f.converter, attrs.Converter)
            for f in fields
        )
    ):
        return cl
    setters = [_slot_setter(cl, f.name) for f in fields]
    if any(s is None for s in setters):
        return cl
    inline = Inline(cl, str)
    names = inline.name
    params: list[str] = []
    body: list[str] = []
    checks: list[str] = []
    calls: list[str] = []
    for f in fields:
        converter = f.converter
        if f.default is attrs.NOTHING:
            params.append(f.name)
            default = _NOTHING
        elif isinstance(f.default, attrs.Factory):  # type: ignore[arg-type]
            if f.default.takes_self:
                return cl
            nothing = names(_NOTHING, "nothing")
            params.append(f"{f.name}={nothing}")
            body.append(f"    if {f.name} is {nothing}:")
            body.append(f"        {f.name} = {names(f.default.factory, 'factory')}()")
            default = _NOTHING
        else:
            # A converter's default converted once, as attrs would convert it.
            default = f.default if converter is None else converter(f.default)
            params.append(f"{f.name}={names(default, 'default')}")
        if converter is None:
            pass
        elif sources := getattr(converter, "sources", None):
            # A scalar converter converts only the types it names (its sources).
            test = (
                f"type({f.name}) is {names(sources[0], sources[0].__name__)}"
                if len(sources) == 1
                else f"type({f.name}) in {names(tuple(sources), 'sources')}"
            )
            body.append(f"    if {test}:")
            body.append(f"        {f.name} = {names(converter, 'convert')}({f.name})")
        elif default is not _NOTHING and converter(default) is default:
            # Most fields are left at their default: that very object needs no conversion.
            body.append(f"    if {f.name} is not {names(default, 'default')}:")
            body.append(f"        {f.name} = {names(converter, 'convert')}({f.name})")
        else:
            body.append(f"    {f.name} = {names(converter, 'convert')}({f.name})")
        if f.validator is None:
            continue
        expression = condition(f.validator, f.name, inline)
        if expression is None:
            calls.append(
                f"{names(f.validator, 'validator')}(instance, {names(f, 'field')}, {f.name})"
            )
        elif expression != "True":
            checks.append(expression)
    arguments = ", ".join(f"{f.name}={f.name}" for f in fields)
    if checks:
        body.append(f"    if {RUNNING} and not (")
        body.extend(f"        {expression} and" for expression in checks[:-1])
        body.append(f"        {checks[-1]}")
        body.append("    ):")
        # The class's own validators say what is wrong (converters are idempotent).
        body.append(f"        return {names(cl, cl.__name__)}({arguments})")
    body.append(f"    instance = {names(object.__new__, 'new')}({names(cl, cl.__name__)})")
    for f, setter in zip(fields, setters, strict=True):
        body.append(f"    {names(setter, 'set_' + f.name)}(instance, {f.name})")
    if calls:
        body.append(f"    if {RUNNING}:")
        body.extend(f"        {call}" for call in calls)
    if hasattr(cl, "__attrs_post_init__"):
        body.append("    instance.__attrs_post_init__()")
    body.append("    return instance")
    name = f"make_{cl.__name__}"
    source = f"def {name}(*, {', '.join(params)}):\n" + "\n".join(body) + "\n"
    namespace: dict[str, Any] = {
        **inline.names,
        "_config": ATTRS_CONFIG,
        "_run_validators": validators_running,
    }
    filename = f"<emergencykit generated constructor {cl.__module__}.{cl.__qualname__}>"
    exec(compile(source, filename, "exec"), namespace)
    function: Callable[..., Any] = namespace[name]
    function.__doc__ = source
    return function
