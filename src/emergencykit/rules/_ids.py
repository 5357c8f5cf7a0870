"""EK0xx: ids and references.

Which fields hold ids, and which kinds of object each may name, is read from
the model's declarations (:func:`emergencykit.model.ref`).
"""

import itertools
import operator
import typing
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from emergencykit.model import Entity, Kind, Label, ProposalKind, TierScheme, references
from emergencykit.model._hints import per_annotation
from emergencykit.model._system import COLLECTIONS, KIND_OF_CLASS, kind_word
from emergencykit.rules._engine import Context, rule
from emergencykit.rules._report import Finding, Level

__all__ = ["RefField", "kind_en", "kind_zh", "reference_fields"]


@attrs.frozen
class RefField:
    """How to walk one field: ``ref`` (one id), ``refs`` (a tuple of ids),
    ``nested`` (an attrs object) or ``nested_many`` (a tuple of them)."""

    name: str
    shape: str
    kinds: tuple[str, ...] | None = None
    target: type | None = None


def _bare(hint: Any) -> Any:
    """``hint`` without the metadata of ``Annotated`` around it."""
    while typing.get_origin(hint) is typing.Annotated:
        hint = hint.__origin__
    return hint


# What _inner() gave for each annotation: most recur across the classes.
@per_annotation
def _inner(hint: Any) -> tuple[Any, bool, bool]:
    """(element type, is a tuple, is optional) of a field's type hint, metadata left out."""
    optional = False
    hint = _bare(hint)
    args = typing.get_args(hint)
    if type(None) in args:
        optional = True
        rest = [a for a in args if a is not type(None)]
        hint = _bare(rest[0]) if len(rest) == 1 else hint
    if typing.get_origin(hint) is tuple:
        return _bare(typing.get_args(hint)[0]), True, optional
    return hint, False, optional


_FIELDS: dict[type, tuple[RefField, ...]] = {}


def reference_fields(cls: type) -> tuple[RefField, ...]:
    """The id-holding and nested fields of a model class, derived from the class.

    Nested :class:`~emergencykit.Entity` objects (tiers in a scheme) are left
    out: the system lists them as objects of their own.

    Examples
    --------
    >>> from emergencykit import Plan
    >>> [f.name for f in reference_fields(Plan) if f.shape == "ref"]
    ['jurisdiction', 'issuer', 'lead', 'parent', 'filed_with']
    """
    known = _FIELDS.get(cls)
    if known is None:
        known = _FIELDS[cls] = _derive(cls)
    return known


def _derive(cls: type) -> tuple[RefField, ...]:
    fields = attrs.fields(cls)
    # The model's annotations are evaluated types: read as they are, without
    # get_type_hints (a fifth of the first check's rule set-up).
    if any(isinstance(f.type, str) for f in fields):
        hints = typing.get_type_hints(cls)
    else:
        hints = {f.name: f.type for f in fields}
    declared = references(cls)
    out: list[RefField] = []
    for field in fields:
        if field.name == "id":
            continue
        reference = declared.get(field.name)
        if reference is not None:
            if reference.through is None:
                shape = "refs" if reference.many else "ref"
                out.append(RefField(field.name, shape, reference.kinds))
            continue
        inner, many, _ = _inner(hints[field.name])
        if isinstance(inner, type) and attrs.has(inner) and not issubclass(inner, Entity):
            out.append(RefField(field.name, "nested_many" if many else "nested", target=inner))
    return tuple(out)


#: A reference EK002 or EK003 reports: (owner id, path, id named, field name,
#: kinds the field allows, kind of the object named or ``None`` when it names none,
#: where the owner is: the number of its collection and its index there).
_Problem = tuple[str, str, str, str, tuple[str, ...] | None, str | None, int, int]


class _Column(typing.NamedTuple):
    """The references of one id field, in the objects of one collection, that name nothing.

    Kept as the field's values and the positions of those that name nothing:
    a path is written only for a finding that is built.
    """

    name: str  # the collection
    group: int  # its number
    field: str
    items: tuple[Any, ...]
    values: list[Any]
    indexes: list[int]  # of the objects whose value names nothing, increasing

    def problem(self, k: int) -> tuple[str, str, str]:
        """(owner id, path, id named) of the ``k``-th reference."""
        index = self.indexes[k]
        return self.items[index].id, f"$.{self.name}[{index}].{self.field}", self.values[index]


