"""EK5xx: the command structure (incident-command practice).

These rules read the relation graph (:func:`emergencykit.graph.to_graph`)
through the context's command network (the graphs of
:func:`emergencykit.graph.command_graphs` in plain lists), built once per run,
and leave the algorithms to :mod:`emergencykit.graph`: networkx's, run only
where the command structure is not a plain hierarchy.
"""

from collections.abc import Iterator

from emergencykit._words import plural
from emergencykit.graph._build import UNRESOLVED
from emergencykit.graph._network import UNIT_KINDS
from emergencykit.model import AgencyKind, Kind
from emergencykit.rules._builtin import ICS
from emergencykit.rules._engine import Context, rule
from emergencykit.rules._ids import kind_en, kind_zh
from emergencykit.rules._report import Finding, Level

__all__: list[str] = []

#: Bodies whose span is administrative, not operational.
_ADMINISTRATIVE = frozenset(
    {
        AgencyKind.GOVERNMENT,
        AgencyKind.PARTY_COMMITTEE,
        AgencyKind.LEGISLATURE,
        AgencyKind.CONSULTATIVE,
    }
)


def _administrative(ctx: Context, node: str) -> bool:
    return ctx.kind(node) == Kind.AGENCY and ctx.get(node).kind in _ADMINISTRATIVE


def _where(ctx: Context, node: str) -> str | None:
    obj = ctx.get(node)
    return None if obj is None else ctx.path_of(obj)


@rule(
    "EK501",
    Level.ERROR,
    zh="指挥关系成环",
    en="command cycle",
    source="ICS practice (I3): command chains have no cycles",
    pack=ICS,
    needs=("Team.commander", "Agency.parent", "Link.relation"),
)
def command_cycle(ctx: Context) -> Iterator[Finding]:
    """Following *commands* edges upwards must reach a top.  In a cycle each
    member is, through the others, its own superior, and nobody is at the
    top.  Each strongly connected group of two or more nodes is reported
    once; a node that commands itself is EK506."""
    for ids in ctx.command_network.command_cycles():
        yield ctx.finding(
            "指挥关系成环：" + "、".join(ctx.name(n) for n in ids),
            "command cycle among: " + ", ".join(ctx.name(n, "en") for n in ids),
            subjects=ids,
            path=_where(ctx, ids[0]),
        )


@rule(
    "EK502",
    Level.ERROR,
    zh="一个单位有多个指挥者",
    en="more than one commander of a unit",
    source="NIMS/ICS unity of command (I1); 双重领导 (dual leadership) is lawful in Chinese administration",
    pack=ICS,
    needs=("Team.commander", "Agency.parent", "Agency.kind", "Link.relation"),
)
def unity_of_command(ctx: Context) -> Iterator[Finding]:
    """Every unit has exactly one operational commander on *commands* edges
    (the top has none).  Dispatch and co-handling are not command and are
    not counted.  Nor are administrative parents: a unit's own ``parent``
    and governments, party committees, congresses and conferences lead it
    administratively, and dual leadership (双重领导: a local government and
    the department above) is lawful, not a breach of unity of command."""
    for node, kind, ups in ctx.command_network.superiors():
        if kind in UNIT_KINDS:
            parent = getattr(ctx.get(node), "parent", None)
            bosses = sorted(u for u in ups if u != parent and not _administrative(ctx, u))
            if len(bosses) < 2:
                continue
            yield ctx.finding(
                f"{kind_zh(kind)}「{ctx.name(node)}」有 {len(bosses)} 个指挥者："
                + "、".join(ctx.name(b) for b in bosses),
                f"{kind_en(kind)} '{ctx.name(node, 'en')}' has {len(bosses)} commanders: "
                + ", ".join(ctx.name(b, "en") for b in bosses),
                subjects=(node, *bosses),
                path=_where(ctx, node),
            )


