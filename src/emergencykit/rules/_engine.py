"""The rule engine: findings, the registry of rules, the shared context, ``validate``."""

import datetime as dt
import functools
import inspect
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from emergencykit._gc import paused_gc
from emergencykit._guards import takes
from emergencykit.errors import ArgumentError, PackError
from emergencykit.model import (
    Completeness,
    EmergencySystem,
    JurisdictionTree,
    Label,
)
from emergencykit.model._system import COLLECTION_OF_CLASS, COLLECTIONS, KIND_OF_CLASS, display
from emergencykit.rules._builtin import NATIONAL
from emergencykit.rules._config import ValidationConfig
from emergencykit.rules._pack import Pack, packs
from emergencykit.rules._report import Finding, FindingKind, FirstFindings, Level, Report

if TYPE_CHECKING:  # networkx is imported where a graph is built
    import networkx as nx

    from emergencykit.graph._network import CommandNetwork

__all__ = [
    "INTERNAL",
    "Context",
    "Rule",
    "active_packs",
    "is_selected",
    "register",
    "registry",
    "rule",
    "unregister",
    "validate",
]

Check = Callable[["Context"], Iterable[Finding]]


@attrs.frozen(kw_only=True)
class Rule:
    """A registered rule: its code, severity, titles, rationale, source, pack and check.

    ``needs`` names the facts the rule reads, as ``"Class.field"``
    (``"Team.commander"``): when the document does not state one of them,
    the rule asks a question (:meth:`Context.question`) instead of reporting
    a violation.
    """

    code: str
    severity: Level
    title: Label
    rationale: str
    source: str
    pack: Pack[Any]
    check: Check = attrs.field(eq=False, repr=False)
    needs: tuple[str, ...] = ()

    @property
    def area(self) -> str:
        """The area of the rule: ``"EK1"`` for ``"EK105"``, ``"SC1"`` for ``"SC101"``."""
        return self.code[:-2]


def _never(ctx: "Context") -> Iterator[Finding]:
    return iter(())


#: The reserved rule under which the engine reports a rule that raised.
INTERNAL = Rule(
    code="EK000",
    severity=Level.ERROR,
    title=Label(zh="规则内部出错", en="rule failed internally"),
    rationale=(
        "Validation is total: a rule that raises does not stop the run.  The engine "
        "reports the failure under this code, naming the rule and the exception type, "
        "and goes on with the other rules.  Please report such findings as bugs."
    ),
    source="emergencykit",
    pack=NATIONAL,
    check=_never,
)

_REGISTRY: dict[str, Rule] = {}


def register(item: Rule) -> Rule:
    """Add ``item`` to the registry.

    Parameters
    ----------
    item
        The rule; its code must be its pack's prefix and three digits and
        not yet taken.

    Returns
    -------
    Rule
        ``item`` itself.

    Raises
    ------
    ValueError
        When the code is malformed, reserved or already registered.

    Examples
    --------
    >>> from emergencykit.rules import NATIONAL, Level, Rule, register, unregister
    >>> from emergencykit import Label
    >>> r = register(Rule(code="EK999", severity=Level.INFO, title=Label(zh="示例", en="example"),
    ...                   rationale="An example.", source="none", pack=NATIONAL,
    ...                   check=lambda ctx: ()))
    >>> unregister("EK999").code
    'EK999'
    """
    _check_code(item.code, item.pack)
    _REGISTRY[item.code] = item
    return item


def _check_code(code: str, pack: Pack[Any]) -> None:
    if not isinstance(pack, Pack):
        raise TypeError(f"rule {code}: pack must be a rules.Pack (got {pack!r})")
    if not pack.owns(code):
        raise ValueError(
            f"a rule code of pack {pack.name!r} is {pack.prefix} and three digits (got {code!r})"
        )
    if code == INTERNAL.code or code in _REGISTRY:
        raise ValueError(f"rule code {code} is already taken")


