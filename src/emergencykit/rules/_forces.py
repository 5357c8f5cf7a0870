"""EK3xx: rescue forces — commanders, unified dispatch, registration, posts, mandates."""

import operator
from collections.abc import Iterator

from emergencykit._words import plural
from emergencykit.model import ForceDomain, ForceGroup, Label, Mandate, Team
from emergencykit.rules._builtin import CHONGQING
from emergencykit.rules._engine import Context, rule
from emergencykit.rules._report import Finding, Level
from emergencykit.summary import mandate_coverage

__all__: list[str] = []


def _forces(ctx: Context, domain: ForceDomain) -> Iterator[tuple[str, Team | ForceGroup, str, str]]:
    """(path, team or group, word zh, word en) of every team and counted group of ``domain``."""
    # A path is written only for a force of the domain: a million teams ask.
    teams = ctx.system.teams
    domains = list(map(operator.attrgetter("domain"), teams))
    if domain in domains:
        for i, d in enumerate(domains):
            if d is domain:
                yield f"$.teams[{i}]", teams[i], "队伍", "team"
    for i, g in enumerate(ctx.system.force_groups):
        if g.domain is domain:
            yield f"$.force_groups[{i}]", g, "队伍群", "team group"


def _covered_teams(ctx: Context, m: Mandate) -> Iterator[tuple[str, Team]]:
    cats = set(m.categories)
    for i, t in enumerate(ctx.system.teams):
        # A team whose domain is not stated counts by a category the mandate lists.
        if t.domain is None:
            if not cats or t.category not in cats:
                continue
        elif t.domain is not m.domain or (cats and t.category not in cats):
            continue
        j = ctx.tree.get(t.jurisdiction)
        if j is not None and j.level is m.level and ctx.tree.under(j.id, m.jurisdiction):
            yield f"$.teams[{i}]", t


def _covered_groups(ctx: Context, m: Mandate) -> Iterator[tuple[str, ForceGroup]]:
    cats = set(m.categories)
    for i, g in enumerate(ctx.system.force_groups):
        if g.domain is not m.domain:
            continue
        group_cats = {g.category, *(p.category for p in g.parts)} - {None}
        if cats and not cats & group_cats:
            continue
        levels = {g.level, *(lv for p in g.parts for lv in p.level)} - {None}
        if levels and m.level not in levels:
            continue
        if ctx.tree.under(g.jurisdiction or ctx.system.root, m.jurisdiction):
            yield f"$.force_groups[{i}]", g


@rule(
    "EK301",
    Level.ERROR,
    zh="队伍没有指挥主体",
    en="team without a commander",
    source=(
        "ICS unity of command (I1); 突发事件应对法 (统一指挥; article not verified): "
        "asked, not judged"
    ),
    needs=("Team.commander", "Team.agency"),
)
def team_without_commander(ctx: Context) -> Iterator[Finding]:
    """Every team answers to a commander (an agency, command body or person);
    a team without one cannot be ordered out.  A team placed in an agency
    (``agency``) answers to that agency when no other commander is named;
    a team formed by several agencies, to any of them.
    A document that names neither is asked who commands the team."""
    if None not in map(operator.attrgetter("commander"), ctx.system.teams):
        return  # every team names its commander
    for i, t in enumerate(ctx.system.teams):
        if t.commander is None and not t.agency:
            yield ctx.question(
                f"文件未说明队伍「{t.name.get('zh')}」由谁指挥",
                f"the document does not say who commands team '{t.name.get('en')}'",
                subjects=(t.id,),
                path=f"$.teams[{i}].commander",
            )


@rule(
    "EK302",
    Level.WARNING,
    zh="社会救援力量未纳入统一调度",
    en="social force outside unified dispatch",
    source="应对法 Art. 39 (N13); seed §一 (统一调度办法)",
    needs=("Team.domain", "Team.dispatcher", "ForceGroup.domain", "ForceGroup.dispatcher"),
)
def social_without_dispatcher(ctx: Context) -> Iterator[Finding]:
    """Social rescue forces take part under unified command and dispatch; a
    social team or group with no dispatcher acts on its own.  A document that
    does not say who dispatches one is asked."""
    for path, f, wz, we in _forces(ctx, ForceDomain.SOCIAL):
        if f.dispatcher is None:
            yield ctx.question(
                f"文件未说明社会救援{wz}「{f.name.get('zh')}」由哪个单位调度",
                f"the document does not say who dispatches social {we} '{f.name.get('en')}'",
                subjects=(f.id,),
                path=f"{path}.dispatcher",
            )


