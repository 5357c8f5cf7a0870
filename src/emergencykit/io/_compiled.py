"""One generated structure function per model class: every field read, checked and set in one pass.

cattrs' generated code calls a hook per field and then the class, whose
``__init__`` calls a converter and a validator per field, each a Python call
that checks again what the hook has just checked.  The function written here
for a class reads each key of the mapping, makes its value as the strict
hooks of :mod:`emergencykit.io._convert` do (ids and texts as they are,
enums by value, lists as tuples; nested objects, dates and durations through
their own hooks), tests every field's constraint in one expression written
by the field's own validator (:meth:`~emergencykit.model._validators._Check.condition`,
so the constraint is still declared once, in the annotation), and sets the
fields of a new instance directly, as attrs' ``__init__`` does, before the
class's own cross-field check (``__attrs_post_init__``).

A frozen class refuses attribute stores, so attrs sets each field through
a call of ``object.__setattr__``, which costs several times a plain store.
The instance is instead made as one of a private subclass of the class
that adds no slot and takes plain stores (see :func:`_builder`), and it
becomes an instance of the class itself (``instance.__class__ = cl``, which
Python allows between classes of one layout) before anything else sees it:
on a class of twenty fields, a third of the time.

Each function also adds, on success, the number of keys of the mapping it
built to the tally of the current context (:data:`KEYS`): the fast JSON
reader compares the keys of every object built with the colons of the
document, which is cheaper than writing the document back to find a
repeated key (see :func:`emergencykit.io._api._load_fast`).

It decides nothing about errors: any input it does not accept goes, with
what stopped it, to the detailed look that the loader always had
(``fallback``), which says what is wrong field by field with the attrs
validators.  Bad input therefore gives exactly the problems it gave; a good
one the same object, built without a call per field.
"""

import contextvars
import keyword
import typing
import weakref
from collections.abc import Callable
from typing import Any

import attrs

from emergencykit.model import BilingualEnum
from emergencykit.model._hints import is_optional
from emergencykit.model._types import one_or_more, plain
from emergencykit.model._validators import (
    ATTRS_CONFIG,
    RUNNING,
    Inline,
    condition,
    validators_running,
)

__all__ = ["KEYS", "TYPED", "Unsupported", "spoil_keys", "structure_function", "typed"]

Hook = Callable[[Any, Any], Any]

_SCALARS = (str, int, bool)


#: Where the generated functions of this context count keys: a list whose
#: item 0 is the number of keys of the mappings built, item 1 non-zero once
#: a mapping may have been counted twice (:func:`spoil_keys`).  A reader
#: sets its own list for one document (``KEYS.set``); outside one, the
#: counts go to a list that nothing reads (shared on purpose: a sink).
KEYS: "contextvars.ContextVar[list[int]]" = contextvars.ContextVar(
    "emergencykit_keys",
    default=[0, 0],  # noqa: B039
)


def spoil_keys() -> None:
    """Say that the count of keys may hold a mapping twice: an object is being built again.

    The detailed look after a failed fast pass builds again what the fast
    pass may already have built and counted.
    """
    KEYS.get()[1] = 1


class Unsupported(Exception):
    """The class has a feature the generator does not write (the caller uses cattrs' code)."""


class _Fallback(Exception):
    """The fast pass does not accept the input; the detailed look says why."""


_ABSENT = object()

# Names the generated code reads: no field may be called so.
_RESERVED = frozenset(
    {"all", "bool", "exc", "first", "instance", "int", "isinstance", "len", "list"}
    | {"obj", "seen", "str", "tuple", "type"}
)


def _is_tuple_of(t: Any) -> bool:
    args = typing.get_args(t)
    return typing.get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