def unregister(code: str) -> Rule:
    """Remove the rule ``code`` from the registry and return it.

    Raises
    ------
    KeyError
        When no rule has that code.
    """
    return _REGISTRY.pop(code)


def registry() -> tuple[Rule, ...]:
    """Every rule of the installed packs, ordered by code (EK000 excluded).

    A rule whose pack is not installed (its entry point is missing or
    broken) is left out.

    Raises
    ------
    PackError
        When an installed pack is broken (see :func:`packs`).

    Examples
    --------
    >>> from emergencykit.rules import registry
    >>> [r.code for r in registry()][:3]
    ['EK001', 'EK002', 'EK003']
    """
    installed = set(packs())
    return tuple(r for c in sorted(_REGISTRY) if (r := _REGISTRY[c]).pack in installed)


def rule(
    code: str,
    severity: Level,
    *,
    zh: str,
    en: str,
    source: str,
    pack: Pack[Any] = NATIONAL,
    needs: Iterable[str] = (),
) -> Callable[[Check], Check]:
    """Register the decorated function as the rule ``code``.

    The function takes a :class:`Context` and yields findings made with
    :meth:`Context.finding`; its docstring is the rule's rationale.

    Parameters
    ----------
    code
        The pack's prefix and three digits (``EK101``, ``SC101``); stable
        once published.
    severity
        The default level of its findings.
    zh, en
        The title in Chinese and English.
    source
        The law and article, regulation, seed section or doctrine it rests on.
    pack
        The pack that switches it on (:data:`NATIONAL` by default); a
        place's own rules name their own pack.
    needs
        The facts the rule reads, as ``"Class.field"`` names of the model
        (``"Team.commander"``); ``emergencykit rules CODE`` lists them.
    Returns
    -------
    callable
        A decorator that registers the function and returns it unchanged.

    Raises
    ------
    ValueError
        When the code is malformed or taken, or the function has no docstring.

    Examples
    --------
    >>> from emergencykit.rules import Level, rule, unregister
    >>> @rule("EK998", Level.INFO, zh="示例", en="example", source="none")
    ... def example(ctx):
    ...     '''An example rule.'''
    ...     return ()
    >>> unregister("EK998").rationale
    'An example rule.'
    """

    _check_code(code, pack)
    needed = tuple(needs)

    def decorate(check: Check) -> Check:
        doc = inspect.getdoc(check)
        if not doc:
            raise ValueError(f"rule {code} needs a docstring: it is the rule's rationale")
        register(
            Rule(
                code=code,
                severity=severity,
                title=Label(zh=zh, en=en),
                rationale=doc,
                source=source,
                pack=pack,
                check=check,
                needs=needed,
            )
        )
        return check

    return decorate