def _problem_references(ctx: Context) -> tuple[list[_Problem], list[_Column]]:
    """The references EK002 and EK003 report, found in one walk per run.

    Those of a plain id field that name nothing come as columns, a column
    per field and collection; every other as a problem.
    """
    found: tuple[list[_Problem], list[_Column]] = ctx.memo(
        "problem references", lambda: _find_problems(ctx)
    )
    return found


#: How :func:`_find_problems` walks an object: (field, shape, allowed kinds) of
#: its id fields and of the nested fields that hold ids somewhere below.
_Plan = tuple[tuple[str, str, tuple[str, ...] | None], ...]
_PLANS: dict[type, _Plan] = {}


def _plan(cls: type) -> _Plan:
    known = _PLANS.get(cls)
    if known is None:
        # Not entered again below itself: the model nests no class in itself.
        _PLANS[cls] = ()
        known = _PLANS[cls] = tuple(
            (f.name, f.shape, f.kinds)
            for f in reference_fields(cls)
            if f.target is None or _plan(f.target)
        )
    return known


def _find_problems(ctx: Context) -> tuple[list[_Problem], list[_Column]]:
    # A large system has several references per object and almost all of them
    # are fine.  A collection's objects are read a field at a time: the
    # field's distinct values are sorted out as sets, and the objects walked
    # again only for a field that names something wrong.  A path string is
    # built only for a reference reported.  Nested values without ids below
    # them (every object's name) are not entered.  When the graph was drawn
    # from this system, its build resolved every reference already: only the
    # objects it was unsure of are walked, one by one.
    unsure = ctx.unsure_references
    # The first object with each id: what a reference names, and its kind.
    by_id = ctx.system._index
    kind_of = KIND_OF_CLASS
    out: list[_Problem] = []
    columns: list[_Column] = []

    def visit(owner: str, obj: Any, path: str, group: int, index: int) -> None:
        # group, index: where the owner is (the number of its collection, its index there).
        cls = type(obj)
        plan = _PLANS.get(cls)
        for name, shape, allowed in _plan(cls) if plan is None else plan:
            value = getattr(obj, name)
            if value is None:
                continue
            if shape == "ref":
                named = by_id.get(value)
                kind = None if named is None else kind_of.get(type(named))
                if kind is not None and (allowed is None or kind in allowed):
                    continue
                if kind is None and named is not None:
                    continue  # an object of no known kind: EK003 cannot judge it
                out.append((owner, f"{path}.{name}", value, name, allowed, kind, group, index))
            elif shape == "refs":
                for i, ref in enumerate(value):
                    named = by_id.get(ref)
                    kind = None if named is None else kind_of.get(type(named))
                    if kind is not None and (allowed is None or kind in allowed):
                        continue
                    if kind is None and named is not None:
                        continue
                    out.append(
                        (owner, f"{path}.{name}[{i}]", ref, name, allowed, kind, group, index)
                    )
            elif shape == "nested":
                visit(owner, value, f"{path}.{name}", group, index)
            else:
                for i, item in enumerate(value):
                    visit(owner, item, f"{path}.{name}[{i}]", group, index)

    system = ctx.system
    for group, (name, (cls, _)) in enumerate(COLLECTIONS.items()):
        items: tuple[Any, ...] = getattr(system, name)
        if not items:
            continue
        if unsure is None and not issubclass(cls, TierScheme) and set(map(type, items)) == {cls}:
            _by_field(name, group, items, by_id, out, columns, visit)
            continue
        # Object by object: a scheme's tiers after it (at the scheme's index).
        for index, obj in enumerate(items):
            if unsure is None or obj.id in unsure:
                visit(obj.id, obj, f"$.{name}[{index}]", group, index)
            if isinstance(obj, TierScheme):
                for j, tier in enumerate(obj.tiers):
                    if unsure is None or tier.id in unsure:
                        visit(tier.id, tier, f"$.{name}[{index}].tiers[{j}]", group, index)
    for index, link in enumerate(system.relations):
        path = f"$.relations[{index}]"
        visit(f"{link.source}->{link.target}", link, path, len(COLLECTIONS), index)
    return out, columns


