"""The national classification of emergencies, shipped as data.

The classification of GB/T 35561-2017 《突发事件分类与编码》 sorts
emergencies into four categories (自然灾害, 事故灾难, 公共卫生事件,
社会安全事件), each into classes (水旱灾害, 气象灾害 …) and these into types
(洪涝, 干旱 …).  The data file ``event_classification.toml`` holds the
hierarchy as published texts state it, each entry naming the text it comes
from.  The standard also gives each entry a code; a code is filled in only
once it is checked against the standard's published code table, and none
could be so far: every entry's :attr:`~EventClass.code` is ``None`` and
entries are found by their :attr:`~EventClass.key`.
"""

import functools
import tomllib
from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType
from typing import Any

import attrs

from emergencykit.errors import LoadError, Problem, UnknownCodeError
from emergencykit.model import EventCategory, Label

__all__ = ["ClassificationText", "EventClass", "EventClassification", "event_classification"]

_FILENAME = "event_classification.toml"

#: The levels of the hierarchy, from the top.
LEVELS = ("category", "class", "type")


@attrs.frozen(kw_only=True)
class ClassificationText:
    """A published text that states entries of the classification.

    ``key`` is what the entries name it by; ``locator`` says where in it
    the entries are stated; ``number`` is its document number (文号), when
    it has one.  ``date`` is the date of issue, ``YYYY-MM-DD``.
    """

    key: str
    title: Label
    publisher: str
    date: str
    locator: str
    number: str | None = None


@attrs.frozen(kw_only=True)
class EventClass:
    """One entry of the classification: a category, a class or a type of emergency.

    ``key`` is the dataset's own stable identifier (a category's key is the
    value of its :class:`~emergencykit.EventCategory`); ``code`` the
    GB/T 35561 code, ``None`` where it could not be verified; ``parent``
    the key of the entry above it (``None`` for a category); ``category``
    the category it belongs to; ``text`` the published text that states it.
    """

    key: str
    code: str | None
    name: Label
    level: str
    parent: str | None
    category: EventCategory
    text: ClassificationText