class Context:
    """What every rule of one run shares: the system, the config and derived views.

    Each view (the graph, the command graph, the jurisdiction tree …) is built
    on first use and kept for the rest of the run, so rules never repeat
    whole-system work.
    """

    def __init__(
        self,
        system: EmergencySystem,
        config: ValidationConfig,
        graph: "nx.MultiDiGraph[str] | None" = None,
    ) -> None:
        self.system = system
        self.config = config
        #: The date the rules check against: the config's, else the system's own.
        self.as_of: dt.date = _as_of(system, config)
        self._rule: Rule = INTERNAL
        self._memo: dict[str, Any] = {}
        self._given_graph = graph
        self._first: FirstFindings | None = None
        self._positions: dict[str, dict[int, int]] = {}

    def memo(self, key: str, build: Callable[[], Any]) -> Any:
        """The value stored under ``key`` for this run, built by ``build()`` on first use.

        For views that only some rules share (the list of every reference,
        say) and that do not deserve a property of their own.
        """
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    def finding(
        self,
        zh: str,
        en: str,
        *,
        subjects: Iterable[str] = (),
        path: str | None = None,
        hint: Label | None = None,
        severity: Level | None = None,
    ) -> Finding:
        """A finding of the rule being run, with its code, severity and source."""
        r = self._rule
        return Finding(
            code=r.code,
            severity=r.severity if severity is None else severity,
            message_zh=zh,
            message_en=en,
            subjects=tuple(subjects),
            path=path,
            hint=hint,
            source=r.source,
        )

    def counted(
        self, path: str | None, *, severity: Level | None = None, question: bool = False
    ) -> bool:
        """Whether the finding at ``path`` is counted without being built.

        A run that keeps only the first findings of each rule
        (``validate(…, max_per_rule=…)``) counts the others.  When a finding
        of the rule being run at ``path`` (a question when ``question`` is
        true; of the rule's severity unless ``severity`` says otherwise)
        would sort after every one kept so far, this counts it and returns
        ``True``: the rule then goes on without building it.  Otherwise, and
        always in a run that keeps every finding, it returns ``False`` and
        counts nothing: the rule builds the finding and yields it.

        For rules that may report once per object of a large system (a
        million dangling ids): building a finding costs far more than this
        test.

        Examples
        --------
        >>> import datetime as dt
        >>> from emergencykit import EmergencySystem, Label
        >>> from emergencykit.rules import Context, ValidationConfig
        >>> s = EmergencySystem(id="s", name=Label(zh="示例"))
        >>> Context(s, ValidationConfig(as_of=dt.date(2024, 1, 1))).counted("$.teams[0]")
        False
        """
        first = self._first
        if first is None:
            return False
        r = self._rule
        if question and not self.complete:
            return first.after(r.code, FindingKind.QUESTION, Level.INFO, path)
        level = r.severity if severity is None else severity
        return first.after(r.code, FindingKind.VIOLATION, level, path)

    def count_later(self, n: int, *, severity: Level | None = None) -> None:
        """Count ``n`` more violations of the rule being run, each sorting after one :meth:`counted` counted.

        A rule that meets its findings in report order within a run of them
        (the objects of one collection, say) stops asking once
        :meth:`counted` says ``True``: the later ones sort after that one,
        so after every finding kept, and are counted here all at once.
        ``severity`` as for :meth:`counted`.  Does nothing in a run that
        keeps every finding (:meth:`counted` is then never ``True``).

        Examples
        --------
        >>> import datetime as dt
        >>> from emergencykit import EmergencySystem, Label
        >>> from emergencykit.rules import Context, ValidationConfig
        >>> s = EmergencySystem(id="s", name=Label(zh="示例"))
        >>> Context(s, ValidationConfig(as_of=dt.date(2024, 1, 1))).count_later(3)
        """
        first = self._first
        if first is not None:
            r = self._rule
            first.count(
                r.code, FindingKind.VIOLATION, r.severity if severity is None else severity, n
            )

    @functools.cached_property
    def complete(self) -> bool:
        """Whether the system declares itself complete (``completeness: complete``).

        Not stated counts as partial.
        """
        return self.system.completeness is Completeness.COMPLETE

    def question(
        self,
        zh: str,
        en: str,
        *,
        subjects: Iterable[str] = (),
        path: str | None = None,
        hint: Label | None = None,
    ) -> Finding:
        """The finding for a fact the rule needs that the document does not state.

        Word ``zh`` and ``en`` as a question for a follow-up ("the reply
        does not say who commands team X").  The finding is a question at
        info level; when the system declares itself complete
        (``completeness: complete``), silence is a gap, and the finding is a
        violation with the rule's severity.

        Examples
        --------
        >>> import datetime as dt
        >>> from emergencykit import Completeness, EmergencySystem, Label
        >>> from emergencykit.rules import Context, ValidationConfig
        >>> config = ValidationConfig(as_of=dt.date(2024, 1, 1))
        >>> s = EmergencySystem(id="s", name=Label(zh="示例"))
        >>> f = Context(s, config).question("未说明", "not stated")
        >>> f.kind.value, f.severity.value
        ('question', 'info')
        >>> s = EmergencySystem(id="s", name=Label(zh="示例"), completeness=Completeness.COMPLETE)
        >>> Context(s, config).question("未说明", "not stated").kind.value
        'violation'
        """
        if self.complete:
            return self.finding(zh, en, subjects=subjects, path=path, hint=hint)
        r = self._rule
        return Finding(
            code=r.code,
            severity=Level.INFO,
            message_zh=zh,
            message_en=en,
            subjects=tuple(subjects),
            path=path,
            hint=hint,
            source=r.source,
            kind=FindingKind.QUESTION,
        )

    # -- ids ---------------------------------------------------------------

    def get(self, id: str | None) -> Any:
        """The first object with ``id``, or ``None``."""
        return None if id is None else self.system.get(id)

    def kind(self, id: str | None) -> str | None:
        """The kind of the object with ``id`` (``"agency"``, ``"tier"`` …), or ``None``."""
        # The first object with the id, as in kinds, without a table of every id.
        return None if id is None else KIND_OF_CLASS.get(type(self.system._index.get(id)))

    @functools.cached_property
    def entities(self) -> list[tuple[str, Any]]:
        """``system.entities()`` walked once per run: (document path, object) pairs."""
        return list(self.system.entities())

    @functools.cached_property
    def kinds(self) -> dict[str, str | None]:
        """The kind of the first object with each id; every id of the system is a key.

        For a caller that asks about most ids; :meth:`kind` answers one id
        without it.
        """
        kind_of = KIND_OF_CLASS
        # From the system's own index of the first object with each id: no paths.
        return {id: kind_of.get(type(obj)) for id, obj in self.system._index.items()}

    def name(self, id: str | None, lang: str = "zh") -> str:
        """The readable name of ``id`` in ``lang``; the id itself when it names nothing."""
        obj = self.get(id)
        return str(id) if obj is None else display(obj, lang)

    def names(self, id: str | None) -> tuple[str, str]:
        """``(name in Chinese, name in English)`` of ``id``."""
        return self.name(id, "zh"), self.name(id, "en")

    @functools.cached_property
    def paths(self) -> dict[int, str]:
        """Document path of every object with an id, keyed by ``id()`` of the object.

        Duplicated ids make ``system.path_of`` ambiguous; this map is exact.
        """
        return {id(obj): path for path, obj in self.entities}

    def path_of(self, obj: Any) -> str | None:
        """The document path of ``obj`` (that very object): ``paths.get(id(obj))``.

        For a rule that asks about a few objects of a large system: the
        object is looked for in its class's collection, through a table of
        that collection's objects made on first use, rather than through
        :attr:`paths`, a table of every object and its path.

        Examples
        --------
        >>> import datetime as dt
        >>> from emergencykit import EmergencySystem, Label, Plan, PlanKind
        >>> from emergencykit.rules import Context, ValidationConfig
        >>> p, q = (Plan(id=i, title=Label(zh="预案"), kind=PlanKind.SPECIAL) for i in "pq")
        >>> s = EmergencySystem(id="s", name=Label(zh="示例"), plans=(p, q))
        >>> Context(s, ValidationConfig(as_of=dt.date(2024, 1, 1))).path_of(q)
        '$.plans[1]'
        """
        name = COLLECTION_OF_CLASS.get(type(obj))
        if name is None or "paths" in self.__dict__ or not self._one_class_each:
            return self.paths.get(id(obj))
        positions = self._positions.get(name)
        if positions is None:
            items = getattr(self.system, name)
            # The last place of an object listed twice, as in paths.
            positions = self._positions[name] = dict(
                zip(map(id, items), range(len(items)), strict=True)
            )
        index = positions.get(id(obj))
        return None if index is None else f"$.{name}[{index}]"

    @functools.cached_property
    def _one_class_each(self) -> bool:
        """Whether each collection holds only objects of its own class (never of another's).

        Then an object is found only in its class's collection, where
        :meth:`path_of` looks for it.
        """
        system = self.system
        return all(
            set(map(type, getattr(system, name))) <= {cls} for name, (cls, _) in COLLECTIONS.items()
        )

    # -- shared views ------------------------------------------------------------

    @functools.cached_property
    def tree(self) -> JurisdictionTree:
        """The jurisdiction tree: ancestry, depth, children and parent cycles."""
        return JurisdictionTree(self.system.jurisdictions)

    @functools.cached_property
    def graph(self) -> "nx.MultiDiGraph[str]":
        """The relation graph of the system: the one given to :func:`validate`, else built once."""
        if self._given_graph is not None:
            return self._given_graph
        from emergencykit.graph import to_graph

        return to_graph(self.system)

    @functools.cached_property
    def unsure_references(self) -> frozenset[str] | None:
        """Ids of the objects whose references the graph build did not find all well.

        When the graph given to :func:`validate` (or built for the run) was
        drawn from this very system and its structure has not changed since,
        every object not named here refers only to existing objects of the
        kinds its fields allow, so EK002 and EK003 need not walk it; ``None``
        when there is no such graph (the rules then walk every object rather
        than build one).
        """
        from emergencykit.graph._build import notes

        graph = self.__dict__.get("graph", self._given_graph)
        known = None if graph is None else notes(graph, self.system)
        return None if known is None else known.unsure

    @property
    def command_graph(self) -> "nx.DiGraph[str]":
        """*commands* and *dispatches* edges as a plain digraph, with the command centre.

        The first graph of :func:`emergencykit.graph.command_graphs`; read-only.
        """
        return self.command_network.digraphs()[0]

    @property
    def commands(self) -> "nx.DiGraph[str]":
        """Only the *commands* edges of :attr:`command_graph` (self-loops kept); read-only."""
        return self.command_network.digraphs()[1]

    @functools.cached_property
    def command_network(self) -> "CommandNetwork":
        """:attr:`command_graph` and :attr:`commands` in plain lists, with the answers the rules ask of them.

        The built-in command rules (EK5xx) read this: it answers without
        networkx where the command structure is a hierarchy, and runs
        networkx's algorithms on the two digraphs where it is not.
        """
        from emergencykit.graph._network import CommandNetwork

        source = self._graph_or_system
        if isinstance(source, EmergencySystem):
            # Without a graph given, from the system's command edges: the same
            # graphs, without a relation graph of every object and reference.
            return CommandNetwork.of_system(source, self.centre)
        from emergencykit.graph._analytics import command_network

        return command_network(source, self.centre)

    @functools.cached_property
    def centre(self) -> str | None:
        """The command centre as :func:`emergencykit.graph.command_centre` picks it."""
        from emergencykit.graph._network import command_centre

        return command_centre(self._graph_or_system)

    @property
    def _graph_or_system(self) -> "nx.MultiDiGraph[str] | EmergencySystem":
        if "graph" in self.__dict__:
            return self.__dict__["graph"]
        return self.system if self._given_graph is None else self._given_graph