def _by_field(
    name: str,
    group: int,
    items: tuple[Any, ...],
    by_id: dict[str, Any],
    out: list[_Problem],
    columns: list[_Column],
    visit: Callable[[str, Any, str, int, int], None],
) -> None:
    """The problem references of the collection ``name``, all of one class, a field at a time.

    The references of a plain id field that name nothing come as one
    column; the others as problems, a field's in object order, the fields
    in turn.
    """
    for field, shape, allowed in _plan(type(items[0])):
        values = list(map(operator.attrgetter(field), items))
        if shape == "ref":
            distinct = set(values)
            distinct.discard(None)
            missing = distinct.difference(by_id)
            if missing:
                indexes = [index for index, value in enumerate(values) if value in missing]
                columns.append(_Column(name, group, field, items, values, indexes))
            wrong = _wrong(distinct.difference(missing) if missing else distinct, allowed, by_id)
            if wrong:
                for index, value in enumerate(values):
                    if value in wrong:
                        path = f"$.{name}[{index}].{field}"
                        kind = KIND_OF_CLASS[type(by_id[value])]
                        out.append(
                            (items[index].id, path, value, field, allowed, kind, group, index)
                        )
        elif shape == "refs":
            distinct = set(itertools.chain.from_iterable(filter(None, values)))
            missing = distinct.difference(by_id)
            bad = missing | _wrong(distinct.difference(missing), allowed, by_id)
            if bad:
                for index, refs in enumerate(values):
                    if refs and not bad.isdisjoint(refs):
                        owner = items[index].id
                        for i, ref in enumerate(refs):
                            if ref in bad:
                                path = f"$.{name}[{index}].{field}[{i}]"
                                named = by_id.get(ref)
                                of = None if named is None else KIND_OF_CLASS[type(named)]
                                out.append((owner, path, ref, field, allowed, of, group, index))
        elif shape == "nested":
            if values.count(None) < len(values):
                for index, value in enumerate(values):
                    if value is not None:
                        visit(items[index].id, value, f"$.{name}[{index}].{field}", group, index)
        elif any(values):
            for index, many in enumerate(values):
                for i, value in enumerate(many or ()):
                    path = f"$.{name}[{index}].{field}[{i}]"
                    visit(items[index].id, value, path, group, index)


def _wrong(distinct: set[str], allowed: tuple[str, ...] | None, by_id: dict[str, Any]) -> set[str]:
    """The ``distinct`` ids that name an object of a known kind, not one ``allowed``."""
    if allowed is None or not distinct:
        return set()
    kind_of = KIND_OF_CLASS
    return {
        v
        for v in distinct
        if (named := by_id.get(v)) is not None
        and (k := kind_of.get(type(named))) is not None
        and k not in allowed
    }


def kind_zh(kind: str | None) -> str:
    """The Chinese word for a kind of object."""
    return Kind(kind).zh if kind in _KINDS else (kind or "?")


def kind_en(kind: str | None) -> str:
    """The English words for a kind of object."""
    return Kind(kind).en if kind in _KINDS else (kind or "?").replace("_", " ")


_KINDS = frozenset(Kind)


def _wanted(ctx: Context, kind: str, lang: str) -> str:
    """The word for a kind a field may name; proposals in the words of the system's kinds.

    A system of NPC suggestions is told that a field should name a 建议, not a 提案.
    """
    if kind == Kind.PROPOSAL:
        return ProposalKind.common_noun((p.kind for p in ctx.system.proposals), lang)
    return kind_en(kind) if lang == "en" else kind_zh(kind)


