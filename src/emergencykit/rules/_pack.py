"""Rule packs: what a pack is, and how installed packs are found.

A pack is a group of rules switched on together, with its own code prefix,
the predicate that says where it applies, its parameters and the headings
of its areas.  Packs are found through the ``emergencykit.rules`` entry-point
group, the built-in ones included, so that a place can ship its own rules
as an ordinary package (see ``examples/pack`` and docs/validation.md).
"""

import re
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs

from emergencykit.errors import PackError
from emergencykit.model import EmergencySystem, Jurisdiction, Label
from emergencykit.rules import _discover

if TYPE_CHECKING:
    import importlib.metadata

    _EntryPoint = importlib.metadata.EntryPoint | _discover.EntryPoint

__all__ = ["ENTRY_POINT_GROUP", "Pack", "RootDivision", "everywhere", "get_pack", "packs"]

#: The entry-point group that packs are registered under.
ENTRY_POINT_GROUP = "emergencykit.rules"

P = TypeVar("P")

_NAME = re.compile(r"[a-z][a-z0-9_-]*")
_PREFIX = re.compile(r"[A-Z]{2,4}")


def everywhere(system: EmergencySystem) -> bool:
    """The ``applies`` predicate of a pack that holds for every system.

    >>> import emergencykit as ek
    >>> everywhere(ek.EmergencySystem(id="s", name=ek.Label(zh="示例")))
    True
    """
    return True


def _strings(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, (tuple, list)):
        raise TypeError(f"expected a tuple of strings (got {value!r})")
    for item in value:
        if not isinstance(item, str) or not item:
            raise ValueError(f"expected non-empty strings (got {item!r})")
    return tuple(value)


@attrs.frozen(kw_only=True)
class RootDivision:
    """True when the system's root jurisdiction is one of some administrative divisions.

    The division code (``Jurisdiction.code``, GB/T 2260: 500000 for
    Chongqing, 500101 for its Wanzhou district) decides, never the name:
    the root matches when its code starts with one of ``codes`` (names are
    ambiguous, codes are not).  A system whose root is missing, not a
    jurisdiction or without a code matches nothing.

    Examples
    --------
    >>> import emergencykit as ek
    >>> chongqing = RootDivision(codes=("50",))
    >>> def system(**root):
    ...     j = ek.Jurisdiction(id="j", level=ek.AdminLevel.PROVINCIAL, **root)
    ...     return ek.EmergencySystem(id="s", name=ek.Label(zh="示例"), root="j", jurisdictions=(j,))
    >>> chongqing(system(name=ek.Label(zh="某市"), code="500000"))
    True
    >>> chongqing(system(name=ek.Label(zh="重庆市")))  # no code: the name does not decide
    False
    >>> chongqing(system(name=ek.Label(zh="重庆市"), code="510100"))
    False
    """

    codes: tuple[str, ...] = attrs.field(converter=_strings)

    def __call__(self, system: EmergencySystem) -> bool:
        """Whether ``system``'s root jurisdiction is one of these divisions."""
        root = system.get(system.root) if system.root is not None else None
        if not isinstance(root, Jurisdiction):
            return False
        return root.code is not None and root.code.startswith(self.codes)


def _check_name(_: object, attribute: "attrs.Attribute[str]", value: object) -> None:
    if not isinstance(value, str) or not _NAME.fullmatch(value):
        raise ValueError(
            f"a pack name is lower-case letters, digits, '-' and '_', starting with a "
            f"letter (got {value!r})"
        )


def _check_prefix(_: object, attribute: "attrs.Attribute[str]", value: object) -> None:
    if not isinstance(value, str) or not _PREFIX.fullmatch(value):
        raise ValueError(f"a code prefix is two to four capital letters (got {value!r})")


def _areas(value: object) -> dict[str, Label]:
    if not isinstance(value, Mapping):
        raise TypeError(f"areas must map area codes to labels (got {value!r})")
    for area, heading in value.items():
        if not isinstance(heading, Label):
            raise TypeError(f"the heading of area {area!r} must be a Label (got {heading!r})")
    return dict(value)