@takes(system=EmergencySystem, config=ValidationConfig)
def active_packs(system: EmergencySystem, config: ValidationConfig) -> tuple[Pack[Any], ...]:
    """The packs that run: ``config.packs``, or every installed pack that applies to ``system``.

    Raises
    ------
    PackError
        When an installed pack is broken, or its ``applies`` predicate raises.

    Examples
    --------
    >>> import datetime as dt
    >>> from emergencykit import EmergencySystem, Label
    >>> from emergencykit.rules import ValidationConfig, active_packs
    >>> s = EmergencySystem(id="s", name=Label(zh="示例"))
    >>> [p.name for p in active_packs(s, ValidationConfig(as_of=dt.date(2024, 1, 1)))]
    ['national', 'ics']
    """
    if config.packs is not None:
        return config.packs
    return tuple(p for p in packs() if _applies(p, system))


def _applies(pack: Pack[Any], system: EmergencySystem) -> bool:
    try:
        return bool(pack.applies(system))
    except Exception as exc:  # a pack's own code failing is the pack's error, not the system's
        raise PackError(
            f"rule pack {pack.name!r}: its applies predicate failed: {type(exc).__name__}: {exc}"
        ) from exc


def is_selected(code: str, config: ValidationConfig) -> bool:
    """Whether ``select``/``ignore`` let the rule ``code`` run (packs aside).

    The longest matching prefix decides; on a tie ``ignore`` wins.

    Examples
    --------
    >>> import datetime as dt
    >>> from emergencykit.rules import ValidationConfig, is_selected
    >>> c = ValidationConfig(as_of=dt.date(2024, 1, 1), select=("EK1",), ignore=("EK10",))
    >>> is_selected("EK105", c), is_selected("EK111", c), is_selected("EK201", c)
    (False, True, False)
    """
    select = config.select or ("",)
    best_select = max((len(p) for p in select if code.startswith(p)), default=-1)
    best_ignore = max((len(p) for p in config.ignore if code.startswith(p)), default=-1)
    return best_select > best_ignore