@rule(
    "EK503",
    Level.WARNING,
    zh="管理幅度超出范围",
    en="span of control outside the band",
    source="FEMA IS-200.c; NIMS (I2): 1:5 optimal, 3–7 usual",
    pack=ICS,
    needs=("Team.commander", "Agency.parent", "Link.relation"),
)
def span(ctx: Context) -> Iterator[Finding]:
    """A supervisor directs 3 to 7 subordinates, 5 being the guideline
    (configurable).  Above the band is a warning, above the configured
    maximum (10 by default) an error: the subordinates are stated.  Below
    the band is a question: a document seldom names every subordinate, so
    a short span usually means an incomplete description.  It is asked only
    in a command structure of at least ``span_min_units`` units (31 by
    default, 1 + 5 + 25): a smaller one is too small for the band.
    Governments, party committees, congresses and conferences are not
    judged: a government's departments are an administrative span, not an
    incident organisation's.  Counted on *commands* edges as :func:`emergencykit.graph.span_of_control`
    does (each distinct subordinate once, a counted group as one), but only
    subordinate units: a protocol that takes instructions is not one.  An
    id that names nothing (EK002) is not judged."""
    c = ctx.config.params_for(ICS)
    network = ctx.command_network
    large = network.has_command_nodes(c.span_min_units)
    for node, n in network.span_of_control().items():
        if c.span_min <= n <= c.span_max:
            continue
        if network.kind_of(node) == UNRESOLVED or _administrative(ctx, node):
            continue
        band = f"{c.span_min}–{c.span_max}"
        if n < c.span_min:
            if large:
                yield ctx.question(
                    f"文件只列出「{ctx.name(node)}」直接指挥的 {n} 个下级，低于 {band} 的范围；"
                    "是否还有未列出的下级？",
                    f"the document names only {plural(n, 'subordinate')} directly commanded by "
                    f"'{ctx.name(node, 'en')}', below {band}; are there others it does not name?",
                    subjects=(node,),
                    path=_where(ctx, node),
                )
            continue
        yield ctx.finding(
            f"「{ctx.name(node)}」直接指挥 {n} 个下级，超出 {band} 的范围",
            f"'{ctx.name(node, 'en')}' directly commands {plural(n, 'subordinate')}, above {band}",
            subjects=(node,),
            path=_where(ctx, node),
            severity=Level.ERROR if n > c.span_hard_max else None,
        )


def _centre(ctx: Context) -> str | None:
    return ctx.centre


@rule(
    "EK504",
    Level.WARNING,
    zh="队伍与指挥中心不连通",
    en="team unreachable from the command centre",
    source="应对法 Art. 39 (统一指挥); seed §一 (统一调度)",
    pack=ICS,
    needs=("Team.commander", "Team.dispatcher"),
)
def unreachable(ctx: Context) -> Iterator[Finding]:
    """Under unified command every team can be reached from the command
    centre along *commands* and *dispatches* edges.  The centre is the one
    :func:`emergencykit.graph.command_centre` picks; without one the rule is
    silent.  A team with neither commander nor dispatcher is left to EK301:
    it is not cut off from a chain, it has none."""
    centre = _centre(ctx)
    if centre is None:
        return
    reached = ctx.command_network.descendants(centre)
    cz, ce = ctx.names(centre)
    for i, t in enumerate(ctx.system.teams):
        if t.commander is None and t.dispatcher is None:
            continue
        if t.id not in reached and t.id != centre:
            yield ctx.finding(
                f"队伍「{t.name.get('zh')}」无法经指挥或调度关系从「{cz}」到达",
                f"team '{t.name.get('en')}' cannot be reached from '{ce}' along command or "
                "dispatch edges",
                subjects=(t.id, centre),
                path=f"$.teams[{i}]",
            )


@rule(
    "EK505",
    Level.WARNING,
    zh="单点失效",
    en="single point of failure",
    source="ICS practice; seed §二 (AB角)",
    pack=ICS,
    needs=("Team.commander", "Team.dispatcher"),
)
def single_point(ctx: Context) -> Iterator[Finding]:
    """A node through which every command or dispatch path from the centre to
    some team passes: if it fails, those teams are cut off.  Computed as in
    :func:`emergencykit.graph.single_points_of_failure` (dominators of the
    forces in the command graph rooted at the centre); one finding per node,
    with the number of forces that depend on it."""
    centre = _centre(ctx)
    if centre is None:
        return
    depends = ctx.command_network.dependent_forces(centre)
    for node in sorted(depends):
        n = depends[node]
        yield ctx.finding(
            f"「{ctx.name(node)}」是单点：失去它，{n} 支队伍(群)与指挥中心断开",
            f"'{ctx.name(node, 'en')}' is a single point of failure: losing it cuts "
            f"{plural(n, 'force')} off from the command centre",
            subjects=(node,),
            path=_where(ctx, node),
        )


@rule(
    "EK506",
    Level.ERROR,
    zh="自己指挥自己",
    en="an agency or body that commands itself",
    source="ICS practice (I3): an organisation is not its own branch",
    pack=ICS,
    needs=("Agency.parent", "Link.relation"),
)
def self_command(ctx: Context) -> Iterator[Finding]:
    """A *commands* edge from a node to itself: an agency that is its own
    parent, a body hosted by itself."""
    for node in sorted(ctx.command_network.self_commanding()):
        yield ctx.finding(
            f"「{ctx.name(node)}」指挥自己",
            f"'{ctx.name(node, 'en')}' commands itself",
            subjects=(node,),
            path=_where(ctx, node),
        )
