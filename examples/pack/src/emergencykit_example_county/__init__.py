"""An EXAMPLE rule pack for emergencykit: one local rule of a fictional county.

示例县 (Example County) and its "emergency-plan measures" are invented to
show how a place ships its own rules; nothing here is any real place's
rule.  The pack has its own code prefix (``XC``), applies to systems whose
root jurisdiction has the county's (fictional) division code, and carries
its own parameters with defaults.  ``pyproject.toml`` registers it under
the ``emergencykit.rules`` entry point, which is how ``emergencykit`` finds
it once the package is installed.
"""

from collections.abc import Iterator

import attrs

from emergencykit import AdminLevel, Label
from emergencykit.rules import Context, Finding, Level, Pack, RootDivision, rule

__all__ = ["PACK", "CountyParams"]


@attrs.frozen(kw_only=True)
class CountyParams:
    """The county's parameters: how many plans of its own each township keeps."""

    #: 示例县应急预案管理办法 (fictional) Art. 3: at least one plan per township.
    plans_per_township: int = 1


PACK: Pack[CountyParams] = Pack(
    name="example-county",
    prefix="XC",
    label=Label(zh="示例县地方规则（示例）", en="Example County local rules (an example)"),
    # 990101 is no real division code: the county is fictional.
    applies=RootDivision(codes=("990101",)),
    params=CountyParams(),
    areas={"XC1": Label(zh="示例县：预案", en="Example County: plans")},
)


@rule(
    "XC101",
    Level.WARNING,
    zh="乡镇没有自己的应急预案",
    en="township without its own emergency plan",
    source="示例县应急预案管理办法 Art. 3 (fictional, for the example pack)",
    pack=PACK,
)
def township_without_plan(ctx: Context) -> Iterator[Finding]:
    """Example County (fictional) asks each of its townships (乡镇) to keep
    at least one emergency plan of its own, so that a township can act
    before the county's forces arrive.  A township is counted as having a
    plan when some plan names it as its jurisdiction."""
    wanted = ctx.config.params_for(PACK).plans_per_township
    counts: dict[str, int] = {}
    for plan in ctx.system.plans:
        if plan.jurisdiction is not None:
            counts[plan.jurisdiction] = counts.get(plan.jurisdiction, 0) + 1
    for i, j in enumerate(ctx.system.jurisdictions):
        have = counts.get(j.id, 0)
        if j.level is AdminLevel.TOWNSHIP and have < wanted:
            yield ctx.finding(
                f"乡镇「{j.name.zh}」有 {have} 个本级应急预案，少于 {wanted} 个",
                f"township '{j.name.get('en')}' has {have} plan{'' if have == 1 else 's'} of its own, fewer than {wanted}",
                subjects=(j.id,),
                path=f"$.jurisdictions[{i}]",
            )
