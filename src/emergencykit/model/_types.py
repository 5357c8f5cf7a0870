"""Field types that say what a valid value is: ``Id``, ``Text`` and bounded integers.

To type checkers, attrs and cattrs these are plain ``str`` and ``int``.  Their
``Annotated`` metadata is the one statement of the field's constraint: the
model's validators (:mod:`emergencykit.model._classes`), the JSON Schema and
the hypothesis strategies all read it.  Bounds are :class:`Bounds`, which
hypothesis and pydantic read as the annotated-types constraints ``Ge`` and
``Le``; ids and texts carry a :class:`Shape`.  The same annotations serve a user's own
functions:

>>> import inspect
>>> from emergencykit.model import Id, Team
>>> inspect.signature(Team).parameters["commander"].annotation == Id | None
True
>>> Quantity.__metadata__
(between(0, 1000000000),)
"""

import typing
from collections.abc import Iterator
from typing import Annotated, Any, ClassVar

from emergencykit.model._hints import per_annotation
from emergencykit.model._validators import MAX_COUNT

__all__ = [
    "ONE_OR_MORE",
    "Bounds",
    "DivisionCode",
    "Id",
    "IdList",
    "OneOrMore",
    "Quantity",
    "Shape",
    "Text",
    "Year",
    "between",
    "one_or_more",
    "plain",
]


class Shape:
    """``Annotated`` metadata: the string is an object id (``"id"``), free text (``"text"``),
    the name of one of its object's lists of ids (``"id_list"``) or an
    administrative division code (``"division_code"``).

    It follows annotated-types' grouped-metadata protocol, through which
    hypothesis takes a strategy out of ``Annotated`` metadata: iterating a
    shape yields the strategy registered for it in :attr:`strategies`, which
    :mod:`emergencykit.strategies` fills in when hypothesis loads it.  The
    model never imports hypothesis itself; with nothing registered, iterating
    yields nothing, so other readers of the protocol see no constraint.

    >>> Id.__metadata__
    (Shape('id'),)
    """

    __slots__ = ("name",)
    __is_annotated_types_grouped_metadata__ = True

    #: The hypothesis strategy for each shape's valid values, once registered.
    strategies: ClassVar[dict[str, Any]] = {}

    def __init__(self, name: str) -> None:
        self.name = name

    def __iter__(self) -> Iterator[Any]:
        strategy = Shape.strategies.get(self.name)
        return iter(() if strategy is None else (strategy,))

    def __repr__(self) -> str:
        return f"Shape({self.name!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Shape):
            return NotImplemented
        return self.name == other.name

    def __hash__(self) -> int:
        return hash((Shape, self.name))


class OneOrMore:
    """``Annotated`` metadata on a tuple field: one item may be written alone.

    A field that names one thing in most sources and several in some (a
    team formed by two agencies, a part spanning two levels) is a tuple,
    and a document may write it as one value or as a list: ``agency: em``
    and ``agency: [em, geo4]``.  Its key stays the same, so documents
    written when it held one value still load, and a tuple of one item is
    written back as that item alone; ``None`` (a field that was optional)
    is the empty tuple.  Read by the validators, converters, loader, JSON
    Schema, strategies and field reference, like every annotation.

    >>> from emergencykit import Label, Team
    >>> Team(id="t", name=Label(zh="队"), domain="health", agency="em").agency
    ('em',)
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return "ONE_OR_MORE"


#: The one :class:`OneOrMore` marker: ``Annotated[tuple[Id, ...], ONE_OR_MORE]``.
ONE_OR_MORE = OneOrMore()


def one_or_more(hint: Any) -> bool:
    """Whether ``hint`` is a tuple field marked :data:`ONE_OR_MORE`.

    >>> one_or_more(Annotated[tuple[Id, ...], ONE_OR_MORE]), one_or_more(tuple[Id, ...])
    (True, False)
    """
    return typing.get_origin(hint) is Annotated and any(
        isinstance(m, OneOrMore) for m in hint.__metadata__
    )


class Bounds:
    """``Annotated`` metadata: an ``int`` from ``minimum`` to ``maximum``, both included.

    What :func:`between` makes.  It follows annotated-types' grouped-metadata
    protocol: iterating it gives ``annotated_types.Ge(minimum)`` and
    ``annotated_types.Le(maximum)``, the constraints hypothesis and pydantic
    read (as they read an ``annotated_types.Interval``).  annotated-types is
    imported then, not with the model, which reads the two numbers.

    >>> b = between(1, 100)
    >>> b.minimum, b.maximum, list(b)
    (1, 100, [Ge(ge=1), Le(le=100)])
    """

    __slots__ = ("maximum", "minimum")
    __is_annotated_types_grouped_metadata__ = True

    def __init__(self, minimum: int, maximum: int) -> None:
        self.minimum = minimum
        self.maximum = maximum

    def __iter__(self) -> Iterator[Any]:
        from annotated_types import Ge, Le

        return iter((Ge(self.minimum), Le(self.maximum)))

    def __repr__(self) -> str:
        return f"between({self.minimum}, {self.maximum})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Bounds):
            return NotImplemented
        return (self.minimum, self.maximum) == (other.minimum, other.maximum)

    def __hash__(self) -> int:
        return hash((Bounds, self.minimum, self.maximum))


def between(minimum: int, maximum: int) -> Bounds:
    """The bounds of an ``int`` field, ``minimum`` and ``maximum`` included.

    >>> between(1, 100)
    between(1, 100)
    """
    return Bounds(minimum, maximum)


#: An object id: non-empty, no whitespace, none of ``, < > & " '``.
Id = Annotated[str, Shape("id")]

#: Free text: non-empty, no surrounding whitespace.
Text = Annotated[str, Shape("text")]

#: The name of one of its object's lists of ids (``"co_handlers"``): what
#: an object's ``open`` names (see :class:`~emergencykit.model.Entity`).
IdList = Annotated[str, Shape("id_list")]

#: An administrative division code of GB/T 2260 (行政区划代码): six digits,
#: two each for the province, the prefecture and the county (``"500101"``).
DivisionCode = Annotated[str, Shape("division_code")]

#: A count or headcount: 0 to ``MAX_COUNT``.
Quantity = Annotated[int, between(0, MAX_COUNT)]

#: A calendar year as the model accepts it.
Year = Annotated[int, between(1900, 2200)]


@per_annotation
def plain(t: Any) -> Any:
    """``t`` without ``Annotated`` metadata, also inside unions and tuples.

    >>> plain(tuple[Id, ...]), plain(Text | None)
    (tuple[str, ...], str | None)
    """
    if typing.get_origin(t) is Annotated:
        return plain(t.__origin__)
    args = typing.get_args(t)
    if not args:
        return t
    origin = typing.get_origin(t)
    if origin is tuple:
        return tuple[tuple(plain(a) for a in args)]  # type: ignore[misc]
    if origin is typing.Union or isinstance(t, type(int | None)):
        result = plain(args[0])
        for arg in args[1:]:
            result = result | plain(arg)
        return result
    return t