class _Writer:
    """The source of one class's function, its globals and its local names."""

    def __init__(self, converter: Any, cl: type, enum_hook: Hook, building: set[type]) -> None:
        self.converter = converter
        self.cl = cl
        self.enum_hook = enum_hook
        self.building = building
        self.lines: list[str] = []
        self.locals = 0
        self.inline = Inline(cl, str)

    def line(self, depth: int, text: str) -> None:
        self.lines.append("    " * depth + text)

    def local(self) -> str:
        self.locals += 1
        return f"_v{self.locals}"

    def name(self, value: Any, hint: str) -> str:
        return self.inline.name(value, hint)

    def hook(self, t: Any) -> tuple[str, bool]:
        """The name of the converter's hook for ``t`` (called as ``hook(value, t)``), and whether it is typed."""
        if isinstance(t, type) and t in self.building:
            # A class that holds itself: its hook is looked up when first used.
            converter = self.converter

            def later(obj: Any, cl: Any) -> Any:
                return converter.get_structure_hook(cl)(obj, cl)

            return self.name(later, "later"), False
        hook = self.converter.get_structure_hook(t)
        return self.name(hook, "hook"), hook in TYPED

    def enum_map(self, t: Any) -> str | None:
        """The value-to-member map of an enum whose hook is the strict enum hook, else ``None``."""
        if not (isinstance(t, type) and issubclass(t, BilingualEnum)):
            return None
        if self.converter.get_structure_hook(t) is not self.enum_hook:
            return None
        return self.name(t._value2member_map_, f"{t.__name__}_members")

    def value(self, t: Any, source: str, target: str, depth: int) -> bool:
        """Statements that make the value of type ``t`` held in ``source`` into ``target``.

        Returns whether ``target`` then surely has the type ``t`` declares.
        """
        if one_or_more(t):
            many = plain(t)
            item = typing.get_args(many)[0]
            self.line(depth, f"if type({source}) is list or type({source}) is tuple:")
            typed = self.value(many, source, target, depth + 1)
            self.line(depth, f"elif {source} is None:")
            self.line(depth + 1, f"{target} = ()")
            self.line(depth, "else:")
            one = self.local()
            typed = self.value(item, source, one, depth + 1) and typed
            self.line(depth + 1, f"{target} = ({one},)")
            return typed
        if typing.get_origin(t) is typing.Annotated:
            return self.value(plain(t), source, target, depth)
        if is_optional(t):
            inner = plain(next(a for a in typing.get_args(t) if a is not type(None)))
            if inner in _SCALARS and target == source:
                self.line(
                    depth, f"if {source} is not None and type({source}) is not {inner.__name__}:"
                )
                self.line(depth + 1, "raise _Fallback")
                return True
            if target == source:
                self.line(depth, f"if {source} is not None:")
            else:
                self.line(depth, f"if {source} is None:")
                self.line(depth + 1, f"{target} = None")
                self.line(depth, "else:")
            return self.value(inner, source, target, depth + 1)
        if t in _SCALARS:
            self.line(depth, f"if type({source}) is not {t.__name__}:")
            self.line(depth + 1, "raise _Fallback")
            if target != source:
                self.line(depth, f"{target} = {source}")
            return True
        members = self.enum_map(t)
        if members is not None:
            self.line(depth, f"{target} = {members}[{source}]")
            return True
        if _is_tuple_of(t):
            item = plain(typing.get_args(t)[0])
            members = self.enum_map(item)
            if item in _SCALARS or members is not None:
                self.line(depth, f"if type({source}) is not list and type({source}) is not tuple:")
                self.line(depth + 1, "raise _Fallback")
                each = self.local()
                if members is not None:
                    # Most lists are empty: spare them the comprehension's frame.
                    made = f"tuple([{members}[{each}] for {each} in {source}])"
                    self.line(depth, f"{target} = {made} if {source} else ()")
                    return True
                self.line(depth, f"for {each} in {source}:")
                self.line(depth + 1, f"if type({each}) is not {item.__name__}:")
                self.line(depth + 2, "raise _Fallback")
                self.line(depth, f"{target} = tuple({source})")
                return True
        hook, typed = self.hook(t)
        self.line(depth, f"{target} = {hook}({source}, {self.name(t, 'type')})")
        return typed


def structure_function(
    converter: Any, cl: type, fallback: Callable[[Any, Exception], Any], enum_hook: Hook
) -> Hook:
    """The structure hook of the attrs class ``cl``, generated; ``fallback(obj, error)`` on any failure.

    ``enum_hook`` is the converter's strict enum hook: enums whose hook it
    is are read from their value map inline.

    Raises
    ------
    Unsupported
        For a class whose construction the generated code would not repeat
        exactly (a field outside ``__init__``, a renamed argument, a
        ``__attrs_pre_init__``, a cached hash, a class without slots or
        with a ``__new__`` of its own).
    """
    fields = attrs.fields(cl)
    if (
        "__slots__" not in vars(cl)
        or getattr(cl, "__new__", None) is not object.__new__
        or "_attrs_cached_hash" in vars(cl)["__slots__"]
        or hasattr(cl, "__attrs_pre_init__")
        or any(
            not f.init or f.alias != f.name or isinstance(f.converter, attrs.Converter)
            for f in fields
        )
    ):
        raise Unsupported(cl.__name__)
    building = _BUILDING.setdefault(id(converter), set())
    building.add(cl)
    try:
        return _write(_Writer(converter, cl, enum_hook, building), cl, fields, fallback)
    finally:
        building.discard(cl)
        if not building:
            del _BUILDING[id(converter)]


# The classes whose functions are being written, by converter: a class met
# again while its own function is written holds itself.
_BUILDING: dict[int, set[type]] = {}