def _runs(item: Rule, config: ValidationConfig, on: tuple[Pack[Any], ...]) -> bool:
    if not is_selected(item.code, config):
        return False
    return item.pack in on or item.code in config.select


def _as_of(system: EmergencySystem, config: ValidationConfig) -> dt.date:
    """The date to check against: the config's ``as_of``, else the system's described date.

    A described date known only to the month or the year counts as its last
    day (:meth:`~emergencykit.PartialDate.latest`), as on the command line.
    """
    if config.as_of is not None:
        return config.as_of
    if system.described is not None:
        return system.described.latest()
    raise ArgumentError(
        "validate() needs the date to check against: pass "
        "ValidationConfig(as_of=datetime.date(…)), or state the system's described date"
    )


@takes(
    system=EmergencySystem,
    config=(ValidationConfig, None),
    graph=("networkx.MultiDiGraph", None),
    max_per_rule=(int, None),
)
def validate(
    system: EmergencySystem,
    config: ValidationConfig | None = None,
    *,
    graph: "nx.MultiDiGraph[str] | None" = None,
    max_per_rule: int | None = None,
) -> Report:
    """Check ``system`` against the selected rules.

    Validation is total: any system that loads gets a report.  A rule that
    raises is reported as an ``EK000`` finding and the run goes on.

    Parameters
    ----------
    system
        The system to check.
    config
        The date to check against (``as_of``), rule selection, packs and
        parameters.  By default every rule of the packs that apply, as of
        the system's own :attr:`~emergencykit.EmergencySystem.described`
        date (its last day, when it is known only to the month or the
        year); the same when the config leaves ``as_of`` out.
    graph
        ``to_graph(system)`` when the caller already has it, unchanged since:
        the graph-based rules (EK5xx) then use it instead of building a
        second one, which saves one graph build in time and the memory of a
        second graph.  A graph of another system, or one changed since,
        gives findings about that graph.  By default the graph is built
        when a rule first needs it.
    max_per_rule
        Keep at most this many violations and this many questions of each
        rule, the first in report order, as a text report with
        ``render_text(…, max_per_rule=…)`` shows them; the others are
        counted in :attr:`Report.omitted <emergencykit.rules.Report.omitted>`
        and dropped as they come, so a million findings of one rule cost no
        memory.  ``None`` (the default) keeps every finding.  Counts are the
        same either way.

    Returns
    -------
    Report
        The findings, sorted, with counts and the date checked against.

    Raises
    ------
    ArgumentError
        When ``system``, ``config``, ``graph`` or ``max_per_rule`` is not what
        it should be (``max_per_rule`` below 1), or when neither ``config``
        nor the system states the date to check against.

    Examples
    --------
    >>> import datetime as dt
    >>> from emergencykit import EmergencySystem, Label, Plan, PlanKind
    >>> from emergencykit.rules import ValidationConfig, validate
    >>> s = EmergencySystem(id="s", name=Label(zh="示例"),
    ...                     plans=(Plan(id="p", title=Label(zh="预案"), kind=PlanKind.SPECIAL),))
    >>> report = validate(s, ValidationConfig(as_of=dt.date(2024, 1, 1), select=("EK101",)))
    >>> [(f.code, f.kind.value, f.path) for f in report.findings]
    [('EK101', 'question', '$.plans[0].lead')]
    >>> report.ok
    True

    A system that states its date needs no config:

    >>> import attrs
    >>> validate(attrs.evolve(s, described=dt.date(2022, 5, 11))).as_of
    datetime.date(2022, 5, 11)
    >>> validate(attrs.evolve(s, described="2022-05")).as_of
    datetime.date(2022, 5, 31)
    >>> validate(s)
    Traceback (most recent call last):
    ...
    emergencykit.errors.ArgumentError: validate() needs the date to check against: pass ValidationConfig(as_of=datetime.date(…)), or state the system's described date
    >>> validate({"id": "s"})
    Traceback (most recent call last):
    ...
    emergencykit.errors.ArgumentError: validate() takes an EmergencySystem (got dict)

    A caller that has built the graph already passes it on:

    >>> from emergencykit.graph import to_graph
    >>> validate(s, ValidationConfig(as_of=dt.date(2024, 1, 1)), graph=to_graph(s)).ok
    True

    Keeping the first finding of each rule, and counting the others:

    >>> two = attrs.evolve(s, plans=s.plans * 2)
    >>> config = ValidationConfig(as_of=dt.date(2024, 1, 1), select=("EK101",))
    >>> report = validate(two, config, max_per_rule=1)
    >>> [f.path for f in report.findings], report.counts["question"]
    (['$.plans[0].lead'], 2)
    >>> [(code, kind.value, n) for code, kind, _, n in report.omitted]
    [('EK101', 'question', 1)]
    """
    if max_per_rule is not None and max_per_rule < 1:
        raise ArgumentError(
            f"validate() takes max_per_rule of 1 or more, or None (got {max_per_rule})"
        )
    # A run allocates many small objects and frees few: the cyclic collector
    # finds nothing to collect and costs a third of the time (see DESIGN.md).
    with paused_gc():
        return _validate(system, config, graph, max_per_rule)


