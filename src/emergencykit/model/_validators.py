"""Small attrs validators whose messages name the field and the bad value.

Each factory makes a small validator object with its parameters and a
readable ``repr``, as attrs' own validators are, and returns its bound
``__call__`` ``(instance, attribute, value) -> None``, which raises
:class:`~emergencykit.errors.FieldValueError` worded as attrs words its own:
``'headcount' must be ≥ 0 (got -3)``.  Model classes do not name them: the
validator of each field is derived from its annotation
(:func:`~emergencykit.model._classes.validator_for`).

>>> from emergencykit.model._validators import count, optional
>>> check = optional(count(1, 100))
>>> check.__self__
optional(count(1, 100))
>>> check.__self__.inner.__self__.maximum
100
"""

import datetime as _dt
import enum
import re
from collections.abc import Callable
from typing import Any

import attrs

from emergencykit.errors import FieldValueError
from emergencykit.model._dates import DATE_FORMS, PartialDate
from emergencykit.model._refs import id_lists

# Whether attrs validators run (attrs.validators.set_disabled), as code
# generated from the validators tests it: the flag attrs' own generated
# ``__init__`` reads, one attribute rather than two calls, where attrs keeps
# it as a plain bool; else a call.  The generated code's namespace binds
# ``_config`` to ATTRS_CONFIG and ``_run_validators`` to validators_running.
ATTRS_CONFIG: Any
try:
    from attr import _config as ATTRS_CONFIG

    RUNNING = (
        "_config._run_validators is True"
        if type(ATTRS_CONFIG._run_validators) is bool
        else "_run_validators()"
    )
except (ImportError, AttributeError):  # pragma: no cover - another attrs
    ATTRS_CONFIG = None
    RUNNING = "_run_validators()"


def validators_running() -> bool:
    """Whether attrs validators run (they may be switched off with ``attrs.validators.set_disabled``)."""
    return not attrs.validators.get_disabled()


Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]

#: The largest count or headcount accepted; larger numbers are typos.
MAX_COUNT = 1_000_000_000

#: The characters no text may hold, as the body of a regex character class:
#: C0 and C1 control characters apart from tab and newline, the lone
#: surrogates that no UTF-8 file can hold, and U+FFFE and U+FFFF, which no
#: XML file (GraphML, GEXF) can hold.
CONTROLS = r"\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"

_ID = re.compile(r"[^\s,<>&\"'" + CONTROLS + "]+")
_BAD_TEXT = re.compile("[" + CONTROLS + "]")
_ID_MATCH = _ID.fullmatch
_BAD_TEXT_SEARCH = _BAD_TEXT.search
_ZERO = _dt.timedelta(0)

# The ids last found valid: a document names each id again in every
# reference to it, and a set lookup costs a tenth of the regex.  Only the
# text decides, so a remembered id is valid wherever it appears; bounded,
# and emptied when full, as a loader's cache of dates is.
_VALID_IDS: set[str] = set()
_VALID_IDS_KEPT = 1 << 16


# What a printable id may not hold.  A printable string holds no control
# character, surrogate, U+FFFE or U+FFFF, and no whitespace but the space:
# for it, these seven characters decide as the regex does, and looking for
# each costs half the regex (a test compares both on every code point).
_PRINTABLE_REFUSED = " ,<>&\"'"


def _valid_id(value: str) -> bool:
    """Whether the string ``value`` is a valid id, remembering it if so."""
    if value.isprintable():
        if (
            not value
            or " " in value
            or "," in value
            or "<" in value
            or ">" in value
            or "&" in value
            or '"' in value
            or "'" in value
        ):
            return False
    elif _ID_MATCH(value) is None:
        return False
    if len(_VALID_IDS) >= _VALID_IDS_KEPT:
        _VALID_IDS.clear()
    _VALID_IDS.add(value)
    return True


def _fail(attribute: "attrs.Attribute[Any]", problem: str, value: Any) -> None:
    raise FieldValueError(attribute.name, problem, value)


