"""Field types that say what a valid value is: ``Id``, ``Text`` and bounded integers.

To type checkers, attrs and cattrs these are plain ``str`` and ``int``.  Their
``Annotated`` metadata, a :class:`Draw`, tells hypothesis how to draw valid
values, so that ``st.builds(Team)`` and ``st.from_type(Id)`` give values the
validators accept.  The same annotations serve a user's own functions:

>>> import inspect
>>> from emergencykit.model import Id, Team
>>> inspect.signature(Team).parameters["commander"].annotation == Id | None
True
"""

import sys
import typing
from collections.abc import Iterator
from typing import Annotated, Any

from emergencykit.model._validators import MAX_COUNT

__all__ = ["Draw", "Id", "Quantity", "Text", "Year", "between", "plain"]


class Draw:
    """``Annotated`` metadata naming the hypothesis strategy for valid values.

    It follows the grouped-metadata protocol of annotated-types, through
    which hypothesis's ``from_type`` (6.102 and later) takes a strategy out of
    ``Annotated`` metadata: iterating a ``Draw`` yields the strategy.  The
    model never imports hypothesis itself; without hypothesis already
    imported, iterating yields nothing, so other readers of the protocol see
    no constraint.

    >>> Id.__metadata__, between(1, 100)
    ((Draw('ids'),), Draw('integers', 1, 100))
    """

    __slots__ = ("args", "name")
    __is_annotated_types_grouped_metadata__ = True

    def __init__(self, name: str, *args: int) -> None:
        self.name = name
        self.args = args

    def __iter__(self) -> Iterator[Any]:
        if "hypothesis" not in sys.modules:
            return iter(())
        from emergencykit.strategies._objects import drawn

        return iter((drawn(self),))

    def __repr__(self) -> str:
        return f"Draw({', '.join(map(repr, (self.name, *self.args)))})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Draw):
            return NotImplemented
        return (self.name, self.args) == (other.name, other.args)

    def __hash__(self) -> int:
        return hash((Draw, self.name, self.args))


def between(minimum: int, maximum: int) -> Draw:
    """Metadata for an ``int`` field whose validator is ``count(minimum, maximum)``."""
    return Draw("integers", minimum, maximum)


#: An object id: non-empty, no whitespace, none of ``, < > & " '``.
Id = Annotated[str, Draw("ids")]

#: Free text: non-empty, no surrounding whitespace.
Text = Annotated[str, Draw("texts")]

#: A count or headcount: 0 to ``MAX_COUNT``.
Quantity = Annotated[int, between(0, MAX_COUNT)]

#: A calendar year as the model accepts it.
Year = Annotated[int, between(1900, 2200)]


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