def _validate(
    system: EmergencySystem,
    config: ValidationConfig | None,
    graph: "nx.MultiDiGraph[str] | None",
    max_per_rule: int | None = None,
) -> Report:
    if config is None:
        config = ValidationConfig()
    ctx = Context(system, config, graph)
    on = active_packs(system, config)
    chosen = [r for r in registry() if _runs(r, config, on)]
    findings: list[Finding] = []
    omitted: list[tuple[str, FindingKind, Level, int]] = []
    for item in chosen:
        ctx._rule = item
        try:
            # Collect first: a rule that fails midway contributes nothing but EK000.
            if max_per_rule is None:
                produced = list(item.check(ctx))
                dropped: list[tuple[str, FindingKind, Level, int]] = []
            else:
                first = ctx._first = FirstFindings(max_per_rule)
                for f in item.check(ctx):
                    first.add(f)
                produced, dropped = first.kept(), first.omitted()
        except Exception as exc:
            ctx._first = None
            ctx._rule = INTERNAL
            detail = str(exc).splitlines()[0][:200] if str(exc) else ""
            findings.append(
                ctx.finding(
                    f"规则 {item.code} 内部出错：{type(exc).__name__} {detail}".rstrip(),
                    f"rule {item.code} failed internally: {type(exc).__name__} {detail}".rstrip(),
                    hint=Label(
                        zh="这是 emergencykit 的缺陷，请报告；其余规则照常运行。",
                        en="This is a bug in emergencykit; please report it. The other rules ran.",
                    ),
                )
            )
        else:
            findings.extend(produced)
            omitted.extend(dropped)
        ctx._first = None
    return Report.build(
        findings,
        as_of=ctx.as_of,
        packs=on,
        rules=tuple(r.code for r in chosen),
        system=system.id,
        omitted=omitted,
    )