@attrs.frozen(kw_only=True, eq=False)
class Pack(Generic[P]):
    """A rule pack: a group of rules switched on together, with its own code prefix.

    Packs compare by identity: each is one object, registered once.

    Attributes
    ----------
    name
        Its name in reports and in ``ValidationConfig(packs=…)``; also the
        name of its entry point.
    prefix
        Two to four capital letters that begin the code of each of its
        rules (``"SC"`` for ``SC101``).  A prefix belongs to one package:
        the built-in national, chongqing and ics packs share ``EK``.
    label
        Its title in Chinese and English.
    applies
        A predicate on the system: the pack runs by default where it holds
        (:func:`everywhere`, :class:`RootDivision` or any callable).
    params
        Its parameters with their defaults: an instance of the pack's own
        frozen attrs class (or ``None`` for a pack without parameters).
        ``ValidationConfig(params=(…,))`` overrides them; rules read them
        with ``ctx.config.params_for(pack)``.
    areas
        The heading of each area: ``"SC1"`` for codes ``SC1xx``.

    Examples
    --------
    >>> import attrs
    >>> from emergencykit import Label
    >>> @attrs.frozen
    ... class CountyParams:
    ...     check_days: int = 30
    >>> pack = Pack(name="county", prefix="SC", label=Label(zh="某县", en="a county"),
    ...             applies=RootDivision(codes=("990101",)), params=CountyParams(),
    ...             areas={"SC1": Label(zh="预案", en="Plans")})
    >>> pack.params.check_days, pack.area("SC105").en
    (30, 'Plans')
    >>> Pack(name="county", prefix="S1", label=Label(zh="某县"), applies=everywhere, params=None)
    Traceback (most recent call last):
    ...
    ValueError: a code prefix is two to four capital letters (got 'S1')
    """

    name: str = attrs.field(validator=_check_name)
    prefix: str = attrs.field(validator=_check_prefix)
    label: Label = attrs.field(validator=attrs.validators.instance_of(Label))
    applies: Callable[[EmergencySystem], bool] = attrs.field(
        validator=attrs.validators.is_callable()
    )
    params: P
    areas: dict[str, Label] = attrs.field(factory=dict, converter=_areas)

    def __attrs_post_init__(self) -> None:
        if self.params is not None and not attrs.has(type(self.params)):
            raise TypeError(
                f"the parameters of pack {self.name!r} must be an attrs instance or None "
                f"(got {self.params!r})"
            )
        for area in self.areas:
            if not re.fullmatch(re.escape(self.prefix) + r"\d", area):
                raise ValueError(
                    f"an area of pack {self.name!r} is {self.prefix} and one digit (got {area!r})"
                )

    def area(self, code: str) -> Label | None:
        """The heading of the area of ``code`` (``"SC1"`` for ``"SC105"``), if the pack has one."""
        return self.areas.get(code[:-2])

    def owns(self, code: str) -> bool:
        """Whether ``code`` is a well-formed code of this pack: its prefix and three digits."""
        return (
            len(code) == len(self.prefix) + 3
            and code.startswith(self.prefix)
            and code[-3:].isdigit()
        )


# -- discovery --------------------------------------------------------------------

#: The built-in packs, in report order; declared as entry points in pyproject.toml
#: and added from here when the package's metadata lacks them (a source tree run
#: without installing).
_BUILTIN = (
    ("national", "emergencykit.rules:NATIONAL"),
    ("chongqing", "emergencykit.rules:CHONGQING"),
    ("ics", "emergencykit.rules:ICS"),
)

_loaded: tuple[tuple["Pack[Any]", ...], tuple[str, ...]] | None = None