class _Check:
    """Base of the validators; one without parameters reads as its factory call.

    Each also writes itself as a Python expression (:meth:`condition`), so
    that a loader can check every field of an object in one generated
    function instead of one validator call per field: the parameters are
    declared once, here, and both forms read them.
    """

    __slots__ = ()

    def condition(self, value: str, inline: "Inline") -> str | None:
        """A Python expression, true exactly when the local ``value`` passes; ``None`` if none."""
        return None

    def all_known(self, value: str, inline: "Inline") -> str | None:
        """An expression true when every item of the tuple ``value`` is known to pass; ``None`` if none.

        A shortcut before the test of each item: false says nothing.
        """
        return None

    def __repr__(self) -> str:
        return f"{type(self).__name__.lstrip('_').lower()}()"


class _Text(_Check):
    """Non-empty, no surrounding whitespace, no control character but tab and newline.

    Tab and newline are allowed inside; other C0 and C1 control characters,
    lone surrogates, U+FFFE and U+FFFF are not: control characters cannot be
    printed safely, a lone surrogate cannot be written as UTF-8 at all, and
    U+FFFE and U+FFFF cannot be written as XML.
    """

    __slots__ = ()

    def condition(self, value: str, inline: "Inline") -> str:
        search = inline.name(_BAD_TEXT_SEARCH, "bad_text")
        return (
            f"({inline.is_type(value, 'str')}{value} != '' and {value}.strip() == {value}"
            f" and ({value}.isprintable() or {search}({value}) is None))"
        )

    def __call__(self, _: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        if type(value) is not str:
            _fail(attribute, f"must be a string, not {type(value).__name__}", value)
        if not value or value.strip() != value:
            _fail(
                attribute,
                "must be a non-empty string without surrounding whitespace",
                value,
            )
        # Every character the search refuses is unprintable, and most texts
        # are printable throughout: the C-level test spares them the regex.
        if not value.isprintable() and _BAD_TEXT.search(value):
            _fail(
                attribute,
                "must not contain control characters (other than tab and newline), "
                "lone surrogates, U+FFFE or U+FFFF",
                value,
            )


class _Ident(_Check):
    __slots__ = ()

    def condition(self, value: str, inline: "Inline") -> str:
        known = inline.name(_VALID_IDS, "valid_ids")
        valid = inline.name(_valid_id, "valid_id")
        return f"({inline.is_type(value, 'str')}({value} in {known} or {valid}({value})))"

    def all_known(self, value: str, inline: "Inline") -> str | None:
        # Only over strings: another item would make the set lookup raise.
        if not inline.typed:
            return None
        return f"{inline.name(_VALID_IDS, 'valid_ids')}.issuperset({value})"

    def __call__(self, _: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        if type(value) is not str:
            _fail(attribute, f"must be a string id, not {type(value).__name__}", value)
        if value not in _VALID_IDS and not _valid_id(value):
            _fail(
                attribute,
                "must be a non-empty id without whitespace, control characters "
                "or any of , < > & \" '",
                value,
            )


_DIVISION_CODE = re.compile(r"[0-9]{6}")
_DIVISION_CODE_MATCH = _DIVISION_CODE.fullmatch


class _DivisionCode(_Check):
    """Six ASCII digits: a GB/T 2260 administrative division code."""

    __slots__ = ()

    def condition(self, value: str, inline: "Inline") -> str:
        match = inline.name(_DIVISION_CODE_MATCH, "division_code")
        return f"({inline.is_type(value, 'str')}{match}({value}) is not None)"

    def __call__(self, _: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        if type(value) is not str:
            _fail(attribute, f"must be a division code as text, not {type(value).__name__}", value)
        if not _DIVISION_CODE.fullmatch(value):
            _fail(attribute, "must be a six-digit administrative division code (GB/T 2260)", value)


class _IdList(_Check):
    """The name of a list of ids of the object being built (see :func:`id_list`)."""

    __slots__ = ()

    def condition(self, value: str, inline: "Inline") -> str:
        names = inline.name(frozenset(id_lists(inline.owner)), "id_lists")
        return f"({inline.is_type(value, 'str')}{value} in {names})"

    def __call__(self, obj: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        if type(value) is not str:
            _fail(
                attribute, f"must be the name of a list of ids, not {type(value).__name__}", value
            )
        if obj is None:
            # Checked on its own, before there is an object (a loader's
            # field-by-field look): the object's own check says the rest.
            return
        cls: type = type(obj)
        names = id_lists(cls)
        if value not in names:
            kind = cls.__name__
            listed = (
                f"one of {kind}'s lists of ids ({', '.join(names)})"
                if names
                else f"a list of ids, and {kind} has none"
            )
            _fail(attribute, f"must name {listed}", value)


class _Boolean(_Check):
    __slots__ = ()

    def condition(self, value: str, inline: "Inline") -> str:
        return "True" if inline.typed else f"type({value}) is bool"

    def __call__(self, _: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        if type(value) is not bool:
            _fail(attribute, f"must be true or false, not {type(value).__name__}", value)


class _Count(_Check):
    __slots__ = ("maximum", "minimum")

    def condition(self, value: str, inline: "Inline") -> str:
        return f"({inline.is_type(value, 'int')}{self.minimum!r} <= {value} <= {self.maximum!r})"

    def __init__(self, minimum: int, maximum: int) -> None:
        self.minimum = minimum
        self.maximum = maximum

    def __call__(self, _: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        if type(value) is not int:
            _fail(attribute, f"must be an integer, not {type(value).__name__}", value)
        if value < self.minimum:
            _fail(attribute, f"must be ≥ {self.minimum}", value)
        if value > self.maximum:
            _fail(attribute, f"must be ≤ {self.maximum}", value)

    def __repr__(self) -> str:
        return f"count({self.minimum}, {self.maximum})"


def enum_problem(enum_type: type[enum.Enum]) -> str:
    """What a field of ``enum_type`` must be, listing the valid values.

    >>> from emergencykit import Approx
    >>> enum_problem(Approx)
    'must be an Approx (one of: exact, at_least, about, at_most)'
    """
    name = enum_type.__name__
    article = "an" if name[0] in "AEIOU" else "a"
    return f"must be {article} {name} (one of: {', '.join(str(m.value) for m in enum_type)})"


class _Member(_Check):
    __slots__ = ("enum", "problem")

    def condition(self, value: str, inline: "Inline") -> str:
        if inline.typed:
            return "True"
        return f"type({value}) is {inline.name(self.enum, self.enum.__name__)}"

    def __init__(self, enum_type: type[enum.Enum]) -> None:
        self.enum = enum_type
        self.problem = enum_problem(enum_type)

    def __call__(self, _: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        if type(value) is not self.enum:
            _fail(attribute, self.problem, value)

    def __repr__(self) -> str:
        return f"member({self.enum.__name__})"


class _Day(_Check):
    __slots__ = ()

    def condition(self, value: str, inline: "Inline") -> str:
        if inline.typed:
            return "True"
        return f"type({value}) is {inline.name(PartialDate, 'PartialDate')}"

    def __call__(self, _: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        if type(value) is not PartialDate:
            _fail(attribute, f"must be a date {DATE_FORMS}", value)


class _Duration(_Check):
    __slots__ = ()

    def condition(self, value: str, inline: "Inline") -> str:
        zero = inline.name(_ZERO, "zero")
        if inline.typed:
            return f"{value} >= {zero}"
        timedelta = inline.name(_dt.timedelta, "timedelta")
        return f"(type({value}) is {timedelta} and {value} >= {zero})"

    def __call__(self, _: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        if type(value) is not _dt.timedelta:
            _fail(attribute, "must be a duration (ISO 8601, such as PT5H)", value)
        if value < _dt.timedelta(0):
            _fail(attribute, "must not be negative", value)


class _Instance(_Check):
    __slots__ = ("cls",)

    def condition(self, value: str, inline: "Inline") -> str:
        if inline.typed:
            return "True"
        return f"isinstance({value}, {inline.name(self.cls, self.cls.__name__)})"

    def __init__(self, cls: type) -> None:
        self.cls = cls

    def __call__(self, _: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        if not isinstance(value, self.cls):
            _fail(attribute, f"must be a {self.cls.__name__}", value)

    def __repr__(self) -> str:
        return f"instance({self.cls.__name__})"


class _Optional(_Check):
    __slots__ = ("inner",)

    def condition(self, value: str, inline: "Inline") -> str | None:
        inner = condition(self.inner, value, inline)
        if inner is None or inner == "True":
            return inner
        return f"({value} is None or {inner})"

    def __init__(self, inner: Validator) -> None:
        self.inner = inner

    def __call__(self, obj: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        if value is not None:
            self.inner(obj, attribute, value)

    def __repr__(self) -> str:
        return f"optional({describe(self.inner)})"


class _TupleOf(_Check):
    __slots__ = ("inner",)

    def condition(self, value: str, inline: "Inline") -> str | None:
        item = inline.local()
        inner = condition(self.inner, item, inline)
        if inner is None or (inner == "True" and inline.typed):
            return inner
        if inner == "True":
            return f"type({value}) is tuple"
        # The test of emptiness spares most lists the comprehension's own
        # frame, and so does a shortcut that knows every item at once.
        every = f"all([{inner} for {item} in {value}])"
        check = getattr(self.inner, "__self__", None)
        known = check.all_known(value, inline) if isinstance(check, _Check) else None
        if known is not None:
            every = f"{known} or {every}"
        return f"({inline.is_type(value, 'tuple')}(not {value} or {every}))"

    def __init__(self, inner: Validator) -> None:
        self.inner = inner

    def __call__(self, obj: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        if type(value) is not tuple:
            unordered = " (a set has no order)" if isinstance(value, (set, frozenset)) else ""
            _fail(
                attribute,
                f"must be a list or a tuple{unordered}, not {type(value).__name__}",
                value,
            )
        inner = self.inner
        for index, item in enumerate(value):
            try:
                inner(obj, attribute, item)
            except FieldValueError as exc:
                raise FieldValueError(
                    f"{attribute.name}[{index}]", exc.problem, exc.value
                ) from None

    def __repr__(self) -> str:
        return f"tuple_of({describe(self.inner)})"


# The factories hand attrs each object's bound ``__call__``: a bound method is
# called as fast as a plain function, where calling the object itself costs
# about twice as much, and validators run on every field of every object
# loaded.  ``validator.__self__`` is the object, with its repr and parameters.
_TEXT = _Text().__call__
_IDENT = _Ident().__call__
_BOOLEAN = _Boolean().__call__
_ID_LIST = _IdList().__call__
_DIVISION = _DivisionCode().__call__
_DAY = _Day().__call__
_DURATION = _Duration().__call__


def text() -> Validator:
    """A non-empty string with no leading or trailing whitespace."""
    return _TEXT


def ident() -> Validator:
    """An object id: non-empty, no whitespace, no ``, < > & " '``."""
    return _IDENT


def division_code() -> Validator:
    """A GB/T 2260 administrative division code: six digits, as text.

    >>> from emergencykit import Jurisdiction, Label
    >>> Jurisdiction(id="wz", name=Label(zh="万州区"), level="county", code="5001")
    Traceback (most recent call last):
    ...
    emergencykit.errors.FieldValueError: 'code' must be a six-digit administrative division code (GB/T 2260) (got '5001')
    """
    return _DIVISION


def id_list() -> Validator:
    """The name of one of the object's own lists of ids (a field made by :func:`~emergencykit.model.refs`).

    >>> from emergencykit import Proposal
    >>> Proposal(id="p", kind="cppcc_proposal", open=["title"])
    Traceback (most recent call last):
    ...
    emergencykit.errors.FieldValueError: 'open[0]' must name one of Proposal's lists of ids (proposers, co_handlers) (got 'title')
    """
    return _ID_LIST


def boolean() -> Validator:
    """``True`` or ``False`` (not 0 or 1)."""
    return _BOOLEAN


def count(minimum: int = 0, maximum: int = MAX_COUNT) -> Validator:
    """An int in ``[minimum, maximum]`` (bools are refused)."""
    return _Count(minimum, maximum).__call__


def member(enum_type: type[enum.Enum]) -> Validator:
    """A member of ``enum_type``."""
    return _Member(enum_type).__call__


def day() -> Validator:
    """A :class:`~emergencykit.model.PartialDate` (the field's converter makes one of a date or a text)."""
    return _DAY


def duration() -> Validator:
    """A non-negative :class:`datetime.timedelta`."""
    return _DURATION


def instance(cls: type) -> Validator:
    """An instance of the attrs class ``cls``."""
    return _Instance(cls).__call__


def optional(inner: Validator) -> Validator:
    """``None`` or a value that passes ``inner``."""
    return _Optional(inner).__call__


def tuple_of(inner: Validator) -> Validator:
    """A tuple whose every item passes ``inner``; the field is named with its index."""
    return _TupleOf(inner).__call__


class Inline:
    """What a check's :meth:`~_Check.condition` needs: the names it reads and the class it checks.

    ``names`` maps each name a condition uses to its value (the generated
    function's globals); ``owner`` is the class whose field is checked;
    ``sibling`` gives the expression holding another field's value.

    >>> inline = Inline(object, lambda name: f"v_{name}")
    >>> condition(optional(count(1, 100)), "x", inline)
    '(x is None or (type(x) is int and 1 <= x <= 100))'
    >>> condition(tuple_of(ident()), "x", inline)
    '(type(x) is tuple and (not x or all([(type(_item_0) is str and (_item_0 in _valid_ids_1 or _valid_id_2(_item_0))) for _item_0 in x])))'
    >>> inline.names["_valid_id_2"] is _valid_id
    True
    """

    __slots__ = ("_ids", "_locals", "names", "owner", "sibling", "typed")

    def __init__(self, owner: type, sibling: Callable[[str], str]) -> None:
        self.owner = owner
        self.sibling = sibling
        #: Whether the value is known to be of the field's declared type
        #: (the loader made it so): the conditions then test only the rest.
        self.typed = False
        self.names: dict[str, Any] = {}
        self._ids: dict[int, str] = {}
        self._locals = 0

    def is_type(self, value: str, name: str) -> str:
        """``"type(value) is name and "``, or nothing when the type is known."""
        return "" if self.typed else f"type({value}) is {name} and "

    def name(self, value: Any, hint: str) -> str:
        """The global name under which the generated code reads ``value``."""
        known = self._ids.get(id(value))
        if known is not None:
            return known
        name = f"_{re.sub(r'[^0-9A-Za-z_]', '_', hint)}_{len(self._ids) + self._locals}"
        self._ids[id(value)] = name
        self.names[name] = value
        return name

    def local(self) -> str:
        """A fresh local name (a comprehension's item)."""
        name = f"_item_{len(self._ids) + self._locals}"
        self._locals += 1
        return name


def condition(validator: Validator, value: str, inline: Inline) -> str | None:
    """The Python expression of a validator made here, true when ``value`` passes; else ``None``.

    ``None`` also for a validator that is not one of this module's: a
    generated function must then call it.
    """
    check = getattr(validator, "__self__", None)
    if not isinstance(check, _Check):
        return None
    return check.condition(value, inline)


def describe(validator: Validator) -> str:
    """How a validator made here reads: its factory call.

    >>> describe(optional(count(1, 100)))
    'optional(count(1, 100))'
    """
    return repr(getattr(validator, "__self__", validator))


class _OnlyWhenOther(_Check):
    """``inner``, and ``None`` unless sibling field ``of`` is (or, for a tuple, holds) ``other``.

    Attrs runs validators once every field is set, so the sibling's value
    is there to read.  Called without an object (the loader checks each
    field alone before it builds the object), it checks the value alone.
    """

    __slots__ = ("inner", "many", "of")

    def condition(self, value: str, inline: "Inline") -> str | None:
        inner = condition(self.inner, value, inline)
        if inner is None:
            return None
        stated = inline.sibling(self.of)
        when = f"'other' in {stated}" if self.many else f"not ({stated} != 'other')"
        return f"({inner} and ({value} is None or {when}))".replace("(True and ", "(")

    def __init__(self, of: str, many: bool, inner: Validator) -> None:
        self.of = of
        self.many = many
        self.inner = inner

    def __call__(self, obj: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        self.inner(obj, attribute, value)
        if value is None or obj is None:
            return
        stated = getattr(obj, self.of)
        if self.many:
            if "other" not in stated:
                _fail(attribute, f"is allowed only when {self.of} holds other", value)
        elif stated != "other":
            _fail(attribute, f"is allowed only when {self.of} is other", value)

    def __repr__(self) -> str:
        return f"only_when_other({self.of!r}, {describe(self.inner)})"


def only_when_other(of: str, many: bool, inner: Validator) -> Validator:
    """``inner``, and ``None`` unless the enum field ``of`` is ``other`` (holds it, when ``many``)."""
    return _OnlyWhenOther(of, many, inner).__call__