@rule(
    "EK303",
    Level.WARNING,
    zh="社会救援力量未在册",
    en="social force not registered",
    source="seed §二 (27支在册社会救援力量): Chongqing practice, not national law",
    pack=CHONGQING,
    needs=("Team.domain", "Team.registered", "ForceGroup.domain", "ForceGroup.registered"),
)
def social_unregistered(ctx: Context) -> Iterator[Finding]:
    """In Chongqing social rescue forces are registered (在册) before they
    take part in response.  Fires when ``registered`` is false; unknown
    (empty) is not judged."""
    for path, f, wz, we in _forces(ctx, ForceDomain.SOCIAL):
        if f.registered is False:
            yield ctx.finding(
                f"社会救援{wz}「{f.name.get('zh')}」未在册",
                f"social {we} '{f.name.get('en')}' is not registered",
                subjects=(f.id,),
                path=f"{path}.registered",
            )


@rule(
    "EK304",
    Level.WARNING,
    zh="队伍缺少背囊化快速小分队",
    en="team without the required rapid-response unit",
    source="seed §二 (每支队伍配置背囊化快速小分队)",
    pack=CHONGQING,
    needs=("Mandate.rapid_unit", "Team.rapid_unit", "ForceGroup.rapid_units"),
)
def rapid_unit(ctx: Context) -> Iterator[Finding]:
    """Where a mandate asks for rapid-response units (Chongqing's district
    health teams), each covered team has one and each covered counted group
    states that its teams do.  A group that states its teams have none is a
    violation; a team or group about which the document says nothing is
    asked."""
    for m in ctx.system.mandates:
        if not m.rapid_unit:
            continue
        for path, t in _covered_teams(ctx, m):
            if t.rapid_unit is None:
                yield ctx.question(
                    f"文件未说明队伍「{t.name.get('zh')}」是否按「{m.name.get('zh')}」配置快速小分队",
                    f"the document does not say whether team '{t.name.get('en')}' has the "
                    f"rapid unit '{m.name.get('en')}' requires",
                    subjects=(t.id, m.id),
                    path=f"{path}.rapid_unit",
                )
        for path, g in _covered_groups(ctx, m):
            if g.rapid_units is False:
                yield ctx.finding(
                    f"队伍群「{g.name.get('zh')}」未按「{m.name.get('zh')}」配置快速小分队",
                    f"team group '{g.name.get('en')}' has no rapid units though "
                    f"'{m.name.get('en')}' requires them",
                    subjects=(g.id, m.id),
                    path=f"{path}.rapid_units",
                )
            elif g.rapid_units is None:
                yield ctx.question(
                    f"文件未说明队伍群「{g.name.get('zh')}」是否按「{m.name.get('zh')}」配置快速小分队",
                    f"the document does not say whether team group '{g.name.get('en')}' has "
                    f"the rapid units '{m.name.get('en')}' requires",
                    subjects=(g.id, m.id),
                    path=f"{path}.rapid_units",
                )


@rule(
    "EK305",
    Level.ERROR,
    zh="岗位缺少 A 角或 B 角",
    en="post missing its A or B holder",
    source="seed §二 (所有岗位实行AB角配置): Chongqing practice, not national law",
    pack=CHONGQING,
    needs=("Post.a", "Post.b"),
)
def post_missing_holder(ctx: Context) -> Iterator[Finding]:
    """In Chongqing every post has a primary (A) and a backup (B) holder, so
    that the post is filled when one is away.  A post whose holder the
    document does not name is asked about."""
    for i, t in enumerate(ctx.system.teams):
        for k, post in enumerate(t.posts):
            for role, holder in (("a", post.a), ("b", post.b)):
                if holder is None:
                    yield ctx.question(
                        f"文件未说明队伍「{t.name.get('zh')}」岗位「{post.title.get('zh')}」的 {role.upper()} 角是谁",
                        f"the document does not say who is the {role.upper()} holder of post "
                        f"'{post.title.get('en')}' of team '{t.name.get('en')}'",
                        subjects=(t.id,),
                        path=f"$.teams[{i}].posts[{k}].{role}",
                    )


@rule(
    "EK306",
    Level.ERROR,
    zh="岗位 A 角与 B 角是同一人",
    en="post with the same person as A and B",
    source="seed §二 (AB角)",
    needs=("Post.a", "Post.b"),
)
def post_same_holder(ctx: Context) -> Iterator[Finding]:
    """A backup who is the primary backs nothing up."""
    if not any(map(operator.attrgetter("posts"), ctx.system.teams)):
        return  # no team names a post
    for i, t in enumerate(ctx.system.teams):
        for k, post in enumerate(t.posts):
            if post.a is not None and post.a == post.b:
                yield ctx.finding(
                    f"队伍「{t.name.get('zh')}」的岗位「{post.title.get('zh')}」A、B 角都是「{ctx.name(post.a)}」",
                    f"post '{post.title.get('en')}' of team '{t.name.get('en')}' has "
                    f"'{ctx.name(post.a, 'en')}' as both A and B",
                    subjects=(t.id, post.a),
                    path=f"$.teams[{i}].posts[{k}].b",
                )