def _builder(cl: type) -> type:
    """A subclass of ``cl`` of the same layout whose instances take plain attribute stores.

    It adds no slot (so an instance of it may become one of ``cl``) and has
    ``object``'s own ``__init__``, ``__setattr__`` and ``__delattr__``, which
    Python then calls directly instead of the frozen class's refusal.  Its
    instances exist only inside a generated function, until their class is
    set to ``cl``.
    """
    builder: type = type(cl)(
        cl.__name__,
        (cl,),
        {
            "__slots__": (),
            # Called with no argument: object's own, the cheapest way to a
            # bare instance (cheaper than object.__new__(builder)).
            "__init__": object.__init__,
            "__setattr__": object.__setattr__,
            "__delattr__": object.__delattr__,
            "__module__": cl.__module__,
            "__qualname__": f"{cl.__qualname__}.<being built>",
            "__doc__": f"A {cl.__name__} being loaded (see emergencykit.io._compiled).",
        },
    )
    probe: Any = object.__new__(builder)
    try:
        probe.__class__ = cl
    except TypeError:  # pragma: no cover - a layout Python does not let change class
        raise Unsupported(cl.__name__) from None
    return builder


def _write(
    w: _Writer,
    cl: type,
    fields: tuple["attrs.Attribute[Any]", ...],
    fallback: Callable[[Any, Exception], Any],
) -> Hook:
    if any(keyword.iskeyword(f.name) or f.name in _RESERVED for f in fields):
        raise Unsupported(cl.__name__)
    w.line(1, "try:")
    w.line(2, "if type(obj) is not dict:")
    w.line(3, "raise _Fallback")
    w.line(2, "seen = 0")
    checks: list[str] = []
    calls: list[str] = []
    for f in fields:
        w.line(2, f"if {f.name!r} in obj:")
        w.line(3, f"{f.name} = obj[{f.name!r}]")
        w.line(3, "seen += 1")
        typed = w.value(f.type, f.name, f.name, 3)
        w.line(2, "else:")
        if f.default is attrs.NOTHING:
            w.line(3, "raise _Fallback")
        elif isinstance(f.default, attrs.Factory):  # type: ignore[arg-type]
            raise Unsupported(f"{cl.__name__}.{f.name}")
        else:
            default = f.default
            if f.converter is not None:
                default = f.converter(default)  # type: ignore[operator]
            if f.validator is not None:
                # Taken as valid below, as attrs takes nothing: checked once, here.
                f.validator(None, f, default)
            w.line(3, f"{f.name} = {w.name(default, 'default')}")
        if f.validator is None:
            continue
        w.inline.typed = typed
        expression = condition(f.validator, f.name, w.inline)
        w.inline.typed = False
        if expression is None:
            validator = w.name(f.validator, "validator")
            attribute = w.name(f, "attribute")
            calls.append(f"{validator}(instance, {attribute}, {f.name})")
        elif expression != "True":
            checks.append(expression)
    w.line(2, "if seen != len(obj):")
    w.line(3, "raise _Fallback")
    if checks:
        w.line(2, f"if {RUNNING} and not (")
        for expression in checks[:-1]:
            w.line(3, f"{expression} and")
        w.line(3, checks[-1])
        w.line(2, "):")
        w.line(3, "raise _Fallback")
    w.line(2, f"instance = {w.name(_builder(cl), 'building_' + cl.__name__)}()")
    for f in fields:
        w.line(2, f"instance.{f.name} = {f.name}")
    w.line(2, f"instance.__class__ = {w.name(cl, cl.__name__)}")
    if calls:
        w.line(2, f"if {RUNNING}:")
        for call in calls:
            w.line(3, call)
    if hasattr(cl, "__attrs_post_init__"):
        w.line(2, "instance.__attrs_post_init__()")
    w.line(2, "_keys()[0] += seen")
    w.line(2, "return instance")
    w.line(1, "except Exception as exc:")
    w.line(2, "first = exc")
    w.line(1, "return _fallback(obj, first)")
    name = f"structure_{cl.__name__}"
    source = f"def {name}(obj, _):\n" + "\n".join(w.lines) + "\n"
    namespace: dict[str, Any] = {
        **w.inline.names,
        "_Fallback": _Fallback,
        "_ABSENT": _ABSENT,
        "_fallback": fallback,
        "_run_validators": validators_running,
        "_config": ATTRS_CONFIG,
        "_keys": KEYS.get,
    }
    filename = f"<emergencykit generated structure {cl.__module__}.{cl.__qualname__}>"
    exec(compile(source, filename, "exec"), namespace)
    function: Hook = namespace[name]
    function.__doc__ = source
    TYPED.add(function)
    return function


def typed(hook: Hook) -> Hook:
    """Note that ``hook`` returns a value of the type it is asked for, or raises."""
    TYPED.add(hook)
    return hook


#: The hooks known to return the type they are asked for: the generated
#: functions skip the validators' type tests on their results.
TYPED: "weakref.WeakSet[Hook]" = weakref.WeakSet()