@attrs.frozen(kw_only=True)
class EventClassification:
    """The classification: its entries, its standard and the texts its entries come from.

    Look an entry up by its key or, once codes are filled in, by its code
    (:meth:`get`); walk the hierarchy with :meth:`ancestors`,
    :meth:`descendants` and :meth:`children`.  ``entries`` come in the
    order of the hierarchy: each category followed by its classes, each
    class by its types, siblings in the order of their texts.

    ``source`` names the standard (number and title); ``issued`` and
    ``in_force`` are its dates; ``verified`` says which codes were checked
    against which published code table.

    Examples
    --------
    >>> from emergencykit.datasets import event_classification
    >>> cls = event_classification()
    >>> flood = cls.get("flood")
    >>> flood.name.zh, flood.level, flood.parent, flood.category.value
    ('洪涝', 'type', 'flood_drought', 'natural_disaster')
    >>> cls.ancestors("flood")
    ('flood_drought', 'natural_disaster')
    >>> [cls.get(k).name.zh for k in cls.children("flood_drought")]
    ['洪涝', '干旱']
    >>> flood.code is None  # not verified against the standard's code table
    True
    >>> str(cls.source)
    'GB/T 35561-2017 突发事件分类与编码'
    """

    source: Label
    issued: str
    in_force: str
    verified: str
    texts: tuple[ClassificationText, ...]
    entries: tuple[EventClass, ...]
    _index: Mapping[str, EventClass] = attrs.field(init=False, repr=False, eq=False)
    _children: Mapping[str, tuple[str, ...]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        index: dict[str, EventClass] = {}
        children: dict[str, list[str]] = {}
        for entry in self.entries:
            index[entry.key] = entry
            if entry.code is not None:
                index[entry.code] = entry
            if entry.parent is not None:
                children.setdefault(entry.parent, []).append(entry.key)
        object.__setattr__(self, "_index", MappingProxyType(index))
        object.__setattr__(
            self, "_children", MappingProxyType({k: tuple(v) for k, v in children.items()})
        )

    def get(self, code: str) -> EventClass | None:
        """The entry with this key or code; ``None`` when there is none."""
        return self._index.get(code)

    def _entry(self, code: str) -> EventClass:
        entry = self._index.get(code)
        if entry is None:
            raise UnknownCodeError(
                f"the classification of emergencies has no entry {code!r} "
                f"(keys: {', '.join(e.key for e in self.entries if e.level == 'category')}, …)"
            )
        return entry

    def ancestors(self, code: str) -> tuple[str, ...]:
        """The keys of the entries above ``code``, nearest first, ending at its category.

        Raises
        ------
        emergencykit.errors.UnknownCodeError
            If the classification has no entry with this key or code.
        """
        out: list[str] = []
        parent = self._entry(code).parent
        while parent is not None:
            out.append(parent)
            parent = self._index[parent].parent
        return tuple(out)

    def children(self, code: str) -> tuple[str, ...]:
        """The keys of the entries directly below ``code``, in order.

        Raises
        ------
        emergencykit.errors.UnknownCodeError
            If the classification has no entry with this key or code.
        """
        return self._children.get(self._entry(code).key, ())

    def descendants(self, code: str) -> tuple[str, ...]:
        """The keys of every entry below ``code``, in the order of :attr:`entries`.

        Raises
        ------
        emergencykit.errors.UnknownCodeError
            If the classification has no entry with this key or code.
        """
        out: list[str] = []
        stack = list(reversed(self.children(code)))
        while stack:
            key = stack.pop()
            out.append(key)
            stack.extend(reversed(self._children.get(key, ())))
        return tuple(out)

    def covers(self, general: str, specific: str) -> bool:
        """Whether ``specific`` is ``general`` or lies below it.

        >>> from emergencykit.datasets import event_classification
        >>> cls = event_classification()
        >>> cls.covers("natural_disaster", "flood"), cls.covers("flood", "flood_drought")
        (True, False)
        """
        key = self._entry(general).key
        return self._entry(specific).key == key or key in self.ancestors(specific)


def _label(value: Any) -> Label:
    return Label(zh=value.get("zh"), en=value.get("en"))


def _build(data: Mapping[str, Any]) -> EventClassification:
    """The classification the data file describes; every inconsistency is a :class:`LoadError`."""
    problems: list[Problem] = []

    def bad(path: str, message: str) -> None:
        problems.append(Problem(_FILENAME, path, message))

    texts = tuple(
        ClassificationText(
            key=t["key"],
            title=_label(t["title"]),
            publisher=t["publisher"],
            date=t["date"],
            locator=t["locator"],
            number=t.get("number"),
        )
        for t in data["texts"]
    )
    by_text = {t.key: t for t in texts}
    raw = list(data["entries"])
    by_key: dict[str, dict[str, Any]] = {}
    for i, e in enumerate(raw):
        if e["key"] in by_key:
            bad(f"$.entries[{i}].key", f"repeats the key {e['key']!r}")
        by_key[e["key"]] = e
    codes: set[str] = set()
    for i, e in enumerate(raw):
        path = f"$.entries[{i}]"
        level, parent = e["level"], e.get("parent")
        if level not in LEVELS:
            bad(f"{path}.level", f"must be one of {', '.join(LEVELS)} (got {level!r})")
            continue
        if e["text"] not in by_text:
            bad(f"{path}.text", f"names no text of the file (got {e['text']!r})")
        code = e.get("code")
        if code is not None:
            if code in codes or code in by_key:
                bad(f"{path}.code", f"repeats the code or key {code!r}")
            codes.add(code)
        if level == "category":
            if parent is not None:
                bad(f"{path}.parent", "a category has no parent")
            try:
                EventCategory(e["key"])
            except ValueError:
                bad(f"{path}.key", "a category's key is an EventCategory value")
            continue
        above = by_key.get(parent) if parent is not None else None
        if above is None:
            bad(f"{path}.parent", f"names no entry of the file (got {parent!r})")
        elif LEVELS.index(above["level"]) != LEVELS.index(level) - 1:
            bad(
                f"{path}.parent",
                f"a {level} sits directly under a {LEVELS[LEVELS.index(level) - 1]}",
            )
    if problems:
        raise LoadError(problems)

    def category(e: Mapping[str, Any]) -> EventCategory:
        while e.get("parent") is not None:
            e = by_key[e["parent"]]
        return EventCategory(e["key"])

    entries: list[EventClass] = []

    def visit(e: Mapping[str, Any]) -> None:
        entries.append(
            EventClass(
                key=e["key"],
                code=e.get("code"),
                name=_label(e["name"]),
                level=e["level"],
                parent=e.get("parent"),
                category=category(e),
                text=by_text[e["text"]],
            )
        )
        for child in raw:
            if child.get("parent") == e["key"]:
                visit(child)

    for e in raw:
        if e["level"] == "category":
            visit(e)
    source = data["source"]
    return EventClassification(
        source=Label(
            zh=f"{source['standard']} {source['title']['zh']}",
            en=f"{source['standard']} {source['title']['en']}",
        ),
        issued=source["issued"],
        in_force=source["in_force"],
        verified=source["verified"],
        texts=texts,
        entries=tuple(entries),
    )


@functools.cache
def event_classification() -> EventClassification:
    """The national classification of emergencies (GB/T 35561-2017), as far as published texts state it.

    Loaded once and cached: it is immutable, so every call returns the same
    object.  Each entry names the published text that states its name and
    place; codes are left unset where they could not be verified against
    the standard's code table (so far, all of them: see
    :attr:`EventClassification.verified`).

    Returns
    -------
    EventClassification
        The four categories, their classes and the types published texts name.

    Raises
    ------
    emergencykit.errors.LoadError
        If the shipped data file is inconsistent (a packaging bug).

    Examples
    --------
    >>> from emergencykit.datasets import event_classification
    >>> cls = event_classification()
    >>> [e.name.zh for e in cls.entries if e.level == "category"]
    ['自然灾害', '事故灾难', '公共卫生事件', '社会安全事件']
    >>> cls.get("flood_drought").text.title.zh
    '国家突发公共事件总体应急预案'
    >>> event_classification() is cls
    True
    """
    text = resources.files("emergencykit.datasets").joinpath(_FILENAME).read_text(encoding="utf-8")
    return _build(tomllib.loads(text))