@rule(
    "EK307",
    Level.ERROR,
    zh="行政区缺少规定类别的队伍",
    en="jurisdiction lacking a mandated team category",
    source="seed §二 (各区县建成3支卫生应急队伍)",
    needs=("Mandate.categories", "Team.category", "Team.jurisdiction", "ForceGroup.parts"),
)
def mandate_gap(ctx: Context) -> Iterator[Finding]:
    """A mandate asks every jurisdiction at a level (every 区县) for so many
    teams of each listed category.  Teams count for their own jurisdiction
    and category, counted groups through their parts; the count is the one
    the summary shows.  A document seldom lists every team of every place,
    so a category it does not show is asked about."""
    for mi, m in enumerate(ctx.system.mandates):
        for row in mandate_coverage(ctx.system, m):
            if not row.missing:
                continue
            j = ctx.tree[row.jurisdiction]
            cz = "、".join(ctx.name(c) for c in row.missing)
            ce = ", ".join(ctx.name(c, "en") for c in row.missing)
            yield ctx.question(
                f"文件未说明「{j.name.get('zh')}」是否有「{m.name.get('zh')}」要求的队伍类别：{cz}",
                f"the document does not say whether '{j.name.get('en')}' has the team "
                f"categories '{m.name.get('en')}' requires: {ce}",
                subjects=(j.id, m.id, *row.missing),
                path=f"$.mandates[{mi}]",
            )


@rule(
    "EK308",
    Level.WARNING,
    zh="队伍未按要求实行 AB 角",
    en="team without the A/B posts its mandate requires",
    source="seed §二 (所有岗位实行AB角配置)",
    needs=("Mandate.ab_posts", "Team.posts", "ForceGroup.ab_posts"),
)
def mandate_ab_posts(ctx: Context) -> Iterator[Finding]:
    """Where a mandate asks for A/B posts, each covered team lists its posts
    and each covered counted group states that its posts are A/B.  Missing
    holders of listed posts are EK305's business.  A group that states its
    posts are not A/B is a violation; silence is asked about."""
    for m in ctx.system.mandates:
        if not m.ab_posts:
            continue
        for path, t in _covered_teams(ctx, m):
            if not t.posts:
                yield ctx.question(
                    f"文件未说明队伍「{t.name.get('zh')}」的 AB 角岗位(「{m.name.get('zh')}」要求)",
                    f"the document does not say which A/B posts team '{t.name.get('en')}' has "
                    f"('{m.name.get('en')}' requires them)",
                    subjects=(t.id, m.id),
                    path=f"{path}.posts",
                )
        for path, g in _covered_groups(ctx, m):
            if g.ab_posts is False:
                yield ctx.finding(
                    f"队伍群「{g.name.get('zh')}」未实行 AB 角(「{m.name.get('zh')}」要求)",
                    f"team group '{g.name.get('en')}' has no A/B posts "
                    f"('{m.name.get('en')}' requires them)",
                    subjects=(g.id, m.id),
                    path=f"{path}.ab_posts",
                )
            elif g.ab_posts is None:
                yield ctx.question(
                    f"文件未说明队伍群「{g.name.get('zh')}」是否实行 AB 角(「{m.name.get('zh')}」要求)",
                    f"the document does not say whether team group '{g.name.get('en')}' has "
                    f"A/B posts ('{m.name.get('en')}' requires them)",
                    subjects=(g.id, m.id),
                    path=f"{path}.ab_posts",
                )


@rule(
    "EK309",
    Level.ERROR,
    zh="队伍群列名队伍多于其总数",
    en="counted group names more teams than it counts",
    source="seed §二 (counts are honest)",
    needs=("ForceGroup.teams", "ForceGroup.members"),
)
def group_overfull(ctx: Context) -> Iterator[Finding]:
    """A counted group's ``members`` are named teams included in its total,
    so there cannot be more of them than the total allows."""
    for i, g in enumerate(ctx.system.force_groups):
        upper = g.teams.upper if g.teams is not None else None
        named = len(set(g.members))
        if upper is not None and named > upper:
            yield ctx.finding(
                f"队伍群「{g.name.get('zh')}」列名 {named} 支队伍，多于总数 {upper}",
                f"team group '{g.name.get('en')}' names {plural(named, 'team')}, more than its total {upper}",
                subjects=(g.id,),
                path=f"$.force_groups[{i}].members",
            )


@rule(
    "EK310",
    Level.INFO,
    zh="队伍未分层",
    en="team without a tier",
    source="seed §二 (骨干、精锐、攻坚、补充)",
    needs=("Team.tier",),
)
def team_without_tier(ctx: Context) -> Iterator[Finding]:
    """When the system ranks its forces by a tier scheme, a team without a
    tier is left out of every count by tier."""
    if not ctx.system.tier_schemes:
        return
    for i, t in enumerate(ctx.system.teams):
        if t.tier is None:
            yield ctx.question(
                f"文件未说明队伍「{t.name.get('zh')}」属于哪个层级",
                f"the document does not say which tier team '{t.name.get('en')}' belongs to",
                subjects=(t.id,),
                path=f"$.teams[{i}].tier",
                hint=Label(zh="在 tier 中填写层级 id。", en="Set tier to a tier id."),
            )