def packs(*, reload: bool = False) -> tuple["Pack[Any]", ...]:
    """The installed rule packs: the built-in ones, then the others by name.

    The entry points of the ``emergencykit.rules`` group are loaded once,
    on first use; ``reload=True`` reads them again (after installing a pack
    into a running interpreter, say).

    Raises
    ------
    PackError
        When an installed pack does not import, is not a :class:`Pack`,
        repeats a pack name or claims a code prefix another package owns:
        one line per broken pack.  Nothing is checked with a broken pack
        installed, because a report without a place's rules would look clean.

    Examples
    --------
    >>> [p.name for p in packs()][:3]
    ['national', 'chongqing', 'ics']
    """
    global _loaded
    if _loaded is None or reload:
        _loaded = _load()
    found, errors = _loaded
    if errors:
        raise PackError("\n".join(errors))
    return found


def get_pack(name: str) -> "Pack[Any]":
    """The installed pack called ``name``.

    Raises
    ------
    PackError
        When no installed pack has that name, or a pack is broken (see :func:`packs`).

    Examples
    --------
    >>> get_pack("chongqing").label.en
    'Chongqing local policy'
    """
    installed = packs()
    for pack in installed:
        if pack.name == name:
            return pack
    known = ", ".join(p.name for p in installed)
    raise PackError(f"no rule pack named {name!r} is installed (installed: {known})")


def _installed() -> "list[_EntryPoint]":
    """The entry points of the group, as :func:`importlib.metadata.entry_points` finds them.

    Read without importing :mod:`importlib.metadata` when it is not imported
    yet and the installs are ordinary ones (:mod:`._discover`: the same
    entry points, a fraction of a command's start-up spared).
    """
    if "importlib.metadata" not in sys.modules:
        found = _discover.entry_points(ENTRY_POINT_GROUP)
        if found is not None:
            return list(found)
    import importlib.metadata

    return list(importlib.metadata.entry_points(group=ENTRY_POINT_GROUP))


def _entry_points() -> "list[_EntryPoint]":
    found = {(ep.name, ep.value): ep for ep in _installed()}
    builtin = [
        found.pop((name, value), _discover.EntryPoint(name, value, ENTRY_POINT_GROUP))
        for name, value in _BUILTIN
    ]
    return builtin + sorted(found.values(), key=lambda ep: (ep.name, ep.value))


def _load() -> tuple[tuple["Pack[Any]", ...], tuple[str, ...]]:
    loaded: list[Pack[Any]] = []
    errors: list[str] = []
    owners: dict[str, str] = {}
    for ep in _entry_points():
        where = f"rule pack {ep.name!r} (entry point {ep.name} = {ep.value})"
        try:
            pack = ep.load()
        except Exception as exc:  # any failure of foreign code is reported, never raised
            message = str(exc).splitlines()[0] if str(exc) else ""
            errors.append(f"{where} cannot be loaded: {type(exc).__name__}: {message}".rstrip())
            continue
        problem = _problem(pack, ep, loaded, owners)
        if problem is not None:
            errors.append(f"{where} {problem}")
            continue
        owners.setdefault(pack.prefix, _package(ep))
        loaded.append(pack)
    return tuple(loaded), tuple(errors)


def _package(ep: "_EntryPoint") -> str:
    return ep.module.partition(".")[0]


def _problem(
    pack: object,
    ep: "_EntryPoint",
    loaded: list["Pack[Any]"],
    owners: dict[str, str],
) -> str | None:
    if not isinstance(pack, Pack):
        return f"is not a rule pack (got {type(pack).__name__})"
    if pack.name != ep.name:
        return f"is named {pack.name!r}: a pack's name is its entry point's name"
    if any(p.name == pack.name for p in loaded):
        return "repeats the name of another installed pack"
    package = _package(ep)
    for prefix, owner in owners.items():
        # A prefix that begins another one would make `--select SC` pick both.
        overlaps = prefix.startswith(pack.prefix) or pack.prefix.startswith(prefix)
        if overlaps and owner != package:
            return (
                f"claims code prefix {pack.prefix}, which clashes with {prefix} of package {owner}"
            )
    if pack.params is not None:
        for p in loaded:
            if type(p.params) is type(pack.params):
                return f"shares its parameters class with pack {p.name!r}"
    return None
