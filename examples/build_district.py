"""Build a small district system in Python, save it as YAML (or JSON), and check it.

Run: python examples/build_district.py [OUT]   (default: district.yaml;
a .json or .toml name picks that format)
"""

import datetime as dt
import sys

import emergencykit as ek
from emergencykit import io, rules


def build() -> ek.EmergencySystem:
    L = ek.Label
    district = ek.Jurisdiction(
        id="demo-district",
        name=L(zh="示例区", en="Demo District"),
        level=ek.AdminLevel.COUNTY,
        hazards=("flood",),
    )
    government = ek.Agency(
        id="demo-gov",
        name=L(zh="示例区人民政府", en="Demo District Government"),
        kind=ek.AgencyKind.GOVERNMENT,
        jurisdiction="demo-district",
    )
    bureau = ek.Agency(
        id="demo-yjj",
        name=L(zh="示例区应急管理局", en="Demo District Emergency Management Bureau"),
        kind=ek.AgencyKind.GOVERNMENT_DEPARTMENT,
        sector=ek.Sector.EMERGENCY_MANAGEMENT,
        jurisdiction="demo-district",
        parent="demo-gov",
    )
    flood = ek.EventType(
        id="flood", name=L(zh="洪涝灾害", en="flood"), category=ek.EventCategory.NATURAL_DISASTER
    )
    plan = ek.Plan(
        id="demo-flood-plan",
        title=L(zh="示例区防汛应急预案", en="Demo District flood plan"),
        kind=ek.PlanKind.SPECIAL,
        jurisdiction="demo-district",
        issuer="demo-gov",
        lead="demo-yjj",
        event_types=("flood",),
        sections=tuple(ek.PlanSection),
        issued=dt.date(2024, 3, 1),  # the filing is not recorded: the check asks about it
        drills=(ek.Drill(date=dt.date(2024, 6, 12), scope=ek.DrillScope.SPECIAL),),
    )
    team = ek.Team(
        id="demo-rescue",
        name=L(zh="示例区综合应急救援队", en="Demo District rescue team"),
        domain=ek.ForceDomain.ACCIDENT_DISASTER,
        level=ek.AdminLevel.COUNTY,
        jurisdiction="demo-district",
        agency="demo-yjj",
        commander="demo-yjj",
        headcount=ek.Count(
            value=60, unit=ek.CountUnit.PEOPLE, approx=ek.Approx.ABOUT, text="约60人"
        ),
    )
    return ek.EmergencySystem(
        id="demo",
        name=L(zh="示例区应急管理体系", en="Demo District emergency system"),
        root="demo-district",
        described=dt.date(2024, 7, 1),
        jurisdictions=(district,),
        agencies=(government, bureau),
        event_types=(flood,),
        plans=(plan,),
        teams=(team,),
    )


def main(argv: list[str]) -> int:
    out = argv[1] if len(argv) > 1 else "district.yaml"
    system = build()
    try:
        io.dump(system, out)
    except ek.EmergencyKitError as exc:
        print(exc, file=sys.stderr)
        return 2
    again = io.load(out)
    assert again == system, "the saved document reads back to the same system"
    print(f"wrote {out}: {len(system)} objects")
    # What a district described this sparsely still has to state (questions) or fix:
    assert again.described is not None
    report = rules.validate(again)
    print(rules.render_text(report, lang="en"), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
