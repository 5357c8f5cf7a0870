"""What-if on the embedded Chongqing model: a major flood in 万州区, then the same flood
with the municipal Publicity Department (市委宣传部) unavailable.

Prints the timeline the 2022 reply's data give (plans activated, reports and
their deadlines, public releases, forces dispatched, the gaps), then what
changes when one party is taken out: which steps fall to whom, and which
gaps appear.

Run: python examples/what_if.py [--lang zh|en]
"""

import argparse

from emergencykit import EmergencySystem
from emergencykit.datasets import chongqing_2022
from emergencykit.scenario import Incident, Step, Timeline, render_text, simulate

PLACE = "500101"  # 万州区 (its GB/T 2260 code), on the Yangtze: floods reach it first
OUT = "cq-xcb"  # 中共重庆市委宣传部, who releases information to the public


def _key(step: Step) -> tuple[str, int | None, str]:
    return (step.phase.value, step.order, step.action.get("en"))


def _name(system: EmergencySystem, id: str, lang: str) -> str:
    obj = system.get(id)
    return obj.name.get(lang) if obj is not None else id


def _who(system: EmergencySystem, ids: tuple[str, ...], lang: str) -> str:
    sep = ", " if lang == "en" else "、"
    return sep.join(_name(system, i, lang) for i in ids) or ("nobody" if lang == "en" else "无人")


def changes(base: Timeline, what_if: Timeline, system: EmergencySystem, lang: str) -> list[str]:
    """One line per step whose responsible party changed, then one per new gap."""
    before = {_key(s): s for s in base.steps}
    lines = []
    for step in what_if.steps:
        old = before.get(_key(step))
        if old is not None and old.responsible != step.responsible:
            arrow = (
                f"{_who(system, old.responsible, lang)} → {_who(system, step.responsible, lang)}"
            )
            colon = ": " if lang == "en" else "："
            lines.append(f"  {step.action.get(lang)}{colon}{arrow}")
    known = {(f.code, f.subjects) for f in base.findings}
    for f in what_if.findings:
        if (f.code, f.subjects) not in known:
            lines.append(f"  {f.code} {f.message(lang)}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("zh", "en"), default="en")
    lang = parser.parse_args().lang

    system = chongqing_2022()
    flood = Incident(
        event_type="flood", level="II", jurisdiction=PLACE, start="2024-07-01T08:00+08:00"
    )
    base = simulate(system, flood)
    print(render_text(base, system, lang=lang))

    what_if = simulate(system, flood, unavailable={OUT})
    name = _name(system, OUT, lang)
    print(f"What if {name} is unavailable?" if lang == "en" else f"若{name}不可用：")
    lines = changes(base, what_if, system, lang)
    print("\n".join(lines) if lines else "  (nothing changes)")


if __name__ == "__main__":
    main()
