"""Explore the embedded Chongqing 2022 model: what the library knows out of the box.

Run: python examples/explore_chongqing.py
"""

from emergencykit.datasets import chongqing_2022
from emergencykit.summary import force_totals, mandate_coverage


def main() -> None:
    system = chongqing_2022()
    print(f"{system.name.zh} — {len(system)} objects")

    proposal = system.proposals[0]
    print(f"\nProposal No. {proposal.number} ({proposal.session.label()}): {proposal.title.zh}")
    print("  lead handler:", system[proposal.lead_handler].name.zh)
    print("  co-handlers: ", "、".join(system[c].name.zh for c in proposal.co_handlers))

    print("\nThe 3+8 framework:")
    for aspect_id in system.frameworks[0].aspects:
        aspect = system[aspect_id]
        names = "、".join(system[i].name.zh for i in aspect.institutions)
        print(f"  {aspect.name.zh}: {names}")

    print("\nForces by tier and domain (teams):")
    for (tier, domain), row in force_totals(system).items():
        tier_name = system[tier].name.get("en") if tier else "—"
        print(f"  {tier_name:<14} {domain:<18} {row['teams']}")

    for mandate in system.mandates:
        rows = mandate_coverage(system, mandate)
        complete = sum(r.complete for r in rows)
        print(f"\n{mandate.name.zh}: {complete} of {len(rows)} districts/counties complete")


if __name__ == "__main__":
    main()