@rule(
    "EK001",
    Level.ERROR,
    zh="重复的 id",
    en="duplicate id",
    source="emergencykit file format (ids are unique)",
)
def duplicate_id(ctx: Context) -> Iterator[Finding]:
    """Objects refer to each other by id, so an id must name one object.  A
    second object with a taken id is unreachable: every reference resolves to
    the first one.  Each later occurrence is reported at its own path."""
    system = ctx.system
    objects = sum(len(getattr(system, name)) for name in COLLECTIONS)
    if len(system._index) == objects + sum(len(scheme.tiers) for scheme in system.tier_schemes):
        return  # as many distinct ids as objects
    first: dict[str, str] = {}
    for path, obj in ctx.entities:
        seen = first.setdefault(obj.id, path)
        if seen != path:
            yield ctx.finding(
                f"id「{obj.id}」重复：已由 {seen} 使用",
                f"id '{obj.id}' is used again: {seen} already has it",
                subjects=(obj.id,),
                path=f"{path}.id",
                hint=Label(zh="给每个对象一个唯一的 id。", en="Give every object its own id."),
            )


def _dangling(ctx: Context, owner: str, path: str, ref: str, name: str) -> Finding:
    return ctx.finding(
        f"{path} 引用了不存在的 id「{ref}」",
        f"{path} names id '{ref}', which no object has",
        subjects=(owner, ref),
        path=path,
        hint=Label(
            zh=f"添加 id 为「{ref}」的对象，或更正 {name} 字段。",
            en=f"Add an object with id '{ref}' or correct the {name} field.",
        ),
    )


@rule(
    "EK002",
    Level.ERROR,
    zh="悬空引用",
    en="dangling reference",
    source="emergencykit file format (references resolve)",
)
def dangling_reference(ctx: Context) -> Iterator[Finding]:
    """A field names an id that no object in the system has: a typo, or an
    object that was never added.  The reference is reported at its exact
    path, nested objects included (``$.teams[3].posts[0].b``)."""
    # Objects come in document order, by collection: once the finding at one
    # object's reference is counted, those at the later objects of its
    # collection sort after it, and are counted without a look at their path.
    skip_group = skip_from = -1
    skipped = 0
    problems, columns = _problem_references(ctx)
    for owner, path, ref, name, _, kind, group, index in problems:
        if kind is not None:
            continue
        if group == skip_group and index > skip_from:
            skipped += 1
        elif ctx.counted(path):
            skip_group, skip_from = group, index
        else:
            yield _dangling(ctx, owner, path, ref, name)
    for column in columns:
        group, indexes = column.group, column.indexes
        for k, index in enumerate(indexes):
            if group == skip_group and index > skip_from:
                # The indexes increase: the rest of the column too.
                skipped += len(indexes) - k
                break
            owner, path, ref = column.problem(k)
            if ctx.counted(path):
                skip_group, skip_from = group, index
            else:
                yield _dangling(ctx, owner, path, ref, column.field)
    if skipped:
        ctx.count_later(skipped)


@rule(
    "EK003",
    Level.ERROR,
    zh="引用的对象类型不对",
    en="reference to the wrong kind of object",
    source="emergencykit file format (reference kinds)",
)
def wrong_kind(ctx: Context) -> Iterator[Finding]:
    """Each reference field names a particular kind of object: a plan's lead
    is an agency or command body, a team's tier is a tier, a post holder is a
    person.  A reference that resolves to another kind (a plan led by a team)
    is a modelling error that other rules cannot interpret."""
    for owner, path, ref, _, kinds, kind, _, _ in _problem_references(ctx)[0]:
        if kinds is not None and kind is not None:
            want_zh = "或".join(_wanted(ctx, k, "zh") for k in kinds)
            want_en = " or ".join(_wanted(ctx, k, "en") for k in kinds)
            found = ctx.get(ref)
            yield ctx.finding(
                f"{path} 应引用{want_zh}，但「{ref}」是{kind_word(found, 'zh')}",
                f"{path} should name a {want_en}, but '{ref}' is a {kind_word(found, 'en')}",
                subjects=(owner, ref),
                path=path,
            )


@rule(
    "EK004",
    Level.ERROR,
    zh="行政区层级树断裂",
    en="jurisdiction tree broken",
    source="administrative divisions (a parent is one level up)",
    needs=("Jurisdiction.parent", "Jurisdiction.level"),
)
def jurisdiction_tree(ctx: Context) -> Iterator[Finding]:
    """Jurisdictions form a tree: following ``parent`` must end at the top,
    and each parent sits at a higher administrative level than its child (a
    区县 under a 市, never the reverse).  Parent cycles and inverted levels
    make every rule that walks the tree (hazard coverage, mandates) unreliable."""
    tree = ctx.tree
    for cycle in tree.cycles():
        ids = tuple(sorted(cycle))
        yield ctx.finding(
            "行政区上级关系成环：" + " → ".join([*cycle, cycle[0]]),
            "jurisdiction parents form a cycle: " + " -> ".join([*cycle, cycle[0]]),
            subjects=ids,
            path=f"{ctx.path_of(tree[ids[0]])}.parent",
        )
    for j in ctx.system.jurisdictions:
        parent = tree.get(j.parent)
        if parent is not None and parent.level.rank >= j.level.rank and parent.id != j.id:
            yield ctx.finding(
                f"行政区「{j.name.get('zh')}」({j.level.zh}) 的上级「{parent.name.get('zh')}」({parent.level.zh}) 层级不高于它",
                f"jurisdiction '{j.name.get('en')}' ({j.level.en}) has parent "
                f"'{parent.name.get('en')}' ({parent.level.en}) that is not at a higher level",
                subjects=(j.id, parent.id),
                path=f"{ctx.path_of(j)}.parent",
            )


@rule(
    "EK005",
    Level.WARNING,
    zh="缺少系统根行政区",
    en="system root missing or not a jurisdiction",
    source="emergencykit file format (root)",
    needs=("EmergencySystem.root",),
)
def system_root(ctx: Context) -> Iterator[Finding]:
    """The system's ``root`` names the jurisdiction it describes.  Without it
    the Chongqing pack cannot switch itself on and rules that start from the
    top of the tree have nowhere to start."""
    root = ctx.system.root
    hint = Label(
        zh="把 root 设为最高一级行政区的 id。",
        en="Set root to the id of the top jurisdiction.",
    )
    if root is None:
        yield ctx.question(
            "文件未说明所描述的最高一级行政区",
            "the document does not say which jurisdiction it describes (no root)",
            path="$.root",
            hint=hint,
        )
        return
    kind = ctx.kind(root)
    if kind is None:
        yield ctx.finding(
            f"根「{root}」不存在",
            f"root '{root}' names no object",
            subjects=(root,),
            path="$.root",
            hint=hint,
        )
    elif kind != Kind.JURISDICTION:
        found = ctx.get(root)
        yield ctx.finding(
            f"根「{root}」是{kind_word(found, 'zh')}，不是行政区",
            f"root '{root}' is a {kind_word(found, 'en')}, not a jurisdiction",
            subjects=(root,),
            path="$.root",
            hint=hint,
        )


@rule(
    "EK006",
    Level.ERROR,
    zh="引文出处不存在",
    en="citation names an unknown source",
    source="emergencykit file format (citations name a source by id)",
)
def unknown_citation_source(ctx: Context) -> Iterator[Finding]:
    """A citation (``cite``) names the document that states a fact by the
    ``id`` of one of the system's ``sources``.  A citation that names no
    listed source cannot be checked against its document: a typo, or a
    source that was never listed."""
    system = ctx.system
    cites = operator.attrgetter("cite")
    if not any(any(map(cites, getattr(system, name))) for name in COLLECTIONS) and not any(
        tier.cite for scheme in system.tier_schemes for tier in scheme.tiers
    ):
        return  # nothing cited: the objects' paths are not needed
    known = {s.id for s in system.sources if s.id is not None}
    for path, obj in ctx.entities:
        for i, citation in enumerate(obj.cite):
            if citation.source is None or citation.source in known:
                continue
            yield ctx.finding(
                f"{path}.cite[{i}] 引用了未列出的来源「{citation.source}」",
                f"{path}.cite[{i}] names source '{citation.source}', which the system does not list",
                subjects=(obj.id,),
                path=f"{path}.cite[{i}].source",
                hint=Label(
                    zh=f"在 sources 中添加 id 为「{citation.source}」的来源，或更正引文。",
                    en=f"Add a source with id '{citation.source}' to sources, or correct the citation.",
                ),
            )
